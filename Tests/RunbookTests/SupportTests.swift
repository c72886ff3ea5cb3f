import Foundation
import GuideKit
import PacketPlanning
import Testing

@testable import Runbook

@Suite("Runbook support")
struct SupportTests {
  @Test(
    "dates are YYYY-MM-DD and must exist",
    arguments: [
      ("2025-03-31", true), ("2024-02-29", true), ("2023-02-29", false), ("2025-13-01", false),
      ("2025-3-31", false), ("25-03-31", false), ("2025-03-31T00", false), ("", false), ("２０２５-03-31", false),
    ])
  func dates(text: String, valid: Bool) {
    #expect((RunbookDate(text) != nil) == valid)
    if valid { #expect(RunbookDate(text)?.description == text) }
  }

  @Test("the PDF dates are stamped in place")
  func stamp() throws {
    let date = try #require(RunbookDate("2025-03-31"))
    let pdf = Array(
      "%PDF-1.4\n1 0 obj\n<</CreationDate (D:20261129015950+00'00')\n/ModDate (D:20261129015951+00'00')>>\n%%EOF\n".utf8
    )
    let stamped = PDFDateStamp.stamp(pdf, date: date)
    #expect(stamped.count == pdf.count)
    let text = String(decoding: stamped, as: UTF8.self)
    #expect(text.contains("/CreationDate (D:20250331000000+00'00')"))
    #expect(text.contains("/ModDate (D:20250331000000+00'00')"))
  }

  @Test("CSS strings escape quotes, backslashes, angle brackets and line breaks")
  func cssStrings() {
    let escaper = CSSStringEscaper()
    #expect(escaper.escape("guide-1 · version 2") == "\"guide-1 · version 2\"")
    #expect(escaper.escape("</style>\"x\"\\\n") == "\"\\3c /style\\3e \\22 x\\22 \\5c \\a \"")
    for value in RunbookFixtures.nastyValues {
      let inner = escaper.escape(value).dropFirst().dropLast()
      #expect(!inner.contains("\"") && !inner.contains("<") && !inner.contains("\n"))
    }
  }

  @Test("the browser is found on PATH, or the error names the install command")
  func browserLocator() throws {
    let folder = try RunbookFixtures.temporaryFolder("path")
    #expect(throws: BrowserLocator.NotFound.self) { try BrowserLocator.locate(environment: ["PATH": folder]) }
    do {
      _ = try BrowserLocator.locate(environment: ["PATH": folder])
    } catch {
      #expect("\(error)".contains("sudo apt-get install chromium"))
    }
    let fake = folder + "/chromium-headless-shell"
    _ = FileManager.default.createFile(
      atPath: fake, contents: Data("#!/bin/sh\n".utf8), attributes: [.posixPermissions: 0o755])
    #expect(try BrowserLocator.locate(environment: ["PATH": "/nonexistent:" + folder]) == fake)
    #expect(try BrowserLocator.locate(explicit: fake, environment: [:]) == fake)
    #expect(throws: BrowserLocator.NotFound.self) {
      try BrowserLocator.locate(explicit: folder + "/nope", environment: [:])
    }
  }

  @Test(
    "the major version is read from --version output",
    arguments: [
      ("Chromium 156.0.8078.108 built on Debian GNU/Linux 12 (bookworm)", 156),
      ("Google Chrome 131.0.6778.85 ", 131), ("HeadlessChrome/120.0.6099.0", 120), ("no version", nil),
    ] as [(String, Int?)])
  func versions(text: String, major: Int?) {
    #expect(ChromiumPrinter.majorVersion(in: text) == major)
  }

  @Test("labelled blanks: a token never leaks, tags get data-blank, self-closing tags stay valid")
  func blankTokens() throws {
    let guide = try RunbookFixtures.guide()
    let blanks = BlankFiller(guide: guide)
    let html = try blanks.blockHTML("![shot of {{name}}](x/{{id}}.png) and qxblank literal {{motto}}")
    #expect(!html.contains("qxblankk"))
    #expect(html.contains("qxblank literal"))
    // Both blanks inside the image tag (its src and its alt) go into one data-blank attribute.
    #expect(
      html.contains(
        "<img src=\"x/.png\" alt=\"shot of \" data-blank=\"______ (the recipient&#39;s id (also the packet folder&#39;s name)) (the recipient&#39;s display name)\" />"
      ))
    #expect(html.contains("<span class=\"blank\"></span> <span class=\"blank-label\">(the seller&#39;s motto)</span>"))
    // Each variable is described once; later blanks name it.
    #expect(blanks.plain("for {{name}}") == "for ______ (name)")
    #expect(blanks.plain("for {{owner_name}}") == "for ______ (the account owner's name)")
    #expect(blanks.plain("and {{owner_name}}") == "and ______ (owner name)")
  }

  @Test("printed pages keep in-page and absolute links, and drop relative ones")
  func printableLinks() {
    let html =
      ##"<a href="#setup">a</a> <a href="https://x.example/?q=1" title="t">b</a> <a href="docs/x.md">c</a> <a href="">d</a> <a href="mailto:a@example.com">e</a> <a href="1x:y">f</a>"##
    #expect(
      PrintableLinks.rewrite(html)
        == ##"<a href="#setup">a</a> <a href="https://x.example/?q=1" title="t">b</a> <a>c</a> <a>d</a> <a href="mailto:a@example.com">e</a> <a>f</a>"##
    )
  }

  @Test("relative paths between folders")
  func relativePaths() {
    #expect(RelativePath.from(directory: "/a/b/out", to: "/a/b/images/x.png") == "../images/x.png")
    #expect(RelativePath.from(directory: "/a/b", to: "/a/b/x.png") == "x.png")
    #expect(RelativePath.from(directory: "/", to: "/x/y.png") == "x/y.png")
  }
}
