import CredentialLint
import CredentialSpecs
import Foundation
import GuideKit
import OnboardDiagnostics

/// The repository root, found from this file's path.
let repositoryRoot: String = {
  var url = URL(fileURLWithPath: #filePath)
  for _ in 0..<3 { url.deleteLastPathComponent() }
  return url.path
}()

/// The bundled guide and its layout descriptor.
let bundledGuidePath = repositoryRoot + "/guides/sp-api-self-authorisation.md"
let bundledLayoutPath = repositoryRoot + "/templates/sp-api/layout.yml"

enum TestError: Error { case setup(String) }

/// The made-up service the rule examples are written against.
let demoSpecs: CredentialSpecSet = {
  let (specs, _) = CredentialSpecParser.parse(
    RuleExample.specsYAML, position: YAMLPosition(file: "demo-specs", text: RuleExample.specsYAML))
  return specs
}()

let demoLayout: ServiceLayout = {
  switch ServiceLayout.parse(RuleExample.layoutYAML, file: "demo-layout") {
  case .success(let layout): return layout
  case .failure: return ServiceLayout(service: "broken", files: [])
  }
}()

let demoLinter = CredentialLinter(specs: demoSpecs, layout: demoLayout)

/// The bundled guide's specs and the sp-api layout, loaded the way the CLI loads them.
func bundledLinter(checkPermissions: Bool = true) throws -> CredentialLinter {
  guard let guide = GuideLoader().load(file: bundledGuidePath).guide else {
    throw TestError.setup("the bundled guide does not load")
  }
  let text = try String(contentsOfFile: bundledLayoutPath, encoding: .utf8)
  guard case .success(let layout) = ServiceLayout.parse(text, file: bundledLayoutPath) else {
    throw TestError.setup("the sp-api layout does not parse")
  }
  return CredentialLinter(
    specs: guide.credentials, layout: layout, options: CredentialLinter.Options(checkPermissions: checkPermissions))
}

/// Lints text as a file called `name`.
func lint(
  _ text: String, _ name: String, linter: CredentialLinter = demoLinter, mode: UInt16? = 0o600, as layout: String? = nil
)
  throws -> [Diagnostic]
{
  try linter.lint(bytes: Array(text.utf8), file: name, as: layout, permissions: mode)
}

/// `line:column rule` for each diagnostic, for compact expectations.
func positions(_ diagnostics: [Diagnostic]) -> [String] {
  diagnostics.map { "\($0.location.line):\($0.location.column) \($0.ruleID)" }
}

/// A fresh temporary folder.
func temporaryFolder() throws -> String {
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent("onboard-lint-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  return folder.path
}

/// Writes a file with the given mode and returns its path.
func writeFile(_ text: String, named name: String, in folder: String, mode: Int = 0o600) throws -> String {
  let path = (folder as NSString).appendingPathComponent(name)
  try Data(text.utf8).write(to: URL(fileURLWithPath: path))
  try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
  return path
}

/// Fake credential values in the bundled guide's formats.
enum Fake {
  static let appID = "amzn1.application-oa2-client." + "0123456789abcdef0123456789abcdef"
  static let clientSecret = "amzn1.oa2-cs.v1." + String(repeating: "0123456789abcdef", count: 4)
  static let refreshToken = "Atzr|IwEBI" + String(repeating: "Ab3_x-Yz9Q", count: 30)
}
