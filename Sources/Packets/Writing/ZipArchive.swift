#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A deterministic ZIP archive, built in memory: the same entries give the same bytes.
///
/// Entries are STORED (not compressed; a packet's PNG screenshots are compressed already, and
/// STORED needs only CRC-32), sorted by path, with the fixed timestamp 1980-01-01 00:00 (the
/// earliest a ZIP can say), UTF-8 names, no extra fields and no data descriptors. Each entry's
/// external attributes carry a regular file's Unix mode (`0100600` for a credential file), as
/// Info-ZIP and Python's `zipfile` read them. The archive ends with the comment ``comment``,
/// which says onboard wrote it. Only the classic (ZIP32) format is written, so an archive is
/// limited to 65,535 entries and 4 GiB.
public struct ZipArchive: Sendable {
  /// One file in the archive.
  public struct Entry: Sendable {
    /// The path inside the archive, `/`-separated.
    public var path: String
    /// The content.
    public var bytes: [UInt8]
    /// The Unix permissions, such as `0o600`.
    public var mode: mode_t

    /// Creates an entry.
    public init(path: String, bytes: [UInt8], mode: mode_t) {
      self.path = path
      self.bytes = bytes
      self.mode = mode
    }
  }

  /// Why an archive cannot be built.
  public enum BuildError: Error, Sendable, CustomStringConvertible {
    /// More entries or bytes than a ZIP32 archive holds.
    case tooLarge(String)
    /// Two entries have the same path.
    case duplicatePath(String)

    public var description: String {
      switch self {
      case .tooLarge(let what): return "the zip would be too large: \(what)"
      case .duplicatePath(let path): return "the zip would hold \(path) twice"
      }
    }
  }

  /// The archive comment: how onboard recognises a zip it wrote.
  public static let comment = "onboard packet"

  /// The entries, in the order given.
  public var entries: [Entry]

  /// Creates an archive of `entries` (sorted by path when built).
  public init(entries: [Entry]) {
    self.entries = entries
  }

  /// The archive's bytes.
  /// - Throws: ``BuildError``.
  public func bytes() throws -> [UInt8] {
    let sorted = entries.sorted { Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8)) }
    guard sorted.count < 0xFFFF else { throw BuildError.tooLarge("\(sorted.count) files") }
    for (earlier, later) in zip(sorted, sorted.dropFirst()) where earlier.path == later.path {
      throw BuildError.duplicatePath(later.path)
    }
    var output: [UInt8] = []
    var central: [UInt8] = []
    for entry in sorted {
      let name = Array(entry.path.utf8)
      guard entry.bytes.count < 0xFFFF_FFFF, name.count < 0xFFFF else {
        throw BuildError.tooLarge("\(entry.path) is too large")
      }
      let offset = output.count
      guard offset < 0xFFFF_FFFF else { throw BuildError.tooLarge("more than 4 GiB") }
      let crc = CRC32.checksum(entry.bytes)
      let size = UInt32(entry.bytes.count)
      // Local file header.
      output.append(le32: 0x0403_4B50)
      output.append(le16: Self.versionNeeded)
      output.append(le16: Self.utf8NamesFlag)
      output.append(le16: 0)  // STORED
      output.append(le16: Self.dosTime)
      output.append(le16: Self.dosDate)
      output.append(le32: crc)
      output.append(le32: size)
      output.append(le32: size)
      output.append(le16: UInt16(name.count))
      output.append(le16: 0)  // no extra field
      output += name
      output += entry.bytes
      // Its central directory record.
      central.append(le32: 0x0201_4B50)
      central.append(le16: Self.versionMadeByUnix)
      central.append(le16: Self.versionNeeded)
      central.append(le16: Self.utf8NamesFlag)
      central.append(le16: 0)
      central.append(le16: Self.dosTime)
      central.append(le16: Self.dosDate)
      central.append(le32: crc)
      central.append(le32: size)
      central.append(le32: size)
      central.append(le16: UInt16(name.count))
      central.append(le16: 0)  // extra field
      central.append(le16: 0)  // file comment
      central.append(le16: 0)  // disk number
      central.append(le16: 0)  // internal attributes
      central.append(le32: (UInt32(S_IFREG) | UInt32(entry.mode & 0o7777)) << 16)
      central.append(le32: UInt32(offset))
      central += name
    }
    let centralOffset = output.count
    guard centralOffset + central.count < 0xFFFF_FFFF else { throw BuildError.tooLarge("more than 4 GiB") }
    output += central
    let comment = Array(Self.comment.utf8)
    output.append(le32: 0x0605_4B50)
    output.append(le16: 0)  // this disk
    output.append(le16: 0)  // the disk the central directory starts on
    output.append(le16: UInt16(sorted.count))
    output.append(le16: UInt16(sorted.count))
    output.append(le32: UInt32(central.count))
    output.append(le32: UInt32(centralOffset))
    output.append(le16: UInt16(comment.count))
    output += comment
    return output
  }

  /// Whether `bytes` end as an archive onboard wrote (its end record carries ``comment``).
  public static func isOnboardArchive(_ bytes: [UInt8]) -> Bool {
    let comment = Array(Self.comment.utf8)
    let endRecord = 22 + comment.count
    guard bytes.count >= endRecord else { return false }
    let end = Array(bytes.suffix(endRecord))
    return end.prefix(4) == [0x50, 0x4B, 0x05, 0x06] && Array(end.suffix(comment.count)) == comment
      && end[20] == UInt8(comment.count) && end[21] == 0
  }

  /// ZIP 2.0: what plain STORED entries need.
  private static let versionNeeded: UInt16 = 20
  /// Made by Unix (3), ZIP 2.0: the external attributes' high half is a Unix mode.
  private static let versionMadeByUnix: UInt16 = 3 << 8 | 20
  /// General purpose flag bit 11: names are UTF-8.
  private static let utf8NamesFlag: UInt16 = 1 << 11
  /// 00:00:00 in MS-DOS time.
  private static let dosTime: UInt16 = 0
  /// 1980-01-01 in MS-DOS date: (year - 1980) << 9 | month << 5 | day.
  private static let dosDate: UInt16 = 1 << 5 | 1
}

extension Array where Element == UInt8 {
  fileprivate mutating func append(le16 value: UInt16) {
    append(UInt8(value & 0xFF))
    append(UInt8(value >> 8))
  }

  fileprivate mutating func append(le32 value: UInt32) {
    for shift in stride(from: 0, to: 32, by: 8) { append(UInt8((value >> UInt32(shift)) & 0xFF)) }
  }
}
