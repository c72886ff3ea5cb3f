import CCrypto

/// HMAC-SHA256 (RFC 2104) by the system's libcrypto, for the ledger's credential fingerprints:
/// a keyed hash, so a fingerprint cannot be checked against guessed values without the key.
public enum HMACSHA256 {
  /// The 32-byte MAC of `message` under `key`.
  public static func mac(key: [UInt8], message: [UInt8]) -> [UInt8] {
    var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
    var length: UInt32 = 0
    let filler: [UInt8] = [0]
    let result = output.withUnsafeMutableBufferPointer { out in
      key.withUnsafeBufferPointer { keyBytes in
        message.withUnsafeBufferPointer { messageBytes in
          filler.withUnsafeBufferPointer { fallback in
            HMAC(
              EVP_sha256(), UnsafeRawPointer(keyBytes.baseAddress ?? fallback.baseAddress), Int32(keyBytes.count),
              messageBytes.baseAddress ?? fallback.baseAddress, messageBytes.count, out.baseAddress, &length)
          }
        }
      }
    }
    // libcrypto fails here only when it cannot allocate its context (out of memory).
    precondition(result != nil && length == 32, "libcrypto's HMAC-SHA256 failed (out of memory)")
    return Array(output.prefix(Int(length)))
  }

  /// Lowercase hex of the MAC of `message` under `key`.
  public static func hexMAC(key: [UInt8], message: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var text: [UInt8] = []
    for byte in mac(key: key, message: message) {
      text.append(digits[Int(byte >> 4)])
      text.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: text, as: UTF8.self)
  }
}
