import Foundation
import GuideKit
import PacketPlanning
import Roster
import Runbook
import Testing

@testable import Walk

/// Issue 14: a stage's own text (its introduction paragraphs, notes and warnings) keeps the
/// guide's order in every output; its notes used to be printed before its paragraphs.
@Suite("Stage-level order")
struct StageOrderTests {
  static var guide: String {
    OutputCoverageTests.root + "/Tests/GuideKitTests/Fixtures/other-service/tillpoint-payments.md"
  }

  /// The guide's pairs: a stage paragraph, then the note or warning written after it.
  static let pairs = [
    ("Tillpoint keeps test keys and live keys apart", "Only an administrator of the Tillpoint account"),
    ("The shop learns about each payment through a webhook", "does not check signatures lets anyone fake"),
  ]

  static func assertOrder(_ text: String, in name: String) {
    for (first, second) in pairs {
      guard let a = text.range(of: first), let b = text.range(of: second) else {
        Issue.record("\(name) lacks '\(first)' or '\(second)'")
        continue
      }
      #expect(a.lowerBound < b.lowerBound, "\(name): '\(second)' comes before '\(first)'")
    }
  }

  @Test("a seller's checklist.md, checklist.html, runbook (md, html) and walk keep the stage's order")
  func sellerOutputs() throws {
    let seller = Seller(
      id: "shop", name: "Shop", owner: .init(name: "Olive Owner", email: "o@example.com"), credentialSource: "env",
      fields: ["account_mode": "live", "dashboard_url": "https://dashboard.example"], row: 2)
    let outputs = try FidelityCaseTests.outputs(guidePath: Self.guide, seller: seller)
    #expect(outputs.plan.stages[0].parts.count == 2)
    for (name, text) in outputs.all { Self.assertOrder(text, in: name) }
  }

  @Test("the generic runbook keeps the stage's order")
  func genericRunbook() throws {
    let guide = try #require(GuideLoader().load(file: Self.guide).guide)
    #expect(guide.stages[0].parts == [.block(0), .note(0)])
    let document = RunbookDocument(genericFor: guide, date: try #require(RunbookDate("2025-01-01")))
    Self.assertOrder(try MarkdownRunbookRenderer().render(document), in: "generic runbook.md")
    Self.assertOrder(
      try HTMLRunbookRenderer(images: RunbookImages(guide: guide)).render(document), in: "generic runbook.html")
  }
}
