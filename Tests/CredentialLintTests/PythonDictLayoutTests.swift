import CredentialLint
import OnboardDiagnostics
import Testing

/// Issue 16 adds the python-dict layout kind for the walk to write; issue 19 makes `onboard lint`
/// read it with a small reader for the literal subset, with positions.
@Suite struct PythonDictLayoutTests {
  static let appID = "amzn1.application-oa2-client." + String(repeating: "0a", count: 16)
  static let secret = "amzn1.oa2-cs.v1." + String(repeating: "c4", count: 32)
  static let token = "Atzr|IwEBIA" + String(repeating: "x", count: 300)

  @Test func lintChoosesThePythonDictLayoutForCredentialsPy() throws {
    let linter = try bundledLinter()
    let text = "credentials = dict(\n    lwa_app_id='x',\n)\n"
    #expect(try linter.chooseLayout(path: "credentials.py", bytes: Array(text.utf8), as: nil).kind == .pythonDict)
    #expect(try linter.chooseLayout(path: "other.py", bytes: Array(text.utf8), as: nil).kind == .pythonDict)
    #expect(try linter.chooseLayout(path: "x", bytes: [], as: "python").kind == .pythonDict)
    #expect(try linter.chooseLayout(path: "x", bytes: [], as: "env").kind == .dotenv)
  }

  @Test func aFilledCredentialsPyIsClean() throws {
    for text in [
      "# written by onboard walk\ncredentials = dict(\n    refresh_token='\(Self.token)',\n    lwa_app_id=\"\(Self.appID)\",  # the app\n    lwa_client_secret='\(Self.secret)',\n)\n",
      "credentials = {\n    'refresh_token': '\(Self.token)',\n    \"lwa_app_id\": '\(Self.appID)',\n    'lwa_client_secret': r'\(Self.secret)',\n}\n",
    ] {
      let found = try lint(text, "credentials.py", linter: bundledLinter())
      #expect(found.isEmpty, "\(positions(found))")
    }
  }

  @Test func findingsPointIntoThePythonFile() throws {
    let text =
      "credentials = dict(\n    refresh_token='Atzr|x',\n    lwa_app_id='\(Self.appID)',\n    lwa_client_secret='\\x61\(Self.secret)',\n    aws_access_key=None,\n)\n"
    let found = try lint(text, "credentials.py", linter: bundledLinter())
    #expect(
      positions(found) == [
        "2:19 value/too-short", "4:23 value/missing-prefix", "5:5 schema/deprecated-key",
      ], "\(positions(found))")
    #expect(!found.contains { $0.message.contains(Self.secret) })
  }

  @Test func aMissingKeyAndADuplicateKeyAreFound() throws {
    let text =
      "credentials = {'refresh_token': '\(Self.token)', 'lwa_app_id': '\(Self.appID)', 'lwa_app_id': '\(Self.appID)'}\n"
    let found = try lint(text, "credentials.py", linter: bundledLinter())
    #expect(found.contains { $0.ruleID == "schema/missing-required" }, "\(positions(found))")
    #expect(
      found.contains { $0.ruleID.hasPrefix("schema/duplicate") || $0.ruleID.contains("duplicate") },
      "\(positions(found))")
  }

  @Test func whatTheReaderRefusesIsAPythonSyntaxFindingNotYAML() throws {
    let cases: [(String, String)] = [
      ("credentials = dict(refresh_token=os.environ['X'])\n", "1:34"),
      ("credentials = dict(refresh_token=f'{x}')\n", "1:34"),
      ("credentials = dict(refresh_token='''x''')\n", "1:34"),
      ("credentials = dict(refresh_token='x)\n", "1:34"),
      ("credentials = dict(refresh_token='x', refresh_token='y')\n", "1:39"),
      ("credentials = dict(refresh_token='x')\nprint(credentials)\n", "2:1"),
      ("import os\n", "1:8"),
    ]
    for (text, at) in cases {
      let found = try lint(text, "credentials.py", linter: bundledLinter())
      #expect(positions(found) == ["\(at) python/syntax"], "\(text): \(positions(found))")
      #expect(!found.contains { $0.ruleID == "yaml/syntax" })
    }
  }

  @Test func aDisableCommentWorksInPython() throws {
    let text =
      "credentials = dict(\n    refresh_token='Atzr|x',  # onboard-lint disable=value/too-short\n    lwa_app_id='\(Self.appID)',\n    lwa_client_secret='\(Self.secret)',\n)\n"
    let found = try lint(text, "credentials.py", linter: bundledLinter())
    #expect(found.isEmpty, "\(positions(found))")
  }
}
