import CommonMark
import Foundation
import GuideKit
import PacketPlanning
import Testing

@testable import Runbook

@Suite("Markdown runbook")
struct MarkdownRunbookRendererTests {
  private func render(_ id: String?, source: String = "file", outputDirectory: String = ".") throws -> String {
    let renderer = MarkdownRunbookRenderer(outputDirectory: outputDirectory)
    if let id {
      let (guide, plan) = try RunbookFixtures.plan(id, source: source)
      return try renderer.render(RunbookDocument(plan: plan, guide: guide, date: RunbookFixtures.date))
    }
    let guide = try RunbookFixtures.guide()
    return try renderer.render(RunbookDocument(genericFor: guide, date: RunbookFixtures.date))
  }

  @Test("the structure: title, facts, sign-off, contents, stages, task boxes, checks, credentials")
  func structure() throws {
    let markdown = try render("plain")
    let document = MarkdownDocument.parse(markdown)
    let headings = document.root.descendants.filter { if case .heading = $0.kind { return true } else { return false } }
      .map(\.plainText)
    #expect(
      headings == [
        "Runbook: Shop onboarding", "Sign-off", "Contents", "Stage 1: Set up the shop",
        "1.1 Open the shop for Plain Shop.",
        // Numbered in the runbook's own order: the file step (2.1 in the guide) is left out.
        "1.2 Get the key.", "Stage 2: Use the key", "2.1 Put the key in the environment.", "Credentials",
      ])
    #expect(markdown.contains("- **Date:** 2025-03-31\n"))
    #expect(RunbookFixtures.count("- [ ] Done (step `", in: markdown) == 3)
    #expect(RunbookFixtures.count("confirmed by \\_", in: markdown) == 2)
    #expect(markdown.contains("**Credential:** API key (`api_key`), stored in: \\_"))
    #expect(markdown.contains("> **Warning:** Never tell anyone hello."))
    #expect(markdown.contains("> **Screenshot not found:** missing.png"))
  }

  @Test("screenshot links are relative to the output folder")
  func screenshotLinks() throws {
    let guide = try RunbookFixtures.guide()
    let shot = try #require(guide.screenshot(path: "images/front.png")?.resolvedPath)
    let folder = (shot as NSString).deletingLastPathComponent  // …/images
    let markdown = try MarkdownRunbookRenderer(outputDirectory: folder + "/../out")
      .render(RunbookDocument(genericFor: guide, date: RunbookFixtures.date))
    #expect(markdown.contains("![The shop front](../images/front.png)"))
  }

  @Test("nasty roster values come out as text, exact, opening no structure")
  func escaping() throws {
    let markdown = try render("nasty")
    #expect(!markdown.contains(RunbookFixtures.canary))
    let document = MarkdownDocument.parse(markdown)
    for node in document.root.descendants {
      switch node.kind {
      case .htmlInline(let raw), .htmlBlock(let raw):
        Issue.record("raw HTML in the Markdown runbook: \(raw)")
      default: break
      }
    }
    // The seller line holds the name as text: the newline became a space, nothing else changed.
    let expected = RunbookFixtures.nastyName.replacingOccurrences(of: "\n", with: " ")
    let items = document.root.descendants.filter { if case .item = $0.kind { return true } else { return false } }
    let sellerItem = try #require(items.first { $0.plainText.hasPrefix("Seller:") })
    #expect(sellerItem.plainText == "Seller: " + expected)
    // The step title is a heading whose text is exactly the filled title.
    let headings = document.root.descendants.filter { if case .heading = $0.kind { return true } else { return false } }
    #expect(headings.contains { $0.plainText == "1.1 Open the shop for \(expected)." })
    // No value started a heading or list of its own.
    #expect(!headings.contains { $0.plainText.hasPrefix("not a heading") })
  }

  @Test("a generic Markdown runbook has labelled blanks, in text, code and links")
  func generic() throws {
    let markdown = try render(nil)
    #expect(markdown.contains("- **Seller:** \\_\\_\\_\\_\\_\\_ \\(the recipient's display name\\)"))
    // The cover describes the name once; later blanks name it.
    #expect(markdown.contains("Open the shop for \\_\\_\\_\\_\\_\\_ \\(name\\)."))
    #expect(RunbookFixtures.count("the recipient's display name", in: markdown) == 1)
    #expect(markdown.contains("`______ (the seller's motto)`"))
    #expect(markdown.contains("[the shop](#fill-in-shop_url)"))
    #expect(markdown.contains("*Only when* the credential source is \"file\""))
    #expect(!markdown.contains("{{"))
    let document = MarkdownDocument.parse(markdown)
    let text = document.root.plainText
    #expect(text.contains("Open the shop for ______ (name)."))
  }
}
