import CCrypto

/// SHA-256 (FIPS 180-4), for the packet manifest's file digests and the walk's session ids,
/// computed by the system's libcrypto (OpenSSL 3, through the `CCrypto` system-library target;
/// it uses the processor's SHA instructions).
///
/// A value type: ``update(_:)-([UInt8])`` gathers the bytes and ``finalizeHex()`` hashes them in
/// one call, so copies of a hash in progress stay independent. The one-shot
/// ``hexDigest(_:)-([UInt8])`` is what the tool uses.
public struct SHA256: Sendable {
  /// The bytes added so far.
  private var pending: [UInt8] = []

  /// Creates an empty hash.
  public init() {}

  /// The hex digest of `bytes`.
  public static func hexDigest(_ bytes: [UInt8]) -> String {
    bytes.withUnsafeBufferPointer { digest($0) }
  }

  /// Whether ``hexDigest(_:)-([UInt8])`` uses the system's libcrypto: always, since it is linked.
  public static var usesSystemLibrary: Bool { true }

  /// The hex digest of a string's UTF-8 bytes.
  public static func hexDigest(_ text: String) -> String { hexDigest(Array(text.utf8)) }

  /// Adds bytes to the hash.
  public mutating func update(_ bytes: [UInt8]) {
    pending += bytes
  }

  /// Adds bytes to the hash.
  public mutating func update(_ bytes: UnsafeBufferPointer<UInt8>) {
    pending.append(contentsOf: bytes)
  }

  /// Finishes and returns the lowercase hex digest (the hash can be finished again, with the
  /// same result, or added to).
  public mutating func finalizeHex() -> String {
    Self.hexDigest(pending)
  }

  /// Lowercase hex of the digest of `bytes`, by `EVP_Digest` with SHA-256. libcrypto fails here
  /// only when it cannot allocate its context, which is a crash anywhere else in Swift too.
  private static func digest(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
    var length: UInt32 = 0
    let empty: [UInt8] = [0]
    let succeeded = output.withUnsafeMutableBufferPointer { out in
      empty.withUnsafeBufferPointer { fallback in
        EVP_Digest(
          UnsafeRawPointer(bytes.baseAddress ?? fallback.baseAddress), bytes.count, out.baseAddress, &length,
          EVP_sha256(), nil)
      }
    }
    precondition(succeeded == 1 && length == 32, "libcrypto's SHA-256 failed (out of memory)")
    return hex(output.prefix(Int(length)))
  }

  /// Lowercase hex of bytes.
  private static func hex(_ bytes: ArraySlice<UInt8>) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var text: [UInt8] = []
    text.reserveCapacity(bytes.count * 2)
    for byte in bytes {
      text.append(digits[Int(byte >> 4)])
      text.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: text, as: UTF8.self)
  }
}
