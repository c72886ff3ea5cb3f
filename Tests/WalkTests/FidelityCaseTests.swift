import CommonMark
import Foundation
import GuideKit
import PacketPlanning
import Packets
import Roster
import Runbook
import Testing

@testable import Walk

/// The cases of issue 14 (and 13, item 17) where a block of the guide was lost or changed on its
/// way into an output, each checked in every output it belongs to.
@Suite("Fidelity cases")
struct FidelityCaseTests {
  /// A guide's outputs for one seller: checklist.md, checklist.html, the runbook as Markdown and
  /// HTML, and the walk's text.
  struct Outputs {
    var plan: PacketPlan
    var checklistMarkdown: String
    var checklistHTML: String
    var runbookMarkdown: String
    var runbookHTML: String
    var walk: String

    var all: [(String, String)] {
      [
        ("checklist.md", checklistMarkdown), ("checklist.html", checklistHTML), ("runbook.md", runbookMarkdown),
        ("runbook.html", runbookHTML), ("walk", walk),
      ]
    }
  }

  static func outputs(guidePath: String, seller: Seller) throws -> Outputs {
    let guide = try #require(
      GuideLoader(screenshotFolders: [OutputCoverageTests.root + "/../shared/screenshots"]).load(file: guidePath).guide)
    let templates = try TemplateSet.load(directory: OutputCoverageTests.root + "/templates/sp-api")
    let generator = PacketGenerator(
      guide: guide, templates: templates, options: .init(outputDirectory: NSTemporaryDirectory()))
    let plan = try generator.plan(seller).get()
    let files = try generator.render(plan)
    func file(_ name: String) -> String { files.first { $0.path == name }.map(OutputCoverageTests.text) ?? "" }
    let document = RunbookDocument(plan: plan, guide: guide, date: try #require(RunbookDate("2025-01-01")))
    return Outputs(
      plan: plan, checklistMarkdown: file("checklist.md"), checklistHTML: file("checklist.html"),
      runbookMarkdown: try MarkdownRunbookRenderer().render(document),
      runbookHTML: try HTMLRunbookRenderer(images: RunbookImages(guide: guide)).render(document),
      walk: WalkText.transcript(of: plan, guide: guide))
  }

  static var bundled: String { OutputCoverageTests.root + "/guides/sp-api-self-authorisation.md" }
  static var fidelity: String { OutputCoverageTests.root + "/Tests/GuideKitTests/Fixtures/fidelity.md" }

  static func seller(_ source: String, owner: Seller.Owner = .init(name: "Olive Owner", email: "o@example.com"))
    -> Seller
  {
    Seller(id: "shop", name: "Shop", owner: owner, credentialSource: source, fields: ["marketplace": "UK"], row: 3)
  }

  @Test("a section without steps reaches every output: an appended 'Getting help' and the seed's gallery")
  func plainSections() throws {
    let folder = NSTemporaryDirectory() + "fidelity-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let guideText = try String(contentsOfFile: Self.bundled, encoding: .utf8)
    try (guideText + "\n## Getting help\n\nAsk the onboarding desk in the help channel.\n")
      .write(toFile: folder + "/guide.md", atomically: true, encoding: .utf8)
    try FileManager.default.copyItem(
      atPath: OutputCoverageTests.root + "/guides/marketplaces.yml", toPath: folder + "/marketplaces.yml")
    let outputs = try Self.outputs(guidePath: folder + "/guide.md", seller: Self.seller("file"))
    for (name, text) in outputs.all {
      #expect(text.contains("Getting help"), "\(name)")
      #expect(text.contains("Ask the onboarding desk in the help channel."), "\(name)")
      #expect(text.contains("Example screenshots"), "\(name)")
      #expect(text.contains("Creating the application:"), "\(name)")
      // The credentials section's prose is for onboard, not for sellers.
      #expect(!text.contains("This block describes each credential for onboard"), "\(name)")
    }
  }

  @Test("the introduction is in checklist.md, with the developer-guide link and the warning")
  func introductionInChecklistMarkdown() throws {
    let outputs = try Self.outputs(guidePath: Self.bundled, seller: Self.seller("file"))
    for (name, text) in outputs.all {
      #expect(text.contains("Never paste them into e-mail, chat, tickets"), "\(name)")
      #expect(text.contains("SellingPartnerApiDeveloperGuide.md"), "\(name)")
    }
  }

  @Test("inside a step, a check the guide puts before its notes stays before them")
  func orderInsideAStep() throws {
    let outputs = try Self.outputs(guidePath: Self.bundled, seller: Self.seller("file"))
    for (name, text) in outputs.all {
      let check = try #require(text.range(of: "(see the note below)"), "\(name)")
      let note = try #require(text.range(of: "is not a credential"), "\(name)")
      #expect(check.lowerBound < note.lowerBound, "\(name): the note comes before the check")
    }
  }

  @Test("an indented code block stays code in every output")
  func indentedCode() throws {
    let outputs = try Self.outputs(guidePath: Self.fidelity, seller: Self.seller("file"))
    let code = "<code>echo &quot;&lt;b&gt;x&lt;/b&gt;&quot;\n</code>"
    #expect(CMarkRenderer.render(outputs.checklistMarkdown, as: .html).contains(code))
    #expect(outputs.checklistHTML.contains(code))
    #expect(CMarkRenderer.render(outputs.runbookMarkdown, as: .html).contains(code))
    // The runbook cuts code into unbreakable pieces at its spaces (issue 19); the text is the same.
    let runbookCode = outputs.runbookHTML.replacingOccurrences(
      of: #"<span class="nobreak">([^<]*)</span>"#, with: "$1", options: .regularExpression)
    #expect(runbookCode.contains(code))
    #expect(!outputs.checklistMarkdown.contains("Run this in a shell:\n\n  echo"))
  }

  @Test("each packet numbers its steps 1..n per stage, the guide's step id beside each number")
  func numbering() throws {
    let outputs = try Self.outputs(guidePath: Self.bundled, seller: Self.seller("env"))
    #expect(outputs.plan.steps.map(\.label) == ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3"])
    #expect(outputs.checklistMarkdown.contains("- [ ] **2\\.2** Set environment variables. (step `environment`)"))
    #expect(outputs.checklistMarkdown.contains("- [ ] **2\\.3** Make a test call. (step `verify`)"))
    #expect(!outputs.checklistMarkdown.contains("2\\.5"))
    #expect(outputs.checklistHTML.contains("<span>2.3. Make a test call.</span> <span class=\"id\">verify</span>"))
    #expect(outputs.runbookMarkdown.contains("### 2.3 Make a test call.\n\n- [ ] Done (step `verify`)"))
    #expect(outputs.runbookHTML.contains("<span class=\"step-label\">2.3</span>"))
    #expect(outputs.walk.contains("-- Step 2.3 (7 of 7): Make a test call. [verify] --"))
    // The guide's numbers stay in the guide's model.
    #expect(outputs.plan.steps.last?.step.number == 5)
  }

  @Test("a missing owner is a warning naming the row, and the text shows the layout's marker")
  func missingOwner() throws {
    let outputs = try Self.outputs(guidePath: Self.bundled, seller: Self.seller("file", owner: .init()))
    // Markdown escapes the marker's parentheses.
    #expect(outputs.checklistMarkdown.contains("so \\(owner name not given\\) does this"))
    #expect(outputs.checklistMarkdown.contains("| Account owner | \\(owner not given\\) |"))
    #expect(outputs.checklistHTML.contains("<tr><th>Account owner</th><td>(owner not given)</td></tr>"))
    #expect(!outputs.checklistMarkdown.contains("so  does this"))
    for (name, text) in outputs.all { #expect(!text.contains("so  does this"), "\(name)") }
    #expect(outputs.walk.contains("(owner name not given)"))
    let warning = try #require(outputs.plan.warnings.first)
    #expect(warning.ruleID == RosterRules.missingValue && warning.severity == .warning)
    #expect(warning.message.contains("Row 3 ('shop')") && warning.message.contains("'owner_name'"))
  }

  @Test("the packet points at its own files: which values they hold and which are still empty")
  func packetFiles() throws {
    var seller = Self.seller("file")
    seller.knownCredentials = ["lwa_app_id": Canary.appID]
    let file = try Self.outputs(guidePath: Self.bundled, seller: seller)
    #expect(file.plan.variables["credentials_file"] == "credentials.yml")
    #expect(file.plan.variables["known_credentials"] == "lwa_app_id")
    #expect(file.plan.variables["missing_credentials"] == "lwa_client_secret and refresh_token")
    let rendered = CMarkRenderer.render(file.checklistMarkdown, as: .html)
    #expect(rendered.contains("Your onboarding packet already holds this file, <code>credentials.yml</code>"))
    #expect(rendered.contains("(known: lwa_app_id). Still\nempty: lwa_client_secret and refresh_token"))
    #expect(
      rendered.contains(
        "Copy the packet's <code>credentials.yml</code> to <code>~/.config/python-sp-api/credentials.yml</code>"))
    for (name, text) in file.all { #expect(!Canary.appears(in: text), "\(name)") }

    let env = try Self.outputs(guidePath: Self.bundled, seller: Self.seller("env"))
    #expect(env.plan.variables["dotenv_file"] == "shop.env")
    // Said at step level since issue 19's polish (a packet-only region cannot sit in a bullet list).
    #expect(env.checklistMarkdown.contains("Your onboarding packet already holds that dotenv file, `shop.env`"))
    #expect(env.checklistMarkdown.contains("still empty: lwa\\_app\\_id, lwa\\_client\\_secret and refresh\\_token"))
  }
}
