import Escaping
import Foundation
import GuideKit
import PacketPlanning
import Roster
import Testing

@testable import Runbook

@Suite("HTML runbook")
struct HTMLRunbookRendererTests {
  private func sellerHTML(_ id: String = "nasty", source: String = "file") throws -> String {
    let (guide, plan) = try RunbookFixtures.plan(id, source: source)
    let document = RunbookDocument(plan: plan, guide: guide, date: RunbookFixtures.date)
    return try HTMLRunbookRenderer(images: RunbookImages(guide: guide)).render(document).withoutCodePieces
  }

  private func genericHTML() throws -> String {
    let guide = try RunbookFixtures.guide()
    return try HTMLRunbookRenderer(images: RunbookImages(guide: guide))
      .render(RunbookDocument(genericFor: guide, date: RunbookFixtures.date)).withoutCodePieces
  }

  @Test("the cover has the guide's title and version, the seller, the date and a sign-off table")
  func cover() throws {
    let html = try sellerHTML("plain")
    let cover = try #require(html.range(of: "<section class=\"cover\">").map { String(html[$0.lowerBound...]) })
      .components(separatedBy: "</section>")[0]
    #expect(cover.contains("<h1>Shop onboarding</h1>"))
    #expect(cover.contains("<code>test-guide</code>, version 2.1"))
    #expect(cover.contains("<tr><th>Seller</th><td>Plain Shop</td></tr>"))
    #expect(cover.contains("<tr><th>Date</th><td><time datetime=\"2025-03-31\">2025-03-31</time></td></tr>"))
    #expect(cover.contains("<h2>Sign-off</h2>"))
    #expect(cover.contains("<tr><th>Signed off by</th><td></td><td></td><td></td></tr>"))
  }

  @Test("contents list each stage and step; each stage starts a page; each step has a tick box")
  func structure() throws {
    let html = try sellerHTML("plain")  // credential_source env: file-step is left out
    #expect(html.contains("<h2>Contents</h2>"))
    #expect(
      html.contains(
        "<a class=\"toc-entry\" href=\"#setup\"><span class=\"toc-title\"><span class=\"toc-label\">1.</span> Set up the shop</span></a>"
      ))
    #expect(
      html.contains(
        "<a class=\"toc-entry\" href=\"#env-step\"><span class=\"toc-title\"><span class=\"toc-label\">2.1</span> Put the key in the environment.</span></a>"
      ))
    // On screen the contents have no page numbers.
    #expect(!html.contains("<span class=\"toc-number\""))
    #expect(!html.contains("file-step"))
    #expect(html.contains("<section class=\"stage\" id=\"setup\">"))
    #expect(html.contains("<article class=\"step\" id=\"env-step\">"))
    #expect(RunbookFixtures.count("<section class=\"stage\"", in: html) == 2)
    #expect(RunbookFixtures.count("<article class=\"step\"", in: html) == 3)
    #expect(RunbookFixtures.count("<span class=\"tick\"", in: html) == 3)
    #expect(html.contains(".stage { break-before: page; }"))
    #expect(html.contains(".step { break-inside: avoid; page-break-inside: avoid;"))
  }

  @Test("the footer is drawn by @page margin boxes with the guide id, version and page numbers")
  func footer() throws {
    let html = try sellerHTML("plain")
    #expect(html.contains("@bottom-left { content: \"test-guide · version 2.1\";"))
    #expect(html.contains("@bottom-right { content: \"Page \" counter(page) \" of \" counter(pages);"))
    #expect(html.contains("@bottom-center { content: \"Plain Shop (plain)\";"))
  }

  @Test("checks get confirmed-by and date lines; notes and warnings are set apart")
  func checksAndNotes() throws {
    let html = try sellerHTML("plain")
    #expect(
      RunbookFixtures.count(
        "<div class=\"confirm\"><span>confirmed by</span><span class=\"fill\"></span><span>date</span>", in: html) == 2)
    #expect(html.contains("<div class=\"check-text\">The key starts with <code>k-</code>.</div>"))
    #expect(
      html.contains(
        "<aside class=\"note warning kind-warning\"><p class=\"note-label\">Warning</p>\n<p>Never tell anyone hello.</p>"
      ))
    #expect(
      html.contains("<aside class=\"note kind-note\"><p class=\"note-label\">Note</p>\n<p>Use a shell profile.</p>"))
  }

  @Test("a found screenshot is embedded as a data: URI with its caption; a missing one is a named frame")
  func screenshots() throws {
    let html = try sellerHTML("plain")
    let base64 = Data(RunbookFixtures.pngBytes).base64EncodedString()
    #expect(
      html.contains(
        "<figure><img src=\"data:image/png;base64,\(base64)\" alt=\"The shop front\"><figcaption>The shop front</figcaption></figure>"
      ))
    #expect(
      html.contains(
        "<div class=\"shot-missing\" data-missing=\"missing.png\">Screenshot not found: missing.png</div><figcaption>The key page</figcaption>"
      ))
    #expect(!html.contains("src=\"images/"))
    #expect(html.contains("img-src data:"))
  }

  @Test("credentials are boxes for where they are stored, never the values")
  func credentialBoxes() throws {
    let html = try sellerHTML("nasty")
    #expect(
      html.contains(
        "<div class=\"credential\" data-key=\"api_key\"><div class=\"credential-name\">API key <code>api_key</code></div><div class=\"stored-in\"><span>stored in:</span><span class=\"fill\"></span></div>"
      ))
    #expect(html.contains("The roster already has a value; it is not printed."))
    #expect(html.contains("<tr data-key=\"api_key\">"))
    #expect(!html.contains(RunbookFixtures.canary))
    #expect(!html.contains("canary7f3e"))
  }

  @Test("nasty roster values are HTML-escaped and exact wherever they appear")
  func escaping() throws {
    let html = try sellerHTML("nasty")
    let escaped = HTMLEscaper().escape(RunbookFixtures.nastyName)
    #expect(html.contains("<tr><th>Seller</th><td>\(escaped)</td></tr>"))
    #expect(!html.contains("<script"))
    #expect(!html.contains("<i>#1</i>"))
    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    #expect(html.contains("&#39;; DROP"))
    #expect(html.contains("&quot;quoted&quot;"))
    #expect(html.contains("${HOME}"))
    // In a code span the motto is literal text (escaped once for HTML).
    #expect(
      html.contains("<code>`${HOME}` | &lt;i&gt;#1&lt;/i&gt;</code>")
        || html.contains("<code>｀${HOME}｀ | &lt;i&gt;#1&lt;/i&gt;</code>"))
    // The link is percent-encoded, never a raw quote or angle bracket in the attribute.
    #expect(html.contains("href=\"https://shop.example.com/?q=%3Cb%3E&amp;x=%22y%22\""))
  }

  @Test("the footer's CSS string cannot end the string or the style element")
  func footerEscaping() throws {
    let html = try sellerHTML("nasty")
    let style = try #require(
      html.components(separatedBy: "<style>").dropFirst().first?.components(separatedBy: "</style>").first)
    #expect(!style.contains("<"))
    #expect(!style.contains("alert(1)\""))
    let center = try #require(
      style.components(separatedBy: "@bottom-center { content: ").dropFirst().first?.components(separatedBy: ";").first)
    #expect(center.hasPrefix("\"") && center.hasSuffix("\""))
    #expect(!center.dropFirst().dropLast().contains("\""))
    #expect(center.contains("\\3c script\\3e alert(1)"))
  }

  @Test("a generic runbook has every step, shows conditions, and labelled blanks for variables")
  func generic() throws {
    let html = try genericHTML()
    #expect(RunbookFixtures.count("<article class=\"step\"", in: html) == 4)
    // Conditions in words (the fixture labels no values): never the guide's syntax.
    #expect(html.contains("<p class=\"only-when\">Only when the credential source is &quot;file&quot;</p>"))
    #expect(!html.contains("credential_source =="))
    #expect(
      html.contains(
        "<tr><th>Seller</th><td><span class=\"blank\"></span> <span class=\"blank-label\">(the recipient&#39;s display name)</span></td></tr>"
      ))
    #expect(
      html.contains(
        "Open the shop for <span class=\"blank\"></span> <span class=\"blank-label\">(name)</span>."
      ))
    #expect(
      html.contains(
        "<code><span class=\"blank\"></span> <span class=\"blank-label\">(the seller&#39;s motto)</span></code>"))
    // A link to a variable keeps its text and prints the blank after it.
    // (An empty href would point into the folder the browser prints from, so it is dropped.)
    #expect(html.contains("<a data-blank=\"______ (the shop&#39;s web address)\">the shop</a>"))
    #expect(html.contains("@bottom-center { content: \"generic runbook\";"))
    #expect(!html.contains("{{"))
    #expect(!html.contains("qxblank"))
  }

  @Test("steps pulled in by a requirement say which step needs them")
  func pulledIn() throws {
    let guide = try RunbookFixtures.bundledGuide()
    let seller = Seller(id: "s1", name: "S1", credentialSource: "env", fields: ["marketplace": "DE"])
    guard case .success(let plan) = PacketPlanner(guide: guide).plan(seller) else {
      Issue.record("the bundled guide did not plan")
      return
    }
    let html = try HTMLRunbookRenderer(images: RunbookImages(guide: guide))
      .render(RunbookDocument(plan: plan, guide: guide, date: RunbookFixtures.date)).withoutCodePieces
    let pulled = plan.steps.filter { !$0.applies }
    #expect(RunbookFixtures.count("<p class=\"pulled\">Included because", in: html) == pulled.count)
    #expect(RunbookFixtures.count("<section class=\"stage\"", in: html) == plan.stages.count)
    #expect(RunbookFixtures.count("<article class=\"step\"", in: html) == plan.steps.count)
    #expect(
      RunbookFixtures.count("<div class=\"confirm\">", in: html) == plan.steps.reduce(0) { $0 + $1.step.checks.count })
  }
}
