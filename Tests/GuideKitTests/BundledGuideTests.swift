import Foundation
import GuideKit
import OnboardDiagnostics
import Testing

@Suite struct BundledGuideTests {
  @Test func bundledGuideHasNoErrorsOrWarnings() throws {
    let result = GuideLoader(screenshotFolders: sharedScreenshots.map { [$0] } ?? []).load(file: bundledGuidePath)
    let serious = result.diagnostics.filter {
      $0.severity == .error || ($0.severity == .warning && $0.ruleID != GuideRules.missingScreenshot)
    }
    #expect(serious.isEmpty, "\(TextReporter().report(serious, rules: []))")
    let guide = try #require(result.guide)
    #expect(guide.metadata.id == "sp-api-self-authorisation")
    #expect(guide.stages.count == 2)
    #expect(guide.dataTable?.row("DE")?.values["region"] == "EU")
    for key in ["lwa_app_id", "lwa_client_secret", "refresh_token"] {
      let spec = try #require(guide.credentials[key: key])
      #expect(!guide.producers(of: key).isEmpty, "\(key) has a producing step")
      #expect(spec.pattern != nil)
      #expect(!spec.isDeprecated)
    }
    for key in ["aws_access_key", "aws_secret_key", "role_arn"] {
      #expect(guide.credentials[key: key]?.isDeprecated == true, "\(key) is deprecated")
    }
    let names = Set(guide.screenshots.map(\.fileName))
    #expect(names == ["App_Overview.png", "Create_App.png", "Authorise_Application.png", "LWA_Credentials.png"])
    for screenshot in guide.screenshots {
      #expect(!screenshot.illustrates.isEmpty, "\(screenshot.path) illustrates a step")
    }
    if sharedScreenshots != nil {
      #expect(guide.screenshots.allSatisfy { $0.resolvedPath != nil })
    }
    // The seed's typos are not carried over (lws_app_id survives only as an alias).
    let text = try String(contentsOfFile: bundledGuidePath, encoding: .utf8)
    #expect(!text.contains("nee to"))
    #expect(guide.credentials[key: "lwa_app_id"]?.aliases.contains("lws_app_id") == true)
  }

  @Test func goldenGraph() throws {
    let result = GuideLoader().load(file: bundledGuidePath, displayPath: "guides/sp-api-self-authorisation.md")
    let guide = try #require(result.guide)
    let json = JSONGraphRenderer().render(StepGraph(guide: guide))
    let goldenPath = repositoryRoot + "/Tests/GuideKitTests/Golden/sp-api-self-authorisation.graph.json"
    if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
      try Data(json.utf8).write(to: URL(fileURLWithPath: goldenPath))
      Issue.record("recorded \(goldenPath); run again without RECORD_GOLDEN")
      return
    }
    let golden = try String(contentsOfFile: goldenPath, encoding: .utf8)
    #expect(json == golden, "the graph differs from the golden file; RECORD_GOLDEN=1 re-records it")
  }
}

@Suite struct BriefExampleTests {
  /// The example from the format brief reads into the graph the brief describes.
  @Test func briefExampleBuildsItsGraph() throws {
    let url = try #require(
      Bundle.module.url(forResource: "brief-example", withExtension: "md", subdirectory: "Fixtures"))
    let result = GuideLoader().load(file: url.path)
    let guide = try #require(result.guide)
    #expect(guide.stages.map(\.id) == ["seller-central", "configure"])
    #expect(guide.steps.map(\.id) == ["open-develop-apps", "lwa-credentials", "authorise", "fill-credentials"])
    #expect(guide.stages[0].preconditions.count == 1)
    #expect(guide.step(id: "authorise")?.notes.first?.kind == .warning)
    #expect(guide.step(id: "open-develop-apps")?.checks.count == 1)
    #expect(guide.step(id: "lwa-credentials")?.produces.map(\.key) == ["lwa_app_id", "lwa_client_secret"])
    #expect(guide.step(id: "lwa-credentials")?.screenshots.map(\.path) == ["images/LWA_Credentials.png"])
    #expect(guide.credentials[key: "lwa_app_id"]?.mistakes.count == 1)
    // The brief's example specifies only lwa_app_id: the other two are reported, with positions.
    let unspecified = result.findings(GuideRules.unspecifiedCredential).map(\.location.line)
    #expect(unspecified.contains(28))
  }
}

@Suite struct StepBodyTests {
  /// A code span that starts a continuation line keeps its backticks in the step's Markdown.
  @Test func codeSpanAtLineStartKeepsBackticks() throws {
    let result = try load(
      "---\nid: g\ntitle: G\nversion: 1\n---\n\n# G\n\n## <a id=\"s\"></a>S\n\n1. <a id=\"a\"></a>A.\n\n   Copy the value into\n   `lwa_client_secret`. Then ``a `tick` here``.\n"
    )
    let step = try #require(result.guide?.step(id: "a"))
    #expect(step.body.first?.markdown == "Copy the value into\n`lwa_client_secret`. Then ``a `tick` here``.")
  }

  /// An attribute continued on the next line keeps a space between the lines.
  @Test func continuedCheckKeepsSpace() throws {
    let result = try load(
      "---\nid: g\ntitle: G\nversion: 1\n---\n\n# G\n\n## <a id=\"s\"></a>S\n\n1. <a id=\"a\"></a>A.\n\n   **Check:** the first line\n   continues here.\n"
    )
    let step = try #require(result.guide?.step(id: "a"))
    #expect(step.checks.first?.text == "the first line continues here.")
  }

  /// A stage-level condition guards every step in the stage.
  @Test func stageConditionGuardsSteps() throws {
    let result = try load(
      "---\nid: g\ntitle: G\nversion: 1\n---\n\n# G\n\n## <a id=\"s\"></a>S\n\n**When:** credential_source == \"env\"\n\n1. <a id=\"a\"></a>A.\n"
    )
    let step = try #require(result.guide?.step(id: "a"))
    #expect(try step.effectiveCondition?.evaluate(["credential_source": "env"]) == true)
    #expect(try step.effectiveCondition?.evaluate(["credential_source": "file"]) == false)
  }
}
