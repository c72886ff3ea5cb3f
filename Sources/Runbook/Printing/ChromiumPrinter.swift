import Foundation
import OnboardSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Prints HTML pages to PDF with headless Chromium, one browser for many pages.
///
/// The first print starts the browser (`--headless --no-sandbox --disable-gpu
/// --remote-debugging-pipe`, with a profile in a fresh temporary folder) and later prints reuse
/// it, which saves the browser's start-up on every packet of `onboard packets --pdf`. Each page
/// is written to the temporary folder, opened in a new tab, printed with the DevTools protocol's
/// `Page.printToPDF` (paper, margins and footer come from the page's own `@page` rules:
/// `preferCSSPageSize`, no browser header or footer), and the tab is closed. What the browser
/// prints on standard error (it is noisy) is kept only to explain a failure. ``close()`` (or
/// releasing the printer) stops the browser and removes the folder. A print that takes longer
/// than ``timeout`` seconds stops the browser and fails.
///
/// One printer prints one page at a time; it is safe to share between threads.
///
/// Why `@unchecked Sendable` is safe: its mutable state (`folder`, `session`, `pages`) is read and
/// written only while `lock` is held (``print(html:date:)`` and ``close()``), and the rest is `let`.
public final class ChromiumPrinter: @unchecked Sendable {
  /// The browser's path (see ``BrowserLocator``).
  public let browser: String
  /// How long one print may take (the first includes the browser's start), in seconds.
  public let timeout: Double

  /// The oldest Chromium major version that draws `@page` margin boxes (the footer).
  public static let marginBoxesSince = 131

  /// Printing failed.
  public struct PrintError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, in words; it may quote the browser's own error lines, never the page.
    public var reason: String

    public var description: String { reason }
  }

  private let lock = NSLock()
  private var folder: String?
  private var session: DevToolsPipe?
  private var pages = 0

  /// Creates a printer; the browser starts at the first print.
  public init(browser: String, timeout: Double = 120) {
    self.browser = browser
    self.timeout = timeout
  }

  deinit {
    shutDown()
  }

  /// Prints `html` and returns the PDF, with its dates set to `date` (see ``PDFDateStamp``).
  /// - Throws: ``PrintError``.
  public func print(html: String, date: RunbookDate) throws -> [UInt8] {
    lock.lock()
    defer { lock.unlock() }
    let deadline = DispatchTime.now() + timeout
    let folder = try workFolder()
    pages += 1
    let page = folder + "/page-\(pages).html"
    do {
      try AtomicFile.write(html, to: page, mode: 0o600)
    } catch {
      throw PrintError(reason: "cannot write a temporary file for the browser: \(error)")
    }
    defer { unlink(page) }
    do {
      let pipe = try running(in: folder)
      let encoded = try printPage(URL(fileURLWithPath: page).absoluteString, with: pipe, deadline: deadline)
      guard let data = Data(base64Encoded: encoded), data.count > 5, data.prefix(5).elementsEqual(Array("%PDF-".utf8))
      else {
        throw PrintError(reason: "the browser \(browser) did not return a PDF")
      }
      return PDFDateStamp.stamp([UInt8](data), date: date)
    } catch let failure as DevToolsPipe.Failure {
      if let session {
        session.stop(grace: 0)
        ExitCleanup.forget(processGroup: session.pid)
      }
      session = nil
      var reason = "the browser \(browser) could not print the runbook: \(failure.description)"
      let detail = Self.meaningfulLines(ofFile: folder + "/browser-stderr.txt")
      if !detail.isEmpty { reason += "; it said:\n  " + detail.joined(separator: "\n  ") }
      throw PrintError(reason: reason)
    }
  }

  /// Stops the browser and removes the temporary folder. The next print starts a new browser.
  public func close() {
    lock.lock()
    defer { lock.unlock() }
    shutDown()
  }

  private func shutDown() {
    if let session {
      session.stop(grace: 5)
      ExitCleanup.forget(processGroup: session.pid)
    }
    session = nil
    if let folder {
      try? FileManager.default.removeItem(atPath: folder)
      ExitCleanup.forget(folder: folder)
    }
    folder = nil
  }

  /// Opens the page in a new tab, waits for it to load, prints it and closes the tab.
  /// - Returns: the PDF, base64-encoded.
  private func printPage(_ url: String, with pipe: DevToolsPipe, deadline: DispatchTime) throws -> String {
    let target = try pipe.call("Target.createTarget", ["url": "about:blank"], deadline: deadline)
    guard let targetID = target["targetId"] as? String else {
      throw DevToolsPipe.Failure(description: "no tab was opened")
    }
    defer { _ = try? pipe.call("Target.closeTarget", ["targetId": targetID], deadline: DispatchTime.now() + 10) }
    let attached = try pipe.call("Target.attachToTarget", ["targetId": targetID, "flatten": true], deadline: deadline)
    guard let session = attached["sessionId"] as? String else {
      throw DevToolsPipe.Failure(description: "the tab could not be attached")
    }
    pipe.forgetEvents()
    try pipe.call("Page.enable", session: session, deadline: deadline)
    let navigation = try pipe.call("Page.navigate", ["url": url], session: session, deadline: deadline)
    if let error = navigation["errorText"] as? String, !error.isEmpty {
      throw DevToolsPipe.Failure(description: "the page did not open (\(error))")
    }
    try pipe.waitForEvent("Page.loadEventFired", session: session, deadline: deadline)
    let printed = try pipe.call(
      "Page.printToPDF",
      [
        "printBackground": true, "preferCSSPageSize": true, "displayHeaderFooter": false, "generateTaggedPDF": true,
      ], session: session, deadline: deadline)
    guard let data = printed["data"] as? String else {
      throw DevToolsPipe.Failure(description: "the print had no data")
    }
    return data
  }

  /// The running browser, started if need be.
  private func running(in folder: String) throws -> DevToolsPipe {
    if let session, session.isRunning { return session }
    if let session {
      session.stop(grace: 0)
      ExitCleanup.forget(processGroup: session.pid)
    }
    let started = try DevToolsPipe(
      browser: browser,
      arguments: [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--user-data-dir=\(folder)/profile",
        "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-default-apps", "--mute-audio", "--hide-scrollbars",
        "about:blank",
      ], stderrPath: folder + "/browser-stderr.txt")
    session = started
    ExitCleanup.remember(processGroup: started.pid)
    return started
  }

  private func workFolder() throws -> String {
    if let folder { return folder }
    let made = try Self.makeTemporaryFolder()
    folder = made
    ExitCleanup.remember(folder: made)
    return made
  }

  /// The browser's major version (`chromium --version`), or `nil` when it does not say.
  public func majorVersion() -> Int? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: browser)
    process.arguments = ["--version"]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return nil }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
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
    let noise = [
      "dbus", "D-Bus", "unexpected operator", "bytes written to file", "gpu", "GPU", "Fontconfig", "sandbox",
      "DevTools listening",
    ]
    let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init).filter { line in
      !line.trimmingCharacters(in: .whitespaces).isEmpty && !noise.contains { line.contains($0) }
    }
    return Array(lines.suffix(10)).map { String($0.prefix(300)) }
  }
}
