import GuideKit
import Testing

@Suite struct GuideDiffTests {
  static let base = """
    ---
    id: diff-demo
    title: Diff demo
    version: 1
    ---

    # Diff demo

    ## <a id="one"></a>First stage

    1. <a id="a"></a>Do a.

       **Produces:** `key_a`

    2. <a id="b"></a>Do b.

       **Check:** b is done.

    3. <a id="c"></a>Do c.

    ## <a id="two"></a>Second stage

    1. <a id="d"></a>Do d.

    ## Credentials

    ```yaml credentials
    key_a:
      title: key a
    key_z:
      title: key z
    ```
    """

  func guide(_ text: String) throws -> Guide {
    let result = GuideLoader().load(bytes: Array(text.utf8), file: "guide.md")
    #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty, "\(result.diagnostics)")
    return try #require(result.guide)
  }

  @Test func theSameGuideHasNoChanges() throws {
    #expect(GuideDiff(old: try guide(Self.base), new: try guide(Self.base)).isEmpty)
  }

  @Test func aStepThatOnlyShiftsDownIsUnchanged() throws {
    let shifted = Self.base.replacingOccurrences(of: "# Diff demo\n", with: "# Diff demo\n\nAn intro.\n\nMore intro.\n")
    #expect(GuideDiff(old: try guide(Self.base), new: try guide(shifted)).isEmpty)
  }

  @Test func findsEachKindAndAspect() throws {
    var text = Self.base
    text = text.replacingOccurrences(of: "Do a.", with: "Do a, carefully.")  // text
    text = text.replacingOccurrences(of: "**Check:** b is done.", with: "**Check:** b is really done.")  // checks
    text = text.replacingOccurrences(of: "**Produces:** `key_a`", with: "**Produces:** `key_z`")  // credentials
    // c is removed; e is added; d moves to the first stage.
    text = text.replacingOccurrences(
      of: "3. <a id=\"c\"></a>Do c.\n", with: "3. <a id=\"d\"></a>Do d.\n\n4. <a id=\"e\"></a>Do e.\n")
    text = text.replacingOccurrences(of: "1. <a id=\"d\"></a>Do d.\n", with: "1. <a id=\"f\"></a>Do f.\n")
    let diff = GuideDiff(old: try guide(Self.base), new: try guide(text))
    let a = try #require(diff.change(of: "a"))
    #expect(a.kind == .changed)
    #expect(a.aspects == [.text, .credentials])
    #expect(a.oldLine == 11 && a.newLine == 11)
    #expect(diff.change(of: "b")?.aspects == [.checks])
    let d = try #require(diff.change(of: "d"))
    #expect(d.kind == .moved && d.oldStage == "two" && d.newStage == "one")
    #expect(diff.change(of: "e")?.kind == .added && diff.change(of: "e")?.oldLine == nil)
    #expect(diff.change(of: "f")?.kind == .added)
    let c = try #require(diff.change(of: "c"))
    #expect(c.kind == .removed && c.newLine == nil && c.oldLine == 19)
    #expect(diff.changes.map(\.step) == ["a", "b", "d", "e", "f", "c"])
  }
}
