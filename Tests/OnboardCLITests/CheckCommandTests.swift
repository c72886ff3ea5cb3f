import Foundation
import Testing

/// `onboard check` and `onboard graph`, run as a user would: the built binary, its output and
/// its exit code.
@Suite struct CheckCommandTests {
  static let brokenGuide = """
    ---
    id: broken
    title: Broken
    version: 1
    ---

    # Broken

    ## <a id="s"></a>Stage

    1. <a id="a"></a>First.

       **Produce:** `k`

    2. <a id="a"></a>Second, see [there](#nowhere).
    """

  func writeBroken() throws -> String {
    let folder = try OnboardProcess.temporaryFolder()
    let path = folder + "/broken.md"
    try Data(Self.brokenGuide.utf8).write(to: URL(fileURLWithPath: path))
    return path
  }

  @Test func bundledGuideIsClean() throws {
    let result = try OnboardProcess.run(["check", "guides", "--screenshots", "../shared/screenshots"])
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    let errors = result.stdout.split(separator: "\n").filter { $0.contains(": error: ") }
    #expect(errors.isEmpty)
  }

  @Test func textFormatAndExitCode() throws {
    let path = try writeBroken()
    let result = try OnboardProcess.run(["check", path])
    #expect(result.status == 1)
    #expect(result.stdout.contains("\(path):15:1: error: The id 'a' is already used at line 11"))
    #expect(result.stdout.contains("[guide/duplicate-id]"))
    #expect(result.stdout.contains("\(path):15:30: error:"))
    #expect(result.stdout.contains("[guide/unknown-link-target]"))
    #expect(
      result.stdout.contains(
        "\(path):13:4: warning: Unknown attribute label 'Produce'; did you mean 'Produces'? [guide/unknown-attribute]"))
  }

  @Test func strictTurnsWarningsIntoFailure() throws {
    let folder = try OnboardProcess.temporaryFolder()
    let path = folder + "/warn.md"
    let guide =
      "---\nid: w\ntitle: W\nversion: 1\n---\n\n# W\n\n## <a id=\"s\"></a>S\n\n1. <a id=\"a\"></a>A.\n\n   **Chek:** it works.\n"
    try Data(guide.utf8).write(to: URL(fileURLWithPath: path))
    #expect(try OnboardProcess.run(["check", path]).status == 0)
    #expect(try OnboardProcess.run(["check", path, "--strict"]).status == 1)
  }

  @Test func jsonFormat() throws {
    let path = try writeBroken()
    let result = try OnboardProcess.run(["check", path, "--format", "json"])
    #expect(result.status == 1)
    let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
    let diagnostics = object?["diagnostics"] as? [[String: Any]] ?? []
    #expect(diagnostics.contains { $0["rule"] as? String == "guide/duplicate-id" && $0["line"] as? Int == 15 })
    #expect((object?["summary"] as? [String: Int])?["errors"] == 2)
  }

  @Test func sarifFormat() throws {
    let path = try writeBroken()
    let result = try OnboardProcess.run(["check", path, "--format", "sarif"])
    let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
    #expect(object?["version"] as? String == "2.1.0")
    let run = (object?["runs"] as? [[String: Any]])?.first
    let rules = ((run?["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]]
    #expect(rules?.contains { $0["id"] as? String == "guide/requires-cycle" } == true)
    let results = run?["results"] as? [[String: Any]] ?? []
    #expect(results.contains { $0["ruleId"] as? String == "guide/unknown-link-target" })
    #expect(!result.stdout.contains("snippet"))
  }

  @Test func githubFormatIsAutomaticInActions() throws {
    let path = try writeBroken()
    let result = try OnboardProcess.run(["check", path], environment: ["GITHUB_ACTIONS": "true"])
    #expect(result.stdout.contains("::error file=\(path),line=15,col=1"))
    #expect(result.stdout.contains("title=guide/duplicate-id::"))
  }

  @Test func usageErrorsExitTwo() throws {
    #expect(try OnboardProcess.run(["check", "/no/such/guide.md"]).status == 2)
    #expect(try OnboardProcess.run(["check", "--format", "xml"]).status == 2)
    #expect(try OnboardProcess.run(["graph"]).status == 2)
    #expect(try OnboardProcess.run(["frobnicate"]).status == 2)
  }

  @Test func graphJSON() throws {
    let result = try OnboardProcess.run(["graph", "guides/sp-api-self-authorisation.md", "--format", "json"])
    #expect(result.status == 0)
    let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
    let guide = object?["guide"] as? [String: Any]
    #expect(guide?["id"] as? String == "sp-api-self-authorisation")
    #expect(guide?["file"] as? String == "guides/sp-api-self-authorisation.md")
    let nodes = object?["nodes"] as? [[String: Any]] ?? []
    let kinds = Set(nodes.compactMap { $0["kind"] as? String })
    #expect(kinds.isSuperset(of: ["stage", "step", "credential", "screenshot", "check", "note", "precondition"]))
    let edges = object?["edges"] as? [[String: Any]] ?? []
    let edgeKinds = Set(edges.compactMap { $0["kind"] as? String })
    #expect(
      edgeKinds.isSuperset(of: ["next", "contains", "requires", "produces", "consumes", "illustrates", "checks"]))
    #expect(
      edges.contains {
        $0["from"] as? String == "lwa-credentials" && $0["to"] as? String == "credential:lwa_app_id"
          && $0["kind"] as? String == "produces"
      })
    for node in nodes {
      let source = node["source"] as? [String: Any]
      #expect((source?["line"] as? Int ?? 0) >= 1)
      #expect((source?["column"] as? Int ?? 0) >= 1)
    }
  }

  @Test func graphDOTRendersWithGraphviz() throws {
    let result = try OnboardProcess.run(["graph", "guides/sp-api-self-authorisation.md", "--format", "dot"])
    #expect(result.status == 0)
    #expect(result.stdout.hasPrefix("digraph "))
    #expect(result.stdout.contains("subgraph \"cluster_1\""))
    let dot = "/usr/bin/dot"
    guard FileManager.default.isExecutableFile(atPath: dot) else {
      Issue.record("Graphviz is not installed; scripts/setup.sh installs it")
      return
    }
    let folder = try OnboardProcess.temporaryFolder()
    try Data(result.stdout.utf8).write(to: URL(fileURLWithPath: folder + "/g.dot"))
    let process = Process()
    process.executableURL = URL(fileURLWithPath: dot)
    process.arguments = ["-Tsvg", folder + "/g.dot", "-o", folder + "/g.svg"]
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    let warnings = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(warnings.isEmpty, "dot warned: \(warnings)")
    let svg = try String(contentsOfFile: folder + "/g.svg", encoding: .utf8)
    #expect(svg.contains("Set up the app in Seller Central"))
  }

  @Test func graphMermaid() throws {
    let result = try OnboardProcess.run(["graph", "guides/sp-api-self-authorisation.md", "--format", "mermaid"])
    #expect(result.status == 0)
    #expect(result.stdout.hasPrefix("flowchart TD\n"))
    #expect(result.stdout.contains("subgraph s1[\"1. Set up the app in Seller Central\"]"))
    #expect(result.stdout.contains("-->|produces|"))
  }

  @Test func helpIsWorthReading() throws {
    let result = try OnboardProcess.run(["--help"])
    #expect(result.status == 0)
    for command in ["check", "graph", "packets", "lint", "runbook", "walk"] {
      #expect(result.stdout.contains(command))
    }
    let check = try OnboardProcess.run(["check", "--help"])
    #expect(check.stdout.contains("Exit codes"))
  }
}
