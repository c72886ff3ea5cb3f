import GuideKit
import OnboardDiagnostics
import Roster
import Testing

@testable import PacketPlanning
@testable import Packets

@Suite("Planning")
struct PlanningTests {
  @Test(
    "The bundled guide keeps the configuration step for each credential_source",
    arguments: [
      ("file", "credentials-file"), ("env", "environment"), ("code", "code"),
    ])
  func credentialSource(source: String, step: String) throws {
    let guide = try TestSupport.bundledGuide()
    let seller = Seller(id: "s", credentialSource: source, fields: ["marketplace": "DE"])
    let plan = try PacketPlanner(guide: guide).plan(seller).get()
    let ids = plan.steps.map(\.step.id)
    #expect(ids.contains(step))
    let others = Set(["credentials-file", "environment", "code"]).subtracting([step])
    #expect(others.isDisjoint(with: ids))
    #expect(ids.first == "open-develop-apps")
    #expect(plan.variables["seller_central_url"]?.hasPrefix("https://") == true)
    #expect(plan.variables["region"] != nil)
  }

  @Test("The verify step shows the code or the account variant by credential_source")
  func blockConditions() throws {
    let guide = try TestSupport.bundledGuide()
    for (source, fragment) in [("code", "credentials=credentials"), ("file", "account=")] {
      let plan = try PacketPlanner(guide: guide).plan(
        Seller(id: "s", credentialSource: source, fields: ["marketplace": "US"])
      ).get()
      let verify = try #require(plan.steps.first { $0.step.id == "verify" })
      let text = verify.blocks.map(\.markdown).joined(separator: "\n")
      #expect(text.contains("Sellers(" + fragment))
    }
  }

  @Test("A step that applies pulls in the steps it requires, transitively")
  func requiredSteps() throws {
    let guide = try SyntheticGuide.make()
    let plan = try PacketPlanner(guide: guide).plan(Seller(id: "s", fields: ["x": "no", "region": "na"])).get()
    #expect(plan.steps.map(\.step.id) == ["a1", "a2", "b1"])
    let a2 = try #require(plan.steps.first { $0.step.id == "a2" })
    #expect(!a2.applies)
    #expect(a2.requiredBy == ["b1"])
    let b1 = try #require(plan.steps.first { $0.step.id == "b1" })
    #expect(b1.blocks.count == 1)
  }

  @Test("Conditions on blocks and steps follow the seller's variables")
  func conditions() throws {
    let guide = try SyntheticGuide.make()
    let plan = try PacketPlanner(guide: guide).plan(
      Seller(id: "s", credentialSource: "env", fields: ["x": "YES", "region": "EU"])
    ).get()
    #expect(plan.steps.map(\.step.id) == ["a1", "a2", "b1", "b2"])
    #expect(plan.steps[0].applies && plan.steps[1].applies)
    #expect(plan.steps.first { $0.step.id == "b1" }?.blocks.count == 2)
  }

  @Test("An unknown variable in a condition names the step and the row")
  func unknownConditionVariable() throws {
    let guide = try SyntheticGuide.make()
    let seller = Seller(id: "shop", row: 7, location: DiagnosticLocation(file: "r.yml", line: 30, column: 1))
    guard case .failure(let list) = PacketPlanner(guide: guide).plan(seller) else {
      Issue.record("planning should fail")
      return
    }
    let diagnostic = try #require(list.diagnostics.first { $0.message.contains("'x'") })
    #expect(diagnostic.ruleID == RosterRules.unknownVariable)
    #expect(diagnostic.message.contains("step 'a2'") && diagnostic.message.contains("Row 7"))
    #expect(diagnostic.location.line == 30)
    #expect(diagnostic.notes.first?.contains("synthetic.md:12") == true)
  }

  @Test("A variable the text uses but the row lacks is a warning, and the text shows the marker")
  func unknownTextVariable() throws {
    let guide = try SyntheticGuide.make(b1Text: "Do b1 for {{nickname}}.")
    let plan = try PacketPlanner(guide: guide, missingValue: "[{{label}} missing]")
      .plan(Seller(id: "s", fields: ["x": "yes", "region": "eu"], row: 4)).get()
    #expect(plan.warnings.count == 1)
    let warning = try #require(plan.warnings.first)
    #expect(warning.severity == .warning && warning.ruleID == RosterRules.missingValue)
    #expect(warning.message.contains("step 'b1'") && warning.message.contains("'nickname'"))
    #expect(warning.message.contains("Row 4"))
    #expect(plan.variables["nickname"] == "[nickname missing]")
    // An empty value is not given either; a second seller of the same shape gets its own warning.
    let second = try PacketPlanner(guide: guide)
      .plan(Seller(id: "t", fields: ["x": "yes", "region": "eu", "nickname": ""], row: 9)).get()
    #expect(second.variables["nickname"] == "(nickname not given)")
    #expect(second.warnings.count == 1 && second.warnings[0].message.contains("Row 9"))
  }

  @Test("A javascript: value in a link destination is refused")
  func unsafeLink() throws {
    let guide = try SyntheticGuide.make(b1Text: "Open [the site]({{site}}).")
    let seller = Seller(id: "s", fields: ["x": "yes", "region": "eu", "site": "javascript:alert(1)"])
    guard case .failure(let list) = PacketPlanner(guide: guide).plan(seller) else {
      Issue.record("planning should fail")
      return
    }
    #expect(list.diagnostics.first?.ruleID == RosterRules.unsafeLink)
    #expect(list.diagnostics.first?.message.contains("alert") == false)
  }

  @Test("Placeholders in code, links and text get their own escaping")
  func fillerContexts() throws {
    let filler = MarkdownFiller(variables: ["v": "a*b`c\nd", "url": "https://x.example/a b"])
    let filled = try filler.markdown("T {{v}} `code {{v}}` [l]({{url}})\n\n```\n{{v}}\n```\n")
    #expect(filled.contains("T a\\*b\\`c d "))
    #expect(filled.contains("`code a*b\u{FF40}c d`"))
    #expect(filled.contains("[l](https://x.example/a%20b)"))
    #expect(filled.contains("```\na*b\u{FF40}c d\n```"))
  }
}

/// The plan memo (``PlanMemo``) must give exactly the plan that planning from scratch gives.
@Suite("Plan memo")
struct PlanMemoTests {
  /// What a plan holds, as text to compare.
  func signature(_ plan: PacketPlan) -> [String] {
    var lines = ["intro " + plan.introduction.map(\.markdown).joined(separator: "|")]
    for stage in plan.stages {
      lines.append("stage \(stage.stage.id) \(stage.blocks.map(\.markdown)) \(stage.notes.map(\.markdown))")
      for step in stage.steps {
        lines.append(
          "step \(step.step.id) \(step.applies) \(step.requiredBy) \(step.blocks.map(\.markdown)) \(step.notes.map(\.markdown))"
        )
      }
    }
    return lines
  }

  @Test("Remembered plans equal plans made from scratch for the example and a hostile roster")
  func sameAsFromScratch() throws {
    let run = try PacketRun()
    let shared = PacketPlanner(guide: run.guide, structureKey: { PacketShape.structureKey(of: $0, guide: run.guide) })
    let decoder = SellerDecoder(credentialKeys: run.guide.credentials.keys)
    var compared = 0
    for path in [
      TestSupport.root + "/examples/sellers.yml",
      try TestSupport.file(SplicedRenderingTests.roster(count: 150), named: "memo.yml"),
    ] {
      for record in try RosterReader.readAll(path).records {
        guard let seller = decoder.decode(record).seller else { continue }
        let fresh = PacketPlanner(guide: run.guide).plan(seller)
        for _ in 0..<2 {
          switch (shared.plan(seller), fresh) {
          case (.success(let remembered), .success(let expected)):
            #expect(signature(remembered) == signature(expected), "\(seller.id)")
            #expect(remembered.variables == expected.variables && remembered.seller.id == seller.id)
            #expect(
              remembered.structureKey
                == PacketShape.structureKey(
                  stages: expected.stages, introduction: expected.introduction, guide: run.guide))
          case (.failure(let got), .failure(let expected)):
            #expect(got.diagnostics.map(\.message) == expected.diagnostics.map(\.message))
          default:
            Issue.record("\(seller.id): the memo and planning from scratch disagree on success")
          }
        }
        compared += 1
      }
    }
    #expect(compared == 155)
  }

  @Test("A planner without the shape's key (walk, runbook) plans without one, and the shape key is the same")
  func shapeKeyWithAndWithoutTheRememberedKey() throws {
    let guide = try TestSupport.bundledGuide()
    let plain = PacketPlanner(guide: guide)
    let keyed = PacketPlanner(guide: guide, structureKey: { PacketShape.structureKey(of: $0, guide: guide) })
    let sellers = [
      Seller(id: "a", credentialSource: "file", fields: ["marketplace": "US"]),
      Seller(id: "b", credentialSource: "env", fields: ["marketplace": "DE"]),
    ]
    for seller in sellers {
      for _ in 0..<2 {
        let withoutKey = try plain.plan(seller).get()
        let withKey = try keyed.plan(seller).get()
        #expect(withoutKey.structureKey == nil)
        #expect(withKey.structureKey == PacketShape.structureKey(of: withoutKey, guide: guide))
        #expect(PacketShape.key(of: withoutKey, guide: guide) == PacketShape.key(of: withKey, guide: guide))
      }
    }
  }

  @Test("A seller whose link variable cannot start a link fails even after a seller like them planned")
  func unsafeLinkAfterSafe() throws {
    let planner = PacketPlanner(guide: try TestSupport.bundledGuide())
    let safe = Seller(id: "a", credentialSource: "file", fields: ["marketplace": "US"])
    #expect((try? planner.plan(safe).get()) != nil)
    let unsafe = Seller(
      id: "b", credentialSource: "file",
      fields: ["marketplace": "US", "seller_central_url": "javascript:alert(1)"])
    guard case .failure(let list) = planner.plan(unsafe) else {
      Issue.record("the unsafe link was planned")
      return
    }
    #expect(list.diagnostics.map(\.ruleID).contains(RosterRules.unsafeLink))
  }
}
