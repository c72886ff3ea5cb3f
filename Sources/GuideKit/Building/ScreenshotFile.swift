import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads a screenshot file: a regular file only (a FIFO or a device is refused before it is
/// read, so nothing blocks), of at most ``maximumBytes``.
public enum ScreenshotFile {
  /// The largest screenshot read (64 MiB).
  public static let maximumBytes = 64 << 20

  /// The file's bytes, or `nil` when it is not a regular file, is larger than
  /// ``maximumBytes``, or cannot be read.
  public static func contents(atPath path: String) -> [UInt8]? {
    let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    return contents(of: descriptor)
  }

  /// The bytes of an open file, with the same limits as ``contents(atPath:)``.
  public static func contents(of descriptor: Int32) -> [UInt8]? {
    var info = stat()
    guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) <= maximumBytes
    else { return nil }
    var bytes = [UInt8](repeating: 0, count: Int(info.st_size) + 1)
    var count = 0
    while count < bytes.count {
      let read = bytes.withUnsafeMutableBytes { buffer -> Int in
        guard let base = buffer.baseAddress else { return -1 }
        return Foundation.read(descriptor, base + count, buffer.count - count)
      }
      if read < 0 && errno == EINTR { continue }
      guard read >= 0 else { return nil }
      if read == 0 { break }
      count += read
    }
    // The file grew while it was read: more than its size said.
    guard count <= Int(info.st_size) else { return nil }
    bytes.removeLast(bytes.count - count)
    return bytes
  }
}
