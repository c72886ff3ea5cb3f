import Foundation
import OnboardSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Prints an HTML page to PDF with headless Chromium.
///
/// Each print runs the browser once: the page is written to a fresh temporary folder, which
/// also holds the browser's profile (`--user-data-dir`), and Chromium is started with
/// `--headless --no-sandbox --disable-gpu --print-to-pdf=… --no-pdf-header-footer`. The page's
/// own `@page` rules set the paper, margins and footer. What the browser prints on standard
/// error (it is noisy) is kept only to explain a failure. The temporary folder is removed
/// afterwards. A browser that has not finished within ``timeout`` seconds is stopped.
public struct ChromiumPrinter: Sendable {
  /// The browser's path (see ``BrowserLocator``).
  public var browser: String
  /// How long one print may take, in seconds.
  public var timeout: Double

  /// The oldest Chromium major version that draws `@page` margin boxes (the footer).
  public static let marginBoxesSince = 131

  /// Printing failed.
  public struct PrintError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, in words; it may quote the browser's own error lines, never the page.
    public var reason: String

    public var description: String { reason }
  }

  /// Creates a printer.
  public init(browser: String, timeout: Double = 120) {
    self.browser = browser
    self.timeout = timeout
  }

  /// Prints `html` and returns the PDF, with its dates set to `date` (see ``PDFDateStamp``).
  /// - Throws: ``PrintError``.
  public func print(html: String, date: RunbookDate) throws -> [UInt8] {
    let folder = try Self.makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let page = folder + "/runbook.html"
    let output = folder + "/runbook.pdf"
    let errors = folder + "/browser-stderr.txt"
    do {
      try AtomicFile.write(html, to: page, mode: 0o600)
    } catch {
      throw PrintError(reason: "cannot write a temporary file for the browser: \(error)")
    }
    let arguments = [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
      "--user-data-dir=\(folder)/profile", "--no-first-run", "--no-default-browser-check",
      "--disable-extensions", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--disable-default-apps", "--mute-audio", "--hide-scrollbars",
      "--no-pdf-header-footer", "--print-to-pdf-no-header", "--print-to-pdf=\(output)",
      URL(fileURLWithPath: page).absoluteString,
    ]
    let status = try run(arguments, stderrPath: errors)
    guard let data = FileManager.default.contents(atPath: output), data.count > 5,
      data.prefix(5).elementsEqual(Array("%PDF-".utf8))
    else {
      var reason = "the browser \(browser) did not print the runbook"
      reason += status == 0 ? " (it exited without writing a PDF)" : " (exit status \(status))"
      let detail = Self.meaningfulLines(ofFile: errors)
      if !detail.isEmpty { reason += "; it said:\n  " + detail.joined(separator: "\n  ") }
      throw PrintError(reason: reason)
    }
    return PDFDateStamp.stamp([UInt8](data), date: date)
  }

  /// The browser's major version (`chromium --version`), or `nil` when it does not say.
  public func majorVersion() -> Int? {
    guard let folder = try? Self.makeTemporaryFolder() else { return nil }
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let outputPath = folder + "/version.txt"
    guard (try? run(["--version"], stderrPath: folder + "/stderr.txt", stdoutPath: outputPath, limit: 20)) == 0,
      let data = FileManager.default.contents(atPath: outputPath)
    else { return nil }
    return Self.majorVersion(in: String(decoding: data, as: UTF8.self))
  }

  /// The first `N.N…` number's leading part in a `--version` line
  /// (`Chromium 156.0.8078.108 built on Debian` → 156).
  static func majorVersion(in text: String) -> Int? {
    for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "/" }) {
      let parts = word.split(separator: ".")
      if parts.count >= 2, let major = Int(parts[0]), parts.dropFirst().allSatisfy({ Int($0) != nil }) { return major }
    }
    return nil
  }

  // MARK: - Running the browser

  /// Runs the browser and waits, up to `limit` (or ``timeout``) seconds.
  /// - Returns: the exit status.
  private func run(_ arguments: [String], stderrPath: String, stdoutPath: String? = nil, limit: Double? = nil) throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: browser)
    process.arguments = arguments
    _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
    guard let errorHandle = FileHandle(forWritingAtPath: stderrPath) else {
      throw PrintError(reason: "cannot create a temporary file for the browser's messages")
    }
    defer { try? errorHandle.close() }
    process.standardError = errorHandle
    var outputHandle: FileHandle?
    if let stdoutPath {
      _ = FileManager.default.createFile(atPath: stdoutPath, contents: nil)
      outputHandle = FileHandle(forWritingAtPath: stdoutPath)
    }
    defer { try? outputHandle?.close() }
    process.standardOutput = outputHandle ?? FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    let finished = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in finished.signal() }
    do {
      try process.run()
    } catch {
      throw PrintError(reason: "cannot start the browser \(browser): \(error.localizedDescription)")
    }
    let seconds = limit ?? timeout
    if finished.wait(timeout: .now() + seconds) == .timedOut {
      let pid = process.processIdentifier
      kill(pid, SIGTERM)
      if finished.wait(timeout: .now() + 5) == .timedOut {
        kill(pid, SIGKILL)
        _ = finished.wait(timeout: .now() + 5)
      }
      throw PrintError(reason: "the browser \(browser) did not finish printing within \(Int(seconds)) seconds and was stopped")
    }
    return process.terminationStatus
  }

  private static func makeTemporaryFolder() throws -> String {
    let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    var template = Array((base + "/onboard-runbook-XXXXXX").utf8CString)
    let made = template.withUnsafeMutableBufferPointer { buffer -> Bool in
      guard let address = buffer.baseAddress else { return false }
      return mkdtemp(address) != nil
    }
    guard made else {
      throw PrintError(reason: "cannot create a temporary folder in \(base): \(String(cString: strerror(errno)))")
    }
    return String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// The browser's error lines without its usual noise (D-Bus, GPU, sandbox chatter), last ten.
  static func meaningfulLines(ofFile path: String) -> [String] {
    guard let data = FileManager.default.contents(atPath: path) else { return [] }
    let noise = ["dbus", "D-Bus", "unexpected operator", "bytes written to file", "gpu", "GPU", "Fontconfig", "sandbox"]
    let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init).filter { line in
      !line.trimmingCharacters(in: .whitespaces).isEmpty && !noise.contains { line.contains($0) }
    }
    return Array(lines.suffix(10)).map { String($0.prefix(300)) }
  }
}
