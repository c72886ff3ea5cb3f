import OnboardDiagnostics
import Testing

@testable import GuideKit

/// Front matter `layout:` (issue 20): the one credential file packets write.
@Suite struct FrontMatterLayoutTests {
  static func guide(_ layoutLine: String) -> String {
    """
    ---
    id: g
    title: G
    version: 1
    \(layoutLine)
    ---

    # G

    ## <a id="s"></a>S

    1. <a id="a"></a>Do it.

    """
  }

  @Test func aNameIsReadWithItsPosition() throws {
    let result = try load(Self.guide("layout: yaml"))
    #expect(result.findings(GuideRules.frontMatter).isEmpty)
    let metadata = try #require(result.guide?.metadata)
    #expect(metadata.layout == "yaml")
    #expect(metadata.layoutLocation?.line == 5 && metadata.layoutLocation?.column == 9)
  }

  @Test func withoutItThereIsNoChoice() throws {
    let result = try load(Self.guide(""))
    #expect(result.guide?.metadata.layout == nil)
  }

  @Test func aListIsAnErrorWhereItIsWritten() throws {
    let findings = try load(Self.guide("layout: [dotenv, yaml]")).findings(GuideRules.frontMatter)
    #expect(findings.count == 1)
    #expect(findings.first?.severity == .error)
    #expect(findings.first?.location.line == 5 && findings.first?.location.column == 9)
    #expect(findings.first?.message.contains("must be one name") == true)
  }
}
