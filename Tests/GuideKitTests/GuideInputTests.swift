import Foundation
import GuideKit
import OnboardDiagnostics
import Testing

/// Bad input gets a clear diagnostic or a graph, never a crash or a hang.
@Suite struct GuideInputTests {
  func loadBytes(_ bytes: [UInt8]) -> GuideLoadResult {
    GuideLoader().load(bytes: bytes, file: "/nonexistent/guide.md", displayPath: "guide.md")
  }

  @Test func notUTF8() {
    let result = loadBytes(Array("---\nid: x\n---\n# Caf".utf8) + [0xE9, 0x0A])
    let finding = result.findings(GuideRules.notUTF8).first
    #expect(finding?.location.line == 4)
    #expect(finding?.location.column == 6)
    #expect(result.guide == nil)
  }

  @Test func binaryFile() {
    let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D]
    let result = loadBytes(png)
    #expect(result.findings(GuideRules.binary).count == 1)
    #expect(result.guide == nil)
  }

  @Test func emptyFile() {
    #expect(loadBytes([]).findings(GuideRules.empty).count == 1)
    #expect(loadBytes(Array("\u{FEFF}\n \n".utf8)).findings(GuideRules.empty).count == 1)
  }

  @Test func noStages() throws {
    let result = try load("---\nid: x\ntitle: X\nversion: 1\n---\n# X\n\nProse only.\n")
    #expect(result.findings(GuideRules.noStages).count == 1)
    #expect(result.guide?.stages.isEmpty == true)
  }

  @Test func missingFileIsAnIOError() {
    let result = GuideLoader().load(file: "/nonexistent/onboard/guide.md")
    #expect(result.findings(GuideRules.io).count == 1)
  }

  @Test func deeplyNestedBlockQuote() throws {
    let depth = 50_000
    let text =
      "---\nid: x\ntitle: X\nversion: 1\n---\n# X\n\n## <a id=\"s\"></a>S\n\n1. <a id=\"a\"></a>A.\n\n"
      + String(repeating: "> ", count: depth) + "deep\n"
    let result = loadBytes(Array(text.utf8))
    let guide = try #require(result.guide)
    #expect(guide.stages.count == 1)
    #expect(result.diagnostics.allSatisfy { $0.severity != .error })
  }

  @Test func largeGuideParses() throws {
    // 20 MB of steps: the graph is built and every step is found.
    var text = "---\nid: big\ntitle: Big\nversion: 1\n---\n# Big\n\n## <a id=\"s\"></a>Stage\n\n"
    let step = "1. Do a thing with **bold** text and a [link](https://example.com) that is long enough.\n"
    let count = 20_000_000 / step.utf8.count
    text.reserveCapacity(count * step.utf8.count + 200)
    for _ in 0..<count { text += step }
    let result = loadBytes(Array(text.utf8))
    let guide = try #require(result.guide)
    #expect(guide.steps.count == count)
  }
}
