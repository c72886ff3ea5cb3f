import Foundation
import GuideKit
import OnboardDiagnostics
import Testing

/// Guides far outside normal sizes and shapes (issue 7): each must load without crashing or
/// exhausting the stack, and give the step graph its real content. How their time grows with
/// size is measured by scripts/bench/pathological.sh, not asserted here.
@Suite("Pathological guides")
struct PathologicalGuideTests {
  /// A guide's front matter, title and one stage heading, followed by `body`.
  static func guide(_ body: String) -> [UInt8] {
    Array(
      """
      ---
      id: pathological
      title: Pathological
      version: 1
      ---

      # Pathological

      ## <a id="stage"></a>Stage


      """.utf8) + Array(body.utf8)
  }

  static func load(_ bytes: [UInt8]) -> GuideLoadResult {
    GuideLoader().load(bytes: bytes, file: "/nonexistent-onboard-tests/guide.md", displayPath: "guide.md")
  }

  static func stepNodes(_ graph: StepGraph) -> [StepGraph.Node] { graph.nodes.filter { $0.kind == .step } }

  @Test("block quotes nested 100,000 deep inside a step load, and the step keeps its body")
  func deepBlockQuotes() throws {
    let result = Self.load(
      Self.guide("1. <a id=\"deep\"></a>Deep step.\n\n   " + String(repeating: "> ", count: 100_000) + "bottom\n"))
    let guide = try #require(result.guide)
    #expect(guide.steps.map(\.id) == ["deep"])
    #expect(guide.steps.first?.body.contains { $0.markdown.contains("bottom") } == true)
    #expect(!result.diagnostics.contains { $0.severity == .error })
    #expect(Self.stepNodes(StepGraph(guide: guide)).count == 1)
  }

  @Test("lists nested 100,000 deep on one line load as one step's body")
  func deepLists() throws {
    let bullets = Self.load(
      Self.guide("1. <a id=\"deep\"></a>Deep step.\n\n   " + String(repeating: "- ", count: 100_000) + "bottom\n"))
    #expect(try #require(bullets.guide).steps.map(\.id) == ["deep"])
    let ordered = Self.load(Self.guide(String(repeating: "1. ", count: 100_000) + "bottom\n"))
    let guide = try #require(ordered.guide)
    #expect(guide.steps.count == 1)
    #expect(Self.stepNodes(StepGraph(guide: guide)).count == 1)
  }

  @Test("emphasis and brackets nested 100,000 deep load")
  func deepInlines() throws {
    let depth = 100_000
    let emphasis = Self.load(
      Self.guide(
        "1. <a id=\"e\"></a>Step " + String(repeating: "*", count: depth) + "x" + String(repeating: "*", count: depth)
          + "\n"))
    #expect(try #require(emphasis.guide).steps.map(\.id) == ["e"])
    let brackets = Self.load(
      Self.guide(
        "1. <a id=\"b\"></a>Step " + String(repeating: "[", count: depth) + "x"
          + String(repeating: "](#b)", count: depth) + "\n"))
    #expect(try #require(brackets.guide).steps.map(\.id) == ["b"])
  }

  @Test("a 1 MB single line is one step's title, and every graph format renders it")
  func megabyteLine() throws {
    let words = String(repeating: "word ", count: 200_000)
    let result = Self.load(Self.guide("1. <a id=\"long\"></a>" + words + "\n"))
    let guide = try #require(result.guide)
    let step = try #require(guide.steps.first)
    #expect(step.id == "long")
    #expect(step.title.utf8.count >= 999_000)
    let graph = StepGraph(guide: guide)
    let json = JSONGraphRenderer().render(graph)
    #expect(try JSONSerialization.jsonObject(with: Data(json.utf8)) is [String: Any])
    // DOT and Mermaid shorten long titles for their labels.
    let dot = DOTGraphRenderer().render(graph)
    #expect(dot.contains("\"long\"") && dot.utf8.count < 10_000)
    let mermaid = MermaidGraphRenderer().render(graph)
    #expect(mermaid.contains("word word") && mermaid.utf8.count < 10_000)
  }

  @Test("a 1 MB line without spaces after the front matter gives a diagnostic, not a crash")
  func megabyteLineWithoutSteps() throws {
    let result = Self.load(Self.guide(String(repeating: "a", count: 1_000_000) + "\n"))
    #expect(result.guide?.steps.isEmpty ?? true)
    #expect(!result.diagnostics.isEmpty)
    for diagnostic in result.diagnostics {
      #expect(diagnostic.message.utf8.count < 2_000, "a diagnostic quotes the long line: \(diagnostic.ruleID)")
    }
  }

  @Test("100,000 steps become 100,000 step nodes chained by next edges")
  func hundredThousandSteps() throws {
    var body = ""
    body.reserveCapacity(4_000_000)
    for index in 1...100_000 { body += "\(index). <a id=\"s\(index)\"></a>Step \(index).\n" }
    let result = Self.load(Self.guide(body))
    let guide = try #require(result.guide)
    #expect(guide.steps.count == 100_000)
    #expect(!result.diagnostics.contains { $0.severity == .error })
    let graph = StepGraph(guide: guide)
    let steps = Self.stepNodes(graph)
    #expect(steps.count == 100_000)
    #expect(steps.first?.id == "s1" && steps.last?.id == "s100000")
    #expect(graph.edges.filter { $0.kind == .next }.count == 99_999)
  }
}
