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

  /// What replacing a file did that its owner may want to know.
  public struct Replacement: Sendable, Equatable {
    /// How many other names (hard links) the replaced file had. They still lead to the old
    /// content: a rename gives the path a new file and splits the link. 0 for a new file.
    public var otherLinks: Int

    /// Creates a replacement record.
    public init(otherLinks: Int) {
      self.otherLinks = otherLinks
    }

    /// A warning for the person, when there is something to say; it names the path only.
    public func warning(for path: String) -> String? {
      guard otherLinks > 0 else { return nil }
      let links = otherLinks == 1 ? "1 other hard link" : "\(otherLinks) other hard links"
      return
        "\(path) had \(links); the file was replaced by a new one, so \(otherLinks == 1 ? "that link keeps" : "those links keep") the old content"
    }
  }

  /// Writes `data` to `path` atomically with the given permissions.
  ///
  /// When `path` names an existing file, the new file keeps its owner and group (a run as
  /// root does not take a user's file), and the result says whether other hard links to the
  /// old file were split off. `path` itself is replaced: resolve a symbolic link first to
  /// replace its target.
  /// - Parameters:
  ///   - data: the bytes.
  ///   - path: the destination; its folder must exist.
  ///   - mode: the file's permissions, such as `0o600` for credential files.
  /// - Returns: what the replacement did (``Replacement``).
  /// - Throws: ``WriteError``, also when the owner and group cannot be kept.
  @discardableResult
  public static func write(_ data: [UInt8], to path: String, mode: mode_t = 0o644) throws -> Replacement {
    var existing = stat()
    let replacesFile = stat(path, &existing) == 0 && (existing.st_mode & S_IFMT) == S_IFREG
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
    if replacesFile {
      var created = stat()
      guard fstat(descriptor, &created) == 0 else { throw failure() }
      if created.st_uid != existing.st_uid || created.st_gid != existing.st_gid {
        guard fchown(descriptor, existing.st_uid, existing.st_gid) == 0 else {
          let reason = systemError()
          close(descriptor)
          throw WriteError(
            path: path,
            reason: "its owner and group (\(existing.st_uid):\(existing.st_gid)) cannot be kept: \(reason)")
        }
      }
    }
    // After fchown, which may clear set-id bits.
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
    return Replacement(otherLinks: replacesFile ? max(Int(existing.st_nlink) - 1, 0) : 0)
  }

  /// Writes a string as UTF-8, atomically.
  @discardableResult
  public static func write(_ text: String, to path: String, mode: mode_t = 0o644) throws -> Replacement {
    try write(Array(text.utf8), to: path, mode: mode)
  }

  private static func systemError() -> String {
    String(cString: strerror(errno))
  }
}
