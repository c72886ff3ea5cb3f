import Foundation
import OnboardSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads a file in 64 KiB chunks, byte by byte or line by line, without holding the whole file.
final class ByteReader {
  private let file: UnsafeMutablePointer<FILE>
  private var buffer: [UInt8]
  private var count = 0
  private var index = 0
  private var finished = false

  /// Opens `path` for reading.
  /// - Throws: ``RosterIOError`` when the file cannot be opened.
  init(path: String) throws {
    do {
      self.file = try InputFile.openStream(path, limits: .roster)
    } catch let error as InputFile.ReadError {
      throw RosterIOError(path: path, reason: error.reason)
    }
    self.buffer = [UInt8](repeating: 0, count: 65_536)
  }

  deinit { fclose(file) }

  /// The next byte, or `nil` at the end of the file.
  @inline(__always)
  func next() -> UInt8? {
    if index < count {
      defer { index += 1 }
      return buffer[index]
    }
    guard refill() else { return nil }
    defer { index += 1 }
    return buffer[index]
  }

  /// The next byte without consuming it.
  func peek() -> UInt8? {
    if index < count { return buffer[index] }
    guard refill() else { return nil }
    return buffer[index]
  }

  /// The next line without its `\n` or `\r\n`, or `nil` at the end of the file.
  func nextLine() -> [UInt8]? {
    var line: [UInt8] = []
    var sawAny = false
    while let byte = next() {
      sawAny = true
      if byte == 0x0A {
        if line.last == 0x0D { line.removeLast() }
        return line
      }
      line.append(byte)
    }
    return sawAny ? line : nil
  }

  private func refill() -> Bool {
    guard !finished else { return false }
    let read = buffer.withUnsafeMutableBytes { raw -> Int in
      guard let base = raw.baseAddress else { return 0 }
      return fread(base, 1, raw.count, file)
    }
    count = read
    index = 0
    if read == 0 {
      finished = true
      return false
    }
    return true
  }
}

/// A roster file that cannot be read. The reason comes from the system, never from the file's
/// contents.
public struct RosterIOError: Error, CustomStringConvertible, Sendable {
  /// The path.
  public var path: String
  /// The system's reason.
  public var reason: String

  public var description: String { "cannot read \(path): \(reason)" }
}
