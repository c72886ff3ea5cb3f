import Foundation

/// A file's lines, for reporters that convert byte columns (SARIF). Only regular files up to
/// ``maxBytes`` are read; the bytes are used to count code points, never printed.
public struct SourceLines: Sendable {
  /// The largest file read, in bytes.
  public static let maxBytes = 4 << 20

  private let bytes: [UInt8]
  private let starts: [Int]

  /// Splits `bytes` into lines at LF.
  public init(bytes: [UInt8]) {
    self.bytes = bytes
    var starts = [0]
    for (index, byte) in bytes.enumerated() where byte == 0x0A { starts.append(index + 1) }
    self.starts = starts
  }

  /// The bytes of 1-based `line` without its line break (LF or CRLF), or `nil` past the end.
  public func line(_ line: Int) -> [UInt8]? {
    guard line >= 1, line <= starts.count else { return nil }
    let start = starts[line - 1]
    var end = line < starts.count ? starts[line] - 1 : bytes.count
    if end > start, bytes[end - 1] == 0x0D { end -= 1 }
    return Array(bytes[start..<max(start, end)])
  }

  /// The bytes of a regular file of at most ``maxBytes``, or `nil`.
  @Sendable public static func read(_ file: String) -> [UInt8]? {
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: file),
      attributes[.type] as? FileAttributeType == .typeRegular,
      let size = attributes[.size] as? Int, size <= maxBytes,
      let data = FileManager.default.contents(atPath: file)
    else { return nil }
    return [UInt8](data)
  }
}
