import CredentialLint
import CredentialSpecs

/// The credential-file targets' shared body: the input is a filled credential file, linted
/// as the given layout (`yaml`, `env`, `json`) against the bundled guide's specs, then the
/// fixer plans its edits (`onboard lint --fix` without writing) and the fixed bytes are
/// linted again.
public enum LintFuzzing {
  /// Lints `bytes` as the layout named `layoutName`, shown as `file`.
  public static func run(_ bytes: [UInt8], layout layoutName: String, file: String) {
    let linter = FuzzEnvironment.linter
    let fileLayout: ServiceLayout.FileLayout
    do {
      fileLayout = try linter.chooseLayout(path: file, bytes: bytes, as: layoutName)
    } catch {
      fatalError("lint: the layout \(layoutName) is unknown")
    }
    let document = linter.parse(bytes: bytes, file: file, layout: fileLayout)
    let diagnostics = linter.lint(document, permissions: nil)
    Invariants.checkLocations(diagnostics, lineCount: Invariants.lineCount(bytes), context: "lint \(layoutName)")
    let outcome = CredentialFixer(specs: linter.specs).plan(document, diagnostics: diagnostics)
    if outcome.bytes != bytes {
      let again = linter.lint(linter.parse(bytes: outcome.bytes, file: file, layout: fileLayout), permissions: nil)
      Invariants.checkLocations(
        again, lineCount: Invariants.lineCount(outcome.bytes), context: "lint \(layoutName) after fix")
    }
  }
}
