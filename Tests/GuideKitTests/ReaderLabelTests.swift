import GuideKit
import OnboardDiagnostics
import Testing

/// Note labels and **Requires:** prose are read by one code path for any text (issue 15 dropped
/// their ASCII-only fast paths): ASCII and non-ASCII text must be read alike.
@Suite struct ReaderLabelTests {
  func step(_ body: String) throws -> Step {
    let result = try load(
      GuideRuleCatalogue.guide(
        "## <a id=\"s\"></a>Stage\n\n1. <a id=\"a\"></a>Do the thing.\n\n2. <a id=\"b\"></a>Then.\n\n" + body))
    return try #require(result.guide?.stages.first?.steps.last)
  }

  @Test(
    arguments: [
      ("**Warning:** hot.", Note.Kind.warning), ("**CAUTION :**", nil), ("**caution**", .caution),
      ("**Tip:** a tip", .tip), ("**NOTE:** x", .note), ("**Notë:** x", nil), ("**Warnung:** x", nil),
      ("[!IMPORTANT]\n   > read", .important), ("**Nötig:** x", nil),
    ] as [(String, Note.Kind?)])
  func noteLabels(_ label: String, _ kind: Note.Kind?) throws {
    let step = try step("   > " + label + "\n")
    #expect(step.notes.first?.kind == kind, "label \(label)")
  }

  @Test(
    arguments: [
      ("[a](#a)", false), ("after [a](#a) and the first step", false), ("[a](#a) AND THE STEPS", false),
      ("[a](#a) once approved", true), ("[a](#a) und später", true), ("[a](#a) étape", true),
      ("[a](#a) 2", true),
    ])
  func requiresProseIsAPrecondition(_ value: String, _ isPrecondition: Bool) throws {
    let step = try step("   **Requires:** " + value + "\n")
    #expect(step.requires.map(\.target) == ["a"])
    #expect(step.preconditions.isEmpty == !isPrecondition, "value \(value)")
  }
}
