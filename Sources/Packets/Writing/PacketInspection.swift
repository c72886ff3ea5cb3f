import Foundation
import OnboardSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What became of an existing packet folder since onboard wrote it, judged against its
/// `packet.json`: files whose content no longer has the recorded SHA-256, and files or folders
/// the manifest does not list. Symbolic links are never followed (a link is an extra file).
///
/// A screenshot that is a hard link to a file of the shared screenshot folder is not a
/// person's change when it differs: the shared copy was damaged, and a re-run repairs it.
struct PacketInspection: Equatable {
  /// Files listed in packet.json whose content differs (or that are no longer regular files).
  var changed: [String] = []
  /// Files and folders packet.json does not list (folders end in `/`).
  var extra: [String] = []

  /// Whether a person's work would be lost by replacing the folder.
  var isUntouched: Bool { changed.isEmpty && extra.isEmpty }

  /// A file's device and inode, to recognise hard links.
  struct FileID: Hashable, Sendable {
    var device: UInt64
    var inode: UInt64
  }

  /// The most entries looked at in one packet, and the deepest folder; a packet with more is
  /// reported as changed rather than walked further.
  static let maximumEntries = 10_000
  static let maximumDepth = 16

  /// The recorded SHA-256 of each file of a manifest, or `nil` when it is not an onboard
  /// manifest that can be read.
  static func recordedDigests(manifest path: String) -> [String: String]? {
    guard let bytes = readRegularFile(path, limit: 16 << 20), PacketManifest.isOnboardManifest(bytes),
      let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
      let files = object["files"] as? [[String: Any]]
    else { return nil }
    var digests: [String: String] = [:]
    for file in files {
      guard let path = file["path"] as? String, let digest = file["sha256"] as? String else { return nil }
      digests[path] = digest
    }
    return digests
  }

  /// Compares the folder's files with `recorded` (paths to SHA-256); `shared` holds the
  /// shared screenshot copies' ids.
  static func inspect(folder: String, recorded: [String: String], shared: Set<FileID>) -> PacketInspection {
    var result = PacketInspection()
    var folders: Set<String> = []
    for path in recorded.keys {
      var parts = path.split(separator: "/").dropLast()
      while !parts.isEmpty {
        folders.insert(parts.joined(separator: "/"))
        parts = parts.dropLast()
      }
    }
    var seen = 0
    func walk(_ relative: String, depth: Int) {
      let absolute = relative.isEmpty ? folder : folder + "/" + relative
      guard let names = try? FileManager.default.contentsOfDirectory(atPath: absolute) else {
        result.changed.append(relative.isEmpty ? "." : relative + "/")
        return
      }
      for name in names.sorted() {
        seen += 1
        let path = relative.isEmpty ? name : relative + "/" + name
        if path == PacketManifest.fileName { continue }
        guard seen <= maximumEntries else {
          result.extra.append(path)
          return
        }
        var info = stat()
        guard lstat(folder + "/" + path, &info) == 0 else { continue }
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
          if folders.contains(path) && depth < maximumDepth {
            walk(path, depth: depth + 1)
          } else {
            result.extra.append(path + "/")
          }
        case S_IFREG:
          guard let digest = recorded[path] else {
            result.extra.append(path)
            continue
          }
          // A hard link to a shared copy is never a person's change (whatever it holds, the
          // shared copy is checked and repaired when packets are written), so it is not read.
          let id = FileID(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
          if !shared.contains(id) && fileDigest(folder + "/" + path) != digest { result.changed.append(path) }
        default:
          if recorded[path] != nil { result.changed.append(path) } else { result.extra.append(path) }
        }
      }
    }
    walk("", depth: 0)
    return result
  }

  /// The largest file whose digest is compared (larger ones count as changed).
  static let maximumFileBytes = 64 << 20

  /// The SHA-256 of a regular file (not through a symbolic link), or `nil`.
  static func fileDigest(_ path: String) -> String? {
    readRegularFile(path, limit: maximumFileBytes).map { OnboardSupport.SHA256.hexDigest($0) }
  }

  /// The bytes of a regular file of at most `limit` bytes (not through a symbolic link).
  static func readRegularFile(_ path: String, limit: Int) -> [UInt8]? {
    let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) <= limit else {
      return nil
    }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while bytes.count <= limit {
      let count = buffer.withUnsafeMutableBytes { raw -> Int in
        guard let base = raw.baseAddress else { return -1 }
        return read(descriptor, base, raw.count)
      }
      if count < 0 && errno == EINTR { continue }
      guard count >= 0 else { return nil }
      if count == 0 { return bytes }
      bytes.append(contentsOf: buffer[0..<count])
    }
    return nil
  }
}
