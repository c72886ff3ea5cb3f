import Foundation
import Testing

@testable import Runbook

/// The printer's failure paths, with stand-in "browsers" (shell scripts) that misbehave. The
/// real Chromium is exercised by tests/python/test_browser.py.
@Suite("Chromium printer failures")
struct ChromiumPrinterTests {
  private func script(_ body: String) throws -> String {
    let folder = try RunbookFixtures.temporaryFolder("browser")
    let path = folder + "/fake-browser"
    _ = FileManager.default.createFile(
      atPath: path, contents: Data("#!/bin/sh\n\(body)\n".utf8), attributes: [.posixPermissions: 0o755])
    return path
  }

  @Test("a browser that never answers is stopped at the timeout, with its process group")
  func timeout() throws {
    let marker = try RunbookFixtures.temporaryFolder("marker") + "/pid"
    let browser = try script("echo $$ > '\(marker)'\nsleep 60 &\nwait")
    let printer = ChromiumPrinter(browser: browser, timeout: 1.5)
    let started = Date()
    #expect(throws: ChromiumPrinter.PrintError.self) { try printer.print(html: "<p>x</p>", date: RunbookFixtures.date) }
    #expect(Date().timeIntervalSince(started) < 10)
    printer.close()
    let pid = try #require(
      Int32(
        String(decoding: FileManager.default.contents(atPath: marker) ?? Data(), as: UTF8.self).trimmingCharacters(
          in: .whitespacesAndNewlines)))
    #expect(kill(pid, 0) != 0)  // gone
  }

  @Test("a browser that exits at once fails with its own message, not the page")
  func exitsAtOnce() throws {
    let browser = try script("echo 'cannot open display: fake failure' >&2\nexit 3")
    let printer = ChromiumPrinter(browser: browser, timeout: 20)
    defer { printer.close() }
    do {
      _ = try printer.print(html: "<p>\(RunbookFixtures.canary)</p>", date: RunbookFixtures.date)
      Issue.record("printing should have failed")
    } catch let error as ChromiumPrinter.PrintError {
      #expect(error.reason.contains("fake failure"))
      #expect(!error.reason.contains(RunbookFixtures.canary))
    }
  }
}
