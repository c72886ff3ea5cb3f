import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Removes the printers' temporary folders and stops their browsers when the process exits,
/// even if a printer is never released (a command that ends by calling `exit`, or a printer
/// held by a worker thread).
enum ExitCleanup {
  private static let lock = NSLock()
  nonisolated(unsafe) private static var folders: Set<String> = []
  nonisolated(unsafe) private static var processGroups: Set<pid_t> = []
  nonisolated(unsafe) private static var installed = false

  /// Removes `folder` at exit unless ``forget(folder:)`` is called first.
  static func remember(folder: String) {
    lock.lock()
    defer { lock.unlock() }
    installIfNeeded()
    folders.insert(folder)
  }

  static func forget(folder: String) {
    lock.lock()
    defer { lock.unlock() }
    folders.remove(folder)
  }

  /// Kills the process group led by `pid` at exit unless ``forget(processGroup:)`` is called first.
  static func remember(processGroup pid: pid_t) {
    lock.lock()
    defer { lock.unlock() }
    installIfNeeded()
    processGroups.insert(pid)
  }

  static func forget(processGroup pid: pid_t) {
    lock.lock()
    defer { lock.unlock() }
    processGroups.remove(pid)
  }

  private static func installIfNeeded() {
    guard !installed else { return }
    installed = true
    atexit {
      ExitCleanup.runAtExit()
    }
  }

  private static func runAtExit() {
    lock.lock()
    let groups = processGroups
    let paths = folders
    processGroups.removeAll()
    folders.removeAll()
    lock.unlock()
    for group in groups {
      kill(-group, SIGKILL)
      var status: Int32 = 0
      _ = waitpid(group, &status, WNOHANG)
    }
    for path in paths { try? FileManager.default.removeItem(atPath: path) }
  }
}
