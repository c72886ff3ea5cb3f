#if canImport(Glibc)
  import Glibc
#endif

/// SHA-256 (FIPS 180-4), for the packet manifest's file digests.
///
/// Whole 64-byte blocks are hashed straight from the caller's bytes, with the message schedule
/// in a stack buffer, so hashing allocates nothing per block. ``hexDigest(_:)-([UInt8])`` uses
/// the system's libcrypto (OpenSSL 3, looked up at run time, which uses the processor's SHA
/// instructions) when it is there, and this implementation otherwise; tests check that both
/// give the same digests.
public struct SHA256: Sendable {
  private var h0: UInt32 = 0x6a09_e667
  private var h1: UInt32 = 0xbb67_ae85
  private var h2: UInt32 = 0x3c6e_f372
  private var h3: UInt32 = 0xa54f_f53a
  private var h4: UInt32 = 0x510e_527f
  private var h5: UInt32 = 0x9b05_688c
  private var h6: UInt32 = 0x1f83_d9ab
  private var h7: UInt32 = 0x5be0_cd19
  /// Bytes of an unfinished block.
  private var buffer: [UInt8] = []
  private var length: UInt64 = 0

  private static let k: [UInt32] = [
    0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4,
    0xab1c_5ed5, 0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe,
    0x9bdc_06a7, 0xc19b_f174, 0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f,
    0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da, 0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7,
    0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967, 0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc,
    0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85, 0xa2bf_e8a1, 0xa81a_664b,
    0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070, 0x19a4_c116,
    0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
    0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7,
    0xc671_78f2,
  ]

  /// Creates an empty hash.
  public init() {}

  /// The hex digest of `bytes`.
  public static func hexDigest(_ bytes: [UInt8]) -> String {
    if let digest = SystemSHA256.hexDigest(bytes) { return digest }
    var hash = SHA256()
    hash.update(bytes)
    return hash.finalizeHex()
  }

  /// Whether ``hexDigest(_:)-([UInt8])`` uses the system's libcrypto.
  public static var usesSystemLibrary: Bool { SystemSHA256.functions != nil }

  /// The hex digest of a string's UTF-8 bytes.
  public static func hexDigest(_ text: String) -> String { hexDigest(Array(text.utf8)) }

  /// Adds bytes to the hash.
  public mutating func update(_ bytes: [UInt8]) {
    bytes.withUnsafeBufferPointer { update($0) }
  }

  /// Adds bytes to the hash.
  public mutating func update(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
    length &+= UInt64(bytes.count)
    var index = 0
    if !buffer.isEmpty {
      let take = min(64 - buffer.count, bytes.count)
      buffer.append(contentsOf: UnsafeBufferPointer(start: base, count: take))
      index = take
      guard buffer.count == 64 else { return }
      let block = buffer
      block.withUnsafeBufferPointer { compress($0.baseAddress.unsafelyUnwrapped, blocks: 1) }
      buffer.removeAll(keepingCapacity: true)
    }
    let blocks = (bytes.count - index) / 64
    if blocks > 0 {
      compress(base + index, blocks: blocks)
      index += blocks * 64
    }
    if index < bytes.count {
      buffer.append(contentsOf: UnsafeBufferPointer(start: base + index, count: bytes.count - index))
    }
  }

  /// Finishes and returns the lowercase hex digest.
  public mutating func finalizeHex() -> String {
    let bitLength = length &* 8
    var padding: [UInt8] = [0x80]
    let used = (buffer.count + 1) % 64
    padding += [UInt8](repeating: 0, count: used <= 56 ? 56 - used : 120 - used)
    for shift in stride(from: 56, through: 0, by: -8) {
      padding.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
    }
    update(padding)
    var digest: [UInt8] = []
    digest.reserveCapacity(32)
    for word in [h0, h1, h2, h3, h4, h5, h6, h7] {
      for shift in stride(from: 24, through: 0, by: -8) {
        digest.append(UInt8(truncatingIfNeeded: word >> UInt32(shift)))
      }
    }
    return Self.hex(digest)
  }

  /// Lowercase hex of bytes.
  static func hex(_ bytes: [UInt8]) -> String {
    let digits: [UInt8] = Array("0123456789abcdef".utf8)
    var hex: [UInt8] = []
    hex.reserveCapacity(bytes.count * 2)
    for byte in bytes {
      hex.append(digits[Int(byte >> 4)])
      hex.append(digits[Int(byte & 0xF)])
    }
    return String(decoding: hex, as: UTF8.self)
  }

  /// Hashes `blocks` whole 64-byte blocks starting at `start`.
  private mutating func compress(_ start: UnsafePointer<UInt8>, blocks: Int) {
    Self.k.withUnsafeBufferPointer { k in
      withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
        var block = start
        for _ in 0..<blocks {
          for i in 0..<16 {
            let b = block + i * 4
            w[i] = UInt32(b[0]) << 24 | UInt32(b[1]) << 16 | UInt32(b[2]) << 8 | UInt32(b[3])
          }
          for i in 16..<64 {
            let x = w[i - 15]
            let y = w[i - 2]
            let s0 = Self.rotate(x, 7) ^ Self.rotate(x, 18) ^ (x >> 3)
            let s1 = Self.rotate(y, 17) ^ Self.rotate(y, 19) ^ (y >> 10)
            w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
          }
          var a = h0
          var b = h1
          var c = h2
          var d = h3
          var e = h4
          var f = h5
          var g = h6
          var h = h7
          for i in 0..<64 {
            let s1 = Self.rotate(e, 6) ^ Self.rotate(e, 11) ^ Self.rotate(e, 25)
            let choice = (e & f) ^ (~e & g)
            let t1 = h &+ s1 &+ choice &+ k[i] &+ w[i]
            let s0 = Self.rotate(a, 2) ^ Self.rotate(a, 13) ^ Self.rotate(a, 22)
            let majority = (a & b) ^ (a & c) ^ (b & c)
            let t2 = s0 &+ majority
            h = g
            g = f
            f = e
            e = d &+ t1
            d = c
            c = b
            b = a
            a = t1 &+ t2
          }
          h0 = h0 &+ a
          h1 = h1 &+ b
          h2 = h2 &+ c
          h3 = h3 &+ d
          h4 = h4 &+ e
          h5 = h5 &+ f
          h6 = h6 &+ g
          h7 = h7 &+ h
          block += 64
        }
      }
    }
  }

  @inline(__always)
  private static func rotate(_ value: UInt32, _ amount: UInt32) -> UInt32 {
    (value >> amount) | (value << (32 - amount))
  }
}

/// OpenSSL's `SHA256_Init`, `SHA256_Update` and `SHA256_Final` from the system's libcrypto, when
/// it can be loaded. (The one-shot `SHA256()` looks the digest up in OpenSSL's provider table on
/// every call, which costs more than hashing a small file.)
private enum SystemSHA256 {
  typealias Initialise = @convention(c) (UnsafeMutableRawPointer?) -> Int32
  typealias Update = @convention(c) (UnsafeMutableRawPointer?, UnsafeRawPointer?, Int) -> Int32
  typealias Finish = @convention(c) (UnsafeMutablePointer<UInt8>?, UnsafeMutableRawPointer?) -> Int32

  struct Functions {
    var initialise: Initialise
    var update: Update
    var finish: Finish
  }

  /// Room for OpenSSL's `SHA256_CTX` (112 bytes) and then some.
  static let contextSize = 256

  static let functions: Functions? = {
    #if os(Linux)
      for name in ["libcrypto.so.3", "libcrypto.so"] {
        guard let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) else { continue }
        guard let initialise = dlsym(handle, "SHA256_Init"), let update = dlsym(handle, "SHA256_Update"),
          let finish = dlsym(handle, "SHA256_Final")
        else { continue }
        return Functions(
          initialise: unsafeBitCast(initialise, to: Initialise.self), update: unsafeBitCast(update, to: Update.self),
          finish: unsafeBitCast(finish, to: Finish.self))
      }
    #endif
    return nil
  }()

  static func hexDigest(_ bytes: [UInt8]) -> String? {
    guard let functions else { return nil }
    var digest = [UInt8](repeating: 0, count: 32)
    let hashed = withUnsafeTemporaryAllocation(byteCount: contextSize, alignment: 16) { context -> Bool in
      guard functions.initialise(context.baseAddress) == 1 else { return false }
      let updated = bytes.withUnsafeBytes { functions.update(context.baseAddress, $0.baseAddress, $0.count) }
      guard updated == 1 else { return false }
      return digest.withUnsafeMutableBufferPointer { functions.finish($0.baseAddress, context.baseAddress) } == 1
    }
    return hashed ? SHA256.hex(digest) : nil
  }
}
