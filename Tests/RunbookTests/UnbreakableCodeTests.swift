import Foundation
import Testing

@testable import Runbook

extension String {
  /// Runbook HTML without the unbreakable pieces ``UnbreakableCode`` cuts code into, so tests can
  /// compare code as the guide wrote it.
  var withoutCodePieces: String {
    replacingOccurrences(of: #"<span class="nobreak">([^<]*)</span>"#, with: "$1", options: .regularExpression)
  }
}

/// Issue 19 (polish): the runbook's code broke inside values (`amzn1.application-` /
/// `oa2-client.…`) as the checklist's did; code now breaks only at its spaces.
@Suite struct UnbreakableCodeTests {
  @Test func eachRunOfNonSpaceInCodeIsOnePiece() {
    let html = "<p>a-b <code>amzn1.application-oa2-client.x  and/or</code> c-d</p>"
    #expect(
      UnbreakableCode.rewrite(html)
        == "<p>a-b <code><span class=\"nobreak\">amzn1.application-oa2-client.x</span>  <span class=\"nobreak\">and/or</span></code> c-d</p>"
    )
  }

  @Test func codeBlocksKeepTheirLinesAndTagsInsideStay() {
    let html =
      "<pre><code class=\"language-sh\">export A='1'\n  b=2\n</code></pre><code>x <span class=\"blank\"></span>y</code>"
    let rewritten = UnbreakableCode.rewrite(html)
    #expect(
      rewritten
        == "<pre><code class=\"language-sh\"><span class=\"nobreak\">export</span> <span class=\"nobreak\">A='1'</span>\n  <span class=\"nobreak\">b=2</span>\n</code></pre><code><span class=\"nobreak\">x</span> <span class=\"blank\"></span><span class=\"nobreak\">y</span></code>"
    )
    #expect(rewritten.withoutCodePieces == html)
  }

  @Test func textOutsideCodeAndLookalikeTagsAreLeftAlone() {
    let html = "<codex>a-b</codex> <p>no code</p> <code>"
    #expect(UnbreakableCode.rewrite(html) == html)
  }

  @Test func theRunbookPageCutsItsCodeAndStylesThePieces() throws {
    let (guide, plan) = try RunbookFixtures.plan("nasty", source: "file")
    let document = RunbookDocument(plan: plan, guide: guide, date: RunbookFixtures.date)
    let html = try HTMLRunbookRenderer(images: RunbookImages(guide: guide)).render(document)
    #expect(html.contains("<code><span class=\"nobreak\">"))
    #expect(html.contains("code .nobreak { white-space: nowrap; }"))
    #expect(!html.contains("overflow-wrap: anywhere; break-inside"))
  }
}
