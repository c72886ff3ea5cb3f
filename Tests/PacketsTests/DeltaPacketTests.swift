import Foundation
import GuideKit
import OnboardDiagnostics
import PacketPlanning
import Roster
import Testing

@testable import Packets

/// Issue 18: `packets --since OLD.md` writes per seller only the steps that changed and apply
/// to them, plus the steps they now need, each with what changed; sellers with nothing to redo
/// get no packet.
@Suite("Delta packets")
struct DeltaPacketTests {
  /// Version 1: a (a check), b (env only), c, e (env only), gone (everyone).
  static let old = """
    ---
    id: g
    title: G
    version: 1
    ---

    # G

    ## <a id="s"></a>S

    1. <a id="a"></a>Do A.

       **Check:** A is done.

    2. <a id="b"></a>Do B.

       **When:** credential_source == "env"

    3. <a id="c"></a>Do C.

    4. <a id="e"></a>Do E.

       **When:** credential_source == "env"

    5. <a id="gone"></a>Do the old thing.

    """

  /// Version 2: a's check changed, d added (file only), e's condition widened to file sellers,
  /// gone removed; b and c unchanged.
  static let new = """
    ---
    id: g
    title: G
    version: 2
    ---

    # G

    ## <a id="s"></a>S

    1. <a id="a"></a>Do A.

       **Check:** A is done and logged.

    2. <a id="b"></a>Do B.

       **When:** credential_source == "env"

    3. <a id="c"></a>Do C.

    4. <a id="d"></a>Do D.

       **When:** credential_source == "file"

    5. <a id="e"></a>Do E.

       **When:** credential_source != "code"

    """

  static func guide(_ text: String) throws -> Guide {
    let result = GuideLoader().load(file: try TestSupport.file(text, named: "guide.md"))
    #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty, "\(result.diagnostics.map(\.message))")
    return try #require(result.guide)
  }

  static func planner(old: String = old, new: String = new) throws -> (DeltaPlanner, PacketGenerator) {
    let newGuide = try guide(new)
    let templates = try TestSupport.templates()
    let delta = DeltaPlanner(old: try guide(old), new: newGuide, layout: templates.layout)
    let generator = PacketGenerator(
      guide: newGuide, templates: templates, options: .init(outputDirectory: "/nonexistent", delta: delta))
    return (delta, generator)
  }

  static func delta(_ source: String, old: String = old, new: String = new) throws -> PacketDelta {
    let (delta, generator) = try planner(old: old, new: new)
    let plan = try generator.plan(Seller(id: "shop-\(source)", credentialSource: source)).get()
    return try delta.delta(for: plan).get()
  }

  @Test("a step that changed and applies is in the delta with what changed; an unchanged one is not")
  func changedAndApplies() throws {
    let env = try Self.delta("env")
    #expect(env.changes.map(\.step) == ["a", "e"])
    #expect(env.changes.first?.aspects == [.checks])
    #expect(env.changes.first?.sentence(oldVersion: "1") == "Changed since version 1: its checks.")
    // e applied before and still does: only its condition changed.
    #expect(env.changes.last?.newForSeller == false && env.changes.last?.aspects == [.conditions])
    #expect(env.oldVersion == "1" && env.newVersion == "2")
  }

  @Test("a step added that applies, and a step whose condition now holds, are in the delta as new")
  func newlyRequired() throws {
    let file = try Self.delta("file")
    #expect(file.changes.map(\.step) == ["a", "d", "e"])
    let added = try #require(file.changes.first { $0.step == "d" })
    #expect(added.added && added.sentence(oldVersion: "1") == "New step in this version of the guide.")
    let now = try #require(file.changes.first { $0.step == "e" })
    #expect(now.newForSeller && !now.added)
    #expect(now.sentence(oldVersion: "1").hasPrefix("New for you: this step was not in your packet for version 1."))
    // The env seller does not get d: it does not apply to them.
    #expect(try !Self.delta("env").changes.contains { $0.step == "d" })
  }

  @Test("a removed step the seller had is listed as no longer needed, and alone makes no packet")
  func removed() throws {
    let file = try Self.delta("file")
    #expect(file.noLongerNeeded.map(\.step) == ["gone"])
    #expect(file.noLongerNeeded.first?.removed == true)
    // Only "gone" removed: nothing to redo.
    let newWithoutGone = Self.old.replacingOccurrences(of: "version: 1", with: "version: 2")
      .replacingOccurrences(of: "5. <a id=\"gone\"></a>Do the old thing.\n", with: "")
    let delta = try Self.delta("env", old: Self.old, new: newWithoutGone)
    #expect(delta.isEmpty && delta.noLongerNeeded.map(\.step) == ["gone"])
  }

  @Test("a seller with nothing to redo gets no packet and is listed with the reason")
  func nothingToRedo() throws {
    // Only b (env only) changes: file sellers have nothing to redo.
    let changedB = Self.old.replacingOccurrences(of: "version: 1", with: "version: 2")
      .replacingOccurrences(of: "Do B.", with: "Do B carefully.")
    let (delta, generator) = try Self.planner(new: changedB)
    let filePlan = try generator.plan(Seller(id: "f", credentialSource: "file")).get()
    guard case .skip(let reason) = delta.decide(filePlan) else {
      Issue.record("a file seller has nothing to redo")
      return
    }
    #expect(reason == "with nothing to redo since version 1")
    let envPlan = try generator.plan(Seller(id: "v", credentialSource: "env")).get()
    guard case .packet(let cut) = delta.decide(envPlan) else {
      Issue.record("an env seller redoes b")
      return
    }
    #expect(cut.steps.map(\.step.id) == ["b"])

    let folder = try TestSupport.temporaryFolder()
    let roster = try TestSupport.file(
      "- id: f1\n  credential_source: file\n- id: v1\n  credential_source: env\n- id: f2\n  credential_source: file\n",
      named: "roster.yml")
    let writing = PacketGenerator(
      guide: generator.guide, templates: generator.templates,
      options: .init(outputDirectory: folder, delta: delta))
    let result = try writing.write(roster: roster)
    #expect(result.written == 1)
    #expect(result.skipped.map(\.reason) == ["with nothing to redo since version 1"])
    #expect(result.skipped.first?.sellers == ["f1", "f2"])
    #expect(TestSupport.files(under: folder).filter { $0.hasPrefix("f") }.isEmpty)
    let manifest = TestSupport.text(folder + "/v1/packet.json")
    #expect(manifest.contains("\"delta\": {\"from_version\": \"1\", \"to_version\": \"2\"}"))
    #expect(manifest.contains("\"steps\": [\"b\"]"))
  }

  @Test("the delta checklist holds only the steps to redo, renumbered, each with its own note")
  func rendering() throws {
    let (_, generator) = try Self.planner()
    func files(_ source: String) throws -> [String: String] {
      let plan = try generator.plan(Seller(id: "shop-\(source)", credentialSource: source)).get()
      guard case .packet(let cut) = try #require(generator.options.delta).decide(plan) else { return [:] }
      var result: [String: String] = [:]
      for file in try generator.render(cut) {
        if case .bytes(let bytes) = file.content { result[file.path] = String(decoding: bytes, as: UTF8.self) }
      }
      return result
    }
    // Rendered one after the other: a shape made for one seller's notes must not serve another.
    let file = try files("file")
    let env = try files("env")
    let fileAgain = try files("file")
    #expect(fileAgain == file)
    let fileList = try #require(file["checklist.md"])
    #expect(fileList.contains("**What changed since version 1.**"))
    #expect(fileList.contains("Do the old thing. (step `gone`, removed from the guide)"))
    #expect(fileList.contains("- [ ] **1\\.1** Do A."))
    #expect(fileList.contains("- [ ] **1\\.2** Do D."))
    #expect(fileList.contains("- [ ] **1\\.3** Do E."))
    #expect(!fileList.contains("Do C.") && !fileList.contains("Do B."))
    #expect(fileList.contains("> **Important:** Changed since version 1: its checks."))
    #expect(fileList.contains("> **Important:** New for you: this step was not in your packet for version 1."))
    let envList = try #require(env["checklist.md"])
    #expect(envList.contains("- [ ] **1\\.2** Do E."))
    #expect(envList.contains("> **Important:** Changed since version 1: its conditions."))
    #expect(!envList.contains("New for you"))
    let html = try #require(file["checklist.html"])
    #expect(html.contains("Changed since version 1: its checks."))
    // Its tick boxes are its own: a step ticked in the earlier packet starts unticked here.
    #expect(html.contains("data-key=\"onboard:g:shop-file:a:delta-1-2\""))
    #expect(!html.contains("data-key=\"onboard:g:shop-file:a\""))
    // No step here touches a credential: no credential template.
    #expect(file.keys.sorted() == ["checklist.html", "checklist.md", "packet.json", "prompts.md"])
  }

  @Test("two sellers with the same steps but different changes get their own notes")
  func sameShapeOtherNotes() throws {
    let header = "---\nid: g\ntitle: G\nversion: VERSION\n---\n\n# G\n\n## <a id=\"s\"></a>S\n\n"
    let step = "1. <a id=\"e\"></a>Do E.\n\n   **When:** CONDITION\n"
    let old =
      header.replacingOccurrences(of: "VERSION", with: "1")
      + step.replacingOccurrences(of: "CONDITION", with: "credential_source == \"env\"")
    let new =
      header.replacingOccurrences(of: "VERSION", with: "2")
      + step.replacingOccurrences(of: "CONDITION", with: "credential_source != \"code\"")
    let (delta, generator) = try Self.planner(old: old, new: new)
    func checklist(_ source: String) throws -> String {
      let plan = try generator.plan(Seller(id: "shop-\(source)", credentialSource: source)).get()
      guard case .packet(let cut) = delta.decide(plan) else { return "" }
      let file = try #require(try generator.render(cut).first { $0.path == "checklist.md" })
      guard case .bytes(let bytes) = file.content else { return "" }
      return String(decoding: bytes, as: UTF8.self)
    }
    let env = try checklist("env")
    let file = try checklist("file")
    #expect(env.contains("> **Important:** Changed since version 1: its conditions."))
    #expect(!env.contains("New for you"))
    #expect(file.contains("> **Important:** New for you: this step was not in your packet for version 1."))
  }
}
