import Foundation
import OnboardSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads and writes credential files: atomically, mode 0600, through symbolic links, with
/// interrupts held back while the file is replaced.
public enum CredentialFileStore {
  /// A credential file that cannot be read or written. The message names the path and the
  /// system's reason, never the content.
  public struct FileError: Error, CustomStringConvertible, Sendable {
    /// The path.
    public var path: String
    /// Why.
    public var reason: String
    public var description: String { "cannot use \(path): \(reason)" }
  }

  /// The file a path leads to: symbolic links are followed, so that writing replaces the
  /// link's target rather than the link.
  public static func resolvedPath(_ path: String) -> String {
    guard (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil else { return path }
    return URL(fileURLWithPath: path).resolvingSymlinksInPath().path
  }

  /// The file's bytes, or `nil` when it does not exist.
  /// - Throws: ``FileError`` when it exists but cannot be read, or is not a regular file.
  public static func read(_ path: String) throws -> [UInt8]? {
    do {
      return try InputFile.readIfPresent(path, limits: .credentialFile)
    } catch let error as InputFile.ReadError {
      throw FileError(path: path, reason: error.reason)
    }
  }

  /// Checks, without creating anything, that ``write(_:to:)`` can write `path`: the file, if
  /// it exists, is a regular file that can be written; its folder exists and can take a new
  /// file (the temporary one), or can be created (the nearest folder that exists can be
  /// written, and no part of the way is a file). Symbolic links are followed.
  /// - Throws: ``FileError`` saying what is in the way.
  public static func checkWritable(_ path: String) throws {
    let resolved = resolvedPath(path)
    var status = stat()
    if stat(resolved, &status) == 0 {
      if let kind = InputFile.nonRegularKind(status.st_mode) {
        throw FileError(path: path, reason: "it is \(kind), not a regular file")
      }
      guard access(resolved, W_OK) == 0 else { throw FileError(path: path, reason: systemReason()) }
    } else if errno != ENOENT {
      throw FileError(path: path, reason: systemReason())
    }
    var folder = PathParts.folderOrCurrent(of: resolved)
    var missing = false
    while true {
      if stat(folder, &status) == 0 {
        guard (status.st_mode & S_IFMT) == S_IFDIR else {
          throw FileError(path: path, reason: "\(folder) is not a folder")
        }
        guard access(folder, W_OK | X_OK) == 0 else {
          let reason = systemReason()
          throw FileError(
            path: path,
            reason: "\(missing ? "its folder cannot be created in" : "cannot create a file in") \(folder): \(reason)")
        }
        return
      }
      guard errno == ENOENT else {
        throw FileError(path: path, reason: "\(folder): \(systemReason())")
      }
      missing = true
      let parent = PathParts.folderOrCurrent(of: folder)
      guard parent != folder else { throw FileError(path: path, reason: "its folder cannot be found") }
      folder = parent
    }
  }

  private static func systemReason() -> String {
    String(cString: strerror(errno))
  }

  /// Writes `bytes` to `path` atomically with mode 0600, creating its folder (mode 0700) when
  /// it does not exist. Ctrl-C during the write takes effect once the file is complete. An
  /// existing file keeps its owner and group.
  /// - Returns: what replacing the file did (other hard links split off).
  @discardableResult
  public static func write(_ bytes: [UInt8], to path: String) throws -> AtomicFile.Replacement {
    let folder = PathParts.folder(of: path)
    if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
      do {
        try FileManager.default.createDirectory(
          atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
      } catch {
        throw FileError(path: path, reason: "its folder cannot be created")
      }
    }
    do {
      return try TerminalControl.withInterruptsDeferred {
        try AtomicFile.write(bytes, to: path, mode: 0o600)
      }
    } catch let error as AtomicFile.WriteError {
      throw FileError(path: path, reason: error.reason)
    }
  }
}
