import CredentialLint
import Testing

/// Issue 16 adds the python-dict layout kind for the walk to write; `onboard lint` does not read
/// it yet (issue 19), so it never picks that layout for a file.
@Suite struct PythonDictLayoutTests {
  @Test func lintNeverChoosesThePythonDictLayout() throws {
    let linter = try bundledLinter()
    let text = "credentials = dict(\n    lwa_app_id='x',\n)\n"
    let chosen = try linter.chooseLayout(path: "credentials.py", bytes: Array(text.utf8), as: nil)
    #expect(chosen.kind != .pythonDict)
    #expect(throws: FormatDetector.UnknownFormat.self) {
      try linter.chooseLayout(path: "credentials.py", bytes: [], as: "python")
    }
    #expect(try linter.chooseLayout(path: "x", bytes: [], as: "env").kind == .dotenv)
  }
}
