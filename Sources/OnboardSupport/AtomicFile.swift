import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes files atomically: a temporary file beside the target, `fsync`, then `rename`.
/// A reader sees the old file or the new one, never half of one.
public enum AtomicFile {
  /// An error writing a file; it names the path and the system's reason, never the content.
  public struct WriteError: Error, CustomStringConvertible, Sendable {
    /// The path being written.
    public var path: String
    /// What went wrong.
    public var reason: String

    public var description: String { "cannot write \(path): \(reason)" }
  }

  /// Writes `data` to `path` atomically with the given permissions.
  /// - Parameters:
  ///   - data: the bytes.
  ///   - path: the destination; its folder must exist.
  ///   - mode: the file's permissions, such as `0o600` for credential files.
  /// - Throws: ``WriteError``.
  public static func write(_ data: [UInt8], to path: String, mode: mode_t = 0o644) throws {
    let directory = PathParts.folder(of: path)
    let base = PathParts.lastPart(of: path)
    var template = Array(
      ((directory.isEmpty ? "." : directory) + "/.\(base).tmp-XXXXXX").utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
      guard let base = buffer.baseAddress else { return -1 }
      return mkstemp(base)
    }
    guard descriptor >= 0 else { throw WriteError(path: path, reason: systemError()) }
    let temporary = String(
      decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    var succeeded = false
    defer {
      if !succeeded { unlink(temporary) }
    }
    // Read errno before close(), which may overwrite it.
    func failure() -> WriteError {
      let error = WriteError(path: path, reason: systemError())
      close(descriptor)
      return error
    }
    guard fchmod(descriptor, mode) == 0 else { throw failure() }
    var written = 0
    while written < data.count {
      let result = data.withUnsafeBytes { buffer -> Int in
        guard let base = buffer.baseAddress else { return 0 }
        return Foundation.write(descriptor, base + written, data.count - written)
      }
      if result < 0 {
        if errno == EINTR { continue }
        throw failure()
      }
      written += result
    }
    guard fsync(descriptor) == 0 else { throw failure() }
    guard close(descriptor) == 0 else { throw WriteError(path: path, reason: systemError()) }
    guard rename(temporary, path) == 0 else { throw WriteError(path: path, reason: systemError()) }
    succeeded = true
    // Make the rename itself durable; best effort (some file systems refuse to sync a folder).
    let folder = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY)
    if folder >= 0 {
      _ = fsync(folder)
      close(folder)
    }
  }

  /// Writes a string as UTF-8, atomically.
  public static func write(_ text: String, to path: String, mode: mode_t = 0o644) throws {
    try write(Array(text.utf8), to: path, mode: mode)
  }

  private static func systemError() -> String {
    String(cString: strerror(errno))
  }
}
