import Foundation

/// Finds the headless Chromium that prints runbooks to PDF.
///
/// `--browser PATH` wins (a path, or a name looked up on `PATH`); otherwise the first of
/// ``candidates`` found on `PATH`.
public enum BrowserLocator {
  /// Program names tried on `PATH`, in order: Debian's `chromium`, Chrome's headless shell,
  /// Ubuntu's old `chromium-browser`, and Google Chrome.
  public static let candidates = [
    "chromium", "chromium-headless-shell", "chromium-browser", "google-chrome", "google-chrome-stable",
  ]

  /// The command that installs a browser on Debian and Ubuntu.
  public static let installCommand = "sudo apt-get install chromium"

  /// No usable browser.
  public struct NotFound: Error, CustomStringConvertible, Sendable {
    /// The `--browser` value, when one was given.
    public var explicit: String?

    public var description: String {
      if let explicit {
        return
          "the browser \(explicit) was not found or is not executable; pass the path of Chromium or Chrome to --browser, or install Chromium with: \(BrowserLocator.installCommand)"
      }
      return
        "printing a PDF needs headless Chromium, and none was found on PATH (looked for \(BrowserLocator.candidates.joined(separator: ", "))); install it with: \(BrowserLocator.installCommand) (or pass --browser PATH)"
    }
  }

  /// The browser's path.
  /// - Parameters:
  ///   - explicit: the `--browser` value, if given.
  ///   - environment: where `PATH` is read.
  /// - Throws: ``NotFound``.
  public static func locate(
    explicit: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws -> String {
    let searchPath = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
    if let explicit, !explicit.isEmpty {
      if explicit.contains("/") {
        guard isExecutableFile(explicit) else { throw NotFound(explicit: explicit) }
        return explicit
      }
      guard let found = find(explicit, in: searchPath) else { throw NotFound(explicit: explicit) }
      return found
    }
    for name in candidates {
      if let found = find(name, in: searchPath) { return found }
    }
    throw NotFound(explicit: nil)
  }

  private static func find(_ name: String, in folders: [String]) -> String? {
    for folder in folders where !folder.isEmpty {
      let path = (folder as NSString).appendingPathComponent(name)
      if isExecutableFile(path) { return path }
    }
    return nil
  }

  private static func isExecutableFile(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
      && FileManager.default.isExecutableFile(atPath: path)
  }
}
