import Foundation
import Testing

@testable import GuideKit

/// A large guide is parsed and read in parts; the result must be what one pass gives.
@Suite struct PartsReadingTests {
  /// A guide with what crosses the cut: repeated section slugs, plain sections between stages, a
  /// second `#` heading, requirement cycles and duplicate ids across the parts, stages that end
  /// in a code block, conditions, credentials, screenshots and notes.
  static func guide(stages: Int) -> String {
    var text = """
      ---
      id: parallel
      title: Parallel
      version: 1
      ---

      # Parallel reading

      Intro with a [link](#stage-1) and ![Intro shot](images/intro.png).

      ```yaml credentials
      api_key:
        title: API key
        required: true
      ```

      """
    for stage in 1...stages {
      text += """

        ## Notes

        Background for stage \(stage), see [notes](#notes-1).

        ## <a id="stage-\(stage)"></a>Stage \(stage)

        > **Requires:** [the stage before](#stage-\(max(stage - 1, 1))) and a signed-in owner

        1. <a id="step-\(stage)-a"></a>Open **Menu** for {{name}}.

           ![Screen \(stage)](images/shot-\(stage % 3).png)

           **Check:** the page shows item \(stage).

           > **Warning:** do not skip step \(stage).

           **Produces:** `api_key`

        2. Second step without an id.

           **Requires:** [first](#step-\(stage)-a), [far](#step-\(stages - stage + 1)-a)

           **Consumes:** `api_key`, `unknown_key`

           <!-- when: marketplace == "UK" -->

           Only for the UK.

           <!-- end -->

        ### Heading step \(stage)

        **When:** `marketplace in [UK, DE]`

        """
      // A stage that ends in a code sample: a cut after it makes that part join the next.
      if stage % 3 == 0 { text += "\n```sh\nexample --stage \(stage)\n```\n" }
      if stage == stages / 2 { text += "\n# A second title\n\nProse after a second title.\n" }
      if stage % 7 == 0 { text += "\n## <a id=\"step-1-a\"></a>Duplicate\n\n1. Step.\n" }
    }
    return text
  }

  /// Two parts (the default part size on a small guide) and many parts (a part every few
  /// stages, so that every kind of block above lands next to some cut).
  @Test(arguments: [GuideParse.defaultPartBytes, 2_000, 700])
  func partsReadAsOnePass(partBytes: Int) throws {
    let path = try temporaryGuide(Self.guide(stages: 40))
    var sequential = GuideLoader()
    sequential.partsThreshold = Int.max
    var inParts = GuideLoader()
    inParts.partsThreshold = 0
    inParts.partBytes = partBytes
    let one = sequential.load(file: path)
    let two = inParts.load(file: path)
    let first = try #require(one.guide)
    let second = try #require(two.guide)
    #expect(first.stages == second.stages)
    #expect(first.sections == second.sections)
    #expect(first.introduction == second.introduction)
    #expect(first.screenshots == second.screenshots)
    #expect(first.title == second.title)
    #expect(first.credentials == second.credentials)
    #expect(one.diagnostics == two.diagnostics)
    #expect(JSONGraphRenderer().render(StepGraph(guide: first)) == JSONGraphRenderer().render(StepGraph(guide: second)))
    // The guide has what the test means to cover.
    #expect(first.sections.map(\.id).contains("notes-3"))
    #expect(first.stages.count > 40)
    #expect(!one.findings(GuideRules.requiresCycle).isEmpty)
    #expect(!one.findings(GuideRules.duplicateID).isEmpty)
  }

  /// A `#` heading in a later part is the title when the first part has none, which the later
  /// part cannot know: the parts are joined by reading the guide again.
  @Test func titleInALaterPart() throws {
    var text = "---\nid: late\ntitle: Late\nversion: 1\n---\n\nIntro before any heading.\n"
    for stage in 1...30 {
      text += "\n## <a id=\"stage-\(stage)\"></a>Stage \(stage)\n\n1. Step \(stage) with **bold**.\n\n   More words.\n"
      if stage == 20 { text += "\n# The real title\n\nProse.\n" }
    }
    let path = try temporaryGuide(text)
    var sequential = GuideLoader()
    sequential.partsThreshold = Int.max
    var inParts = GuideLoader()
    inParts.partsThreshold = 0
    inParts.partBytes = 300
    let one = sequential.load(file: path)
    let many = inParts.load(file: path)
    let first = try #require(one.guide)
    let second = try #require(many.guide)
    #expect(first.title == "The real title")
    #expect(second.title == first.title)
    #expect(second.stages == first.stages)
    #expect(second.introduction == first.introduction)
    #expect(many.diagnostics == one.diagnostics)
  }
}
