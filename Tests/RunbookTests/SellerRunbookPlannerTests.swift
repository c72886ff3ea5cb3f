import Foundation
import GuideKit
import OnboardDiagnostics
import PacketPlanning
import Roster
import Testing

@testable import Runbook

@Suite("Seller runbooks use the packets' plan")
struct SellerRunbookPlannerTests {
  @Test("only the steps that apply to the seller are planned")
  func applicableSteps() throws {
    let (_, fileSeller) = try RunbookFixtures.plan("nasty", source: "file")
    #expect(fileSeller.steps.map(\.step.id) == ["open", "get-key", "file-step"])
    let (_, envSeller) = try RunbookFixtures.plan("plain")
    #expect(envSeller.steps.map(\.step.id) == ["open", "get-key", "env-step"])
  }

  @Test("an unknown id is reported as not found")
  func notFound() throws {
    let guide = try RunbookFixtures.guide()
    let outcome = try SellerRunbookPlanner(guide: guide).plan(sellerID: "nobody", roster: try RunbookFixtures.roster())
    guard case .notFound = outcome else {
      Issue.record("expected notFound, got \(outcome)")
      return
    }
  }

  @Test("a duplicated id and a bad credential value are problems, and no message quotes the value")
  func problems() throws {
    let guide = try RunbookFixtures.guide()
    let folder = try RunbookFixtures.temporaryFolder("bad-roster")
    let path = folder + "/roster.yml"
    let secret = "not-a-key-SECRETVALUE"
    try """
    - id: shop
      shop_url: https://a.example.com
      motto: hi
      api_key: \(secret)
    - id: other
      shop_url: https://b.example.com
      motto: hi
    - id: shop
      shop_url: https://c.example.com
      motto: hi

    """.write(toFile: path, atomically: true, encoding: .utf8)
    let outcome = try SellerRunbookPlanner(guide: guide).plan(sellerID: "shop", roster: path)
    guard case .problems(let diagnostics) = outcome else {
      Issue.record("expected problems, got \(outcome)")
      return
    }
    let rules = Set(diagnostics.map(\.ruleID))
    #expect(rules.contains(RosterRules.duplicateID))
    #expect(rules.contains(RosterRules.credentialValue))
    for diagnostic in diagnostics {
      #expect(!diagnostic.message.contains("SECRETVALUE"))
      #expect(!(diagnostic.fix ?? "").contains("SECRETVALUE"))
      #expect(!diagnostic.notes.joined().contains("SECRETVALUE"))
    }
  }

  @Test("a variable the seller lacks is a warning, and the runbook shows the marker in its place")
  func unknownVariable() throws {
    let guide = try RunbookFixtures.guide()
    let folder = try RunbookFixtures.temporaryFolder("no-motto")
    let path = folder + "/roster.yml"
    try "- id: shop\n  shop_url: https://a.example.com\n".write(toFile: path, atomically: true, encoding: .utf8)
    let outcome = try SellerRunbookPlanner(guide: guide, missingValue: "({{label}} not given)")
      .plan(sellerID: "shop", roster: path)
    guard case .planned(let plan) = outcome else {
      Issue.record("expected a plan, got \(outcome)")
      return
    }
    #expect(plan.warnings.contains { $0.ruleID == RosterRules.missingValue && $0.message.contains("'motto'") })
    #expect(plan.warnings.allSatisfy { $0.severity == .warning && $0.message.contains("Row 1") })
    let markdown = try MarkdownRunbookRenderer().render(
      RunbookDocument(plan: plan, guide: guide, date: RunbookFixtures.date))
    #expect(markdown.contains("(motto not given)"))
  }
}
