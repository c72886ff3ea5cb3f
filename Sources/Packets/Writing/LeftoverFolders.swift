import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The temporary folders a packet run leaves when it is killed (`SIGKILL`, a power cut) before
/// it can clean up: `.onboard-tmp-<id>-<pid>-<n>/` (a packet being built, credential files
/// included) and `.onboard-old-<id>-<pid>-<n>/` (a packet moved aside while being replaced).
///
/// A folder is touched only when the process named in it is gone: not this process, and
/// `kill(pid, 0)` reports no such process. A live run's folders (another run writing into the
/// same output folder at the same time) are left alone. A moved-aside packet whose place is
/// empty is put back instead of removed.
enum LeftoverFolders {
  static let prefixes = [".onboard-tmp-", ".onboard-old-"]

  /// The process id in a leftover name (`<prefix><id>-<pid>-<n>`), or `nil` for other names.
  static func processID(in name: String) -> (prefix: String, id: String, pid: pid_t)? {
    guard let prefix = prefixes.first(where: { name.hasPrefix($0) }) else { return nil }
    let parts = name.dropFirst(prefix.count).split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count >= 3, let counter = Int(parts[parts.count - 1]), counter >= 0,
      let pid = pid_t(parts[parts.count - 2]), pid > 0
    else { return nil }
    let id = parts.dropLast(2).joined(separator: "-")
    guard !id.isEmpty else { return nil }
    return (prefix, id, pid)
  }

  /// Whether a process with this id exists (one that belongs to another user counts).
  static func isAlive(_ pid: pid_t) -> Bool {
    if pid == getpid() { return true }
    return kill(pid, 0) == 0 || errno == EPERM
  }

  /// Removes (or puts back) the leftovers of dead runs in `folder` and in its shared
  /// screenshot folder; returns the names handled.
  static func removeStale(in folder: String) -> [String] {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
    var handled: [String] = []
    for name in names.sorted() {
      guard let found = processID(in: name), !isAlive(found.pid) else { continue }
      let path = folder + "/" + name
      var info = stat()
      guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { continue }
      if found.prefix == ".onboard-old-" {
        let target = folder + "/" + found.id
        if lstat(target, &info) != 0 && rename(path, target) == 0 {
          handled.append(name)
          continue
        }
      }
      if (try? FileManager.default.removeItem(atPath: path)) != nil { handled.append(name) }
    }
    let shared = folder + "/" + PacketWriter.sharedImagesFolder
    var info = stat()
    if lstat(shared, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR,
      let names = try? FileManager.default.contentsOfDirectory(atPath: shared)
    {
      for name in names where name.hasPrefix(".tmp-") {
        let parts = name.split(separator: "-", maxSplits: 3)
        guard parts.count == 4, let pid = pid_t(parts[1]), pid > 0, !isAlive(pid) else { continue }
        if unlink(shared + "/" + name) == 0 { handled.append(PacketWriter.sharedImagesFolder + "/" + name) }
      }
    }
    return handled
  }
}
