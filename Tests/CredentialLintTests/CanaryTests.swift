import CredentialLint
import CredentialSpecs
import Foundation
import OnboardDiagnostics
import Testing

/// Canary secrets: recognisable fake values placed in files that trigger every rule, run
/// through every reporter, the fix report and the command line. Neither a canary nor any
/// 8-character piece of it beyond its public prefix may appear in any output.
@Suite struct CanaryTests {
  /// A canary and the prefix that may be shown.
  struct Canary {
    var value: String
    var publicPrefix: String

    /// Every 8-byte window that holds at least one byte beyond the public prefix.
    var windows: [String] {
      let bytes = Array(value.utf8)
      guard bytes.count >= 8 else { return [value] }
      return (0...(bytes.count - 8)).compactMap { start in
        start + 8 > publicPrefix.utf8.count ? String(decoding: bytes[start..<(start + 8)], as: UTF8.self) : nil
      }
    }
  }

  /// Asserts that no canary window appears in `output`.
  static func expectClean(_ output: String, _ canaries: [Canary], _ context: String) {
    for canary in canaries {
      if let leak = canary.windows.first(where: { output.contains($0) }) {
        Issue.record("\(context): the canary piece '\(leak)' appears in:\n\(output)")
        return
      }
    }
  }

  static let reporters: [(String, any DiagnosticReporter)] = [
    ("text", TextReporter()), ("text+colour", TextReporter(color: true)), ("json", JSONReporter()),
    ("sarif", SARIFReporter()), ("github", GitHubReporter()),
  ]

  // MARK: - Demo specs: every rule example with canary values

  /// Demo values in the examples and their canary replacements (same formats).
  static let demoReplacements: [(String, String)] = [
    ("cs.0123456789abcdef0123456789abcdef0123456789", "cs.c0ffee15deadbeef0d15ea5eba5eba11f00dcafe01"),
    ("cs.0123456789abcdef", "cs.c0ffee15deadbeef"), ("cs.0123456789abcdee", "cs.c0ffee15deadbee0"),
    ("cs.01234567 #89abcdef", "cs.c0ffee15 #deadbeef"), ("cs.0123${X}456789abcdef", "cs.c0ff${X}ee15deadbeef"),
    ("cs.0123$456789abcdef", "cs.c0ff$ee15deadbeef"),
    ("cid.0123abcd", "cid.ca7a1e55"), ("cid.0123abce", "cid.ca7a1e56"), ("cid.0123abcf", "cid.ca7a1e57"),
    ("cid.0123 # abcd", "cid.ca7a # 1e55"), ("tk|AbCdEf012345", "tk|CANARYq7Zx92"),
    ("tk|AbCdEf012346", "tk|CANARYq7Zx93"),
    ("tk|Ab'CdEf012345", "tk|CAN'ARYq7Zx92"), ("app.12345678", "app.CANARY01"),
  ]

  static let demoCanaries: [Canary] = [
    Canary(value: "c0ffee15deadbeef", publicPrefix: ""), Canary(value: "deadbee0", publicPrefix: ""),
    Canary(value: "0d15ea5eba5eba11f00dcafe01", publicPrefix: ""),
    Canary(value: "cid.ca7a1e55", publicPrefix: "cid."), Canary(value: "cid.ca7a1e56", publicPrefix: "cid."),
    Canary(value: "tk|CANARYq7Zx92", publicPrefix: "tk|"), Canary(value: "app.CANARY01", publicPrefix: "app."),
    Canary(value: "ee15deadbeef", publicPrefix: ""),
  ]

  static func canaryize(_ text: String) -> String {
    var result = text
    for (demo, canary) in demoReplacements { result = result.replacingOccurrences(of: demo, with: canary) }
    return result
  }

  /// Extra files where a canary is a key, an account name or a dotenv name.
  static let demoExtraFiles: [(String, String)] = [
    (
      "credentials.yml",
      "cs.c0ffee15deadbeef:\n  client_id: cid.ca7a1e55\ntk|CANARYq7Zx92: x\ndefault:\n  cid.ca7a1e55: 1\n  client_secret: cs.c0ffee15deadbeef\n"
    ),
    (
      ".env",
      "cs.c0ffee15deadbeef=1\nDEMO_CLIENT_ID_tkCANARYq7Zx92=cid.ca7a1e55\ncid.ca7a1e55\nDEMO_CLIENT_IDca7a1e55=x\n"
    ),
    ("secret.json", "{\"cs.c0ffee15deadbeef\": \"x\", \"DEMO_CLIENT_ID\": \"cid.ca7a1e55\"}"),
    ("credentials.yml", "default:\n  client_id: cid.ca7a1e55\n\tclient_secret: cs.c0ffee15deadbeef\n"),
    ("credentials.yml", "default: {client_id: cid.ca7a1e55, client_id: cs.c0ffee15deadbeef}\n"),
  ]

  @Test func everyRuleExampleWithCanaries() throws {
    var fired: Set<String> = []
    var files = LintRuleCatalogue.all.flatMap { rule in
      rule.examples.map { ($0.fileName, Self.canaryize($0.text), $0.mode) }
    }
    files += Self.demoExtraFiles.map { ($0.0, $0.1, UInt16(0o644)) }
    var checked = 0
    for (name, text, mode) in files {
      let diagnostics = try demoLinter.lint(bytes: Array(text.utf8), file: name, permissions: mode)
      fired.formUnion(diagnostics.map(\.ruleID))
      for (format, reporter) in Self.reporters {
        Self.expectClean(
          reporter.report(diagnostics, rules: demoLinter.ruleDescriptors), Self.demoCanaries,
          "\(format) report of \(name)")
      }
      let document = demoLinter.parse(
        bytes: Array(text.utf8), file: name,
        layout: try demoLinter.chooseLayout(path: name, bytes: Array(text.utf8), as: nil))
      let plan = CredentialFixer(specs: demoSpecs).plan(document, diagnostics: diagnostics)
      Self.expectClean(
        plan.changes.map(\.description).joined(separator: "\n"), Self.demoCanaries, "fix report of \(name)")
      checked += 1
    }
    #expect(checked > 100)
    let every = Set(LintRuleCatalogue.all.map(\.descriptor.id))
    #expect(every.subtracting(fired).isEmpty, "rules never fired with canaries: \(every.subtracting(fired).sorted())")
  }

  // MARK: - The bundled guide: real formats, files on disk, the command line

  static let appID = Canary(
    value: "amzn1.application-oa2-client.ca1a2ca3ca4ca5ca6ca7ca8ca9caacab",
    publicPrefix: "amzn1.application-oa2-client.")
  static let secret = Canary(
    value: "amzn1.oa2-cs.v1.c0ffee00c0ffee01c0ffee02c0ffee03c0ffee04c0ffee05c0ffee06c0ffee07",
    publicPrefix: "amzn1.oa2-cs.v1.")
  static let token = Canary(
    value: "Atzr|CANARY-Zq81TkW0ppXr5vLmN3bC7dE2fG4hJ6kL8mN0pQ2rS4tU6vW8xY0z_"
      + String(repeating: "Qw7Er9Ty1Ui3", count: 20), publicPrefix: "Atzr|")
  static let accessToken = Canary(value: "Atza|CANARYACCESS0k9Q2w8E7r6T5y4U3i2O1p0", publicPrefix: "Atza|")
  static let legacySecret = Canary(
    value: "ca9a7ca9a7ca9a7ca9a7ca9a7ca9a7ca9a7ca9a7ca9a7ca9a7ca9a7ca9a7ca9a", publicPrefix: "")
  static let awsKey = Canary(value: "AKIACANARY7Q2W8E4R6T", publicPrefix: "AKIA")
  static let realCanaries = [appID, secret, token, accessToken, legacySecret, awsKey]

  /// Files in the bundled guide's layouts that together trigger every rule that applies to it.
  static var realFiles: [(name: String, text: String, mode: Int)] {
    let a = appID.value
    let s = secret.value
    let t = token.value
    return [
      (
        "credentials.yml",
        """
        version: 1.0
        default:
          refresh_token: \(t)
          lwa_app_id: \(a)
          lwa_client_secret: \(s)
        shop_de:
          lws_app_id: \(a)
          LWA_CLIENT_SECRET: \(s)
          lwa_client_secret: '\(s) '
          refresh_token: \(accessToken.value)
          aws_access_key: \(awsKey.value)
        shop_uk:
          lwa_app_id: \(s)
          lwa_client_secret: \(legacySecret.value)
          refresh_token: '\(t)\u{200B}'
        shop_it:
          lwa_app_id: \(a)
          lwa_client_secret: \(s)
          refresh_token: '\(t.dropFirst(5))'
        default:
          refresh_token: \(t) #\(t)
          lwa_app_id: 0123
          lwa_client_secret: \(s)
          lwa_app_id: '<\(a)>'
        lwa_client_secret: \(s)
        \(t): \(s)
        yes:
          lwa_app_id: \(a)
          lwa_client_secret: \(s)
        shop_fr: \(t)

        """, 0o664
      ),
      ("broken.yml", "default:\n  lwa_app_id: \(a)\n\tlwa_client_secret: \(s)\n  refresh_token: |\(t)\n", 0o600),
      ("dup.yml", "default: {lwa_app_id: \(a), lwa_app_id: \(s)}\n", 0o600),
      ("flow.yml", "default:\n  lwa_app_id: \(a): \(s)\n", 0o600),
      ("alias.yml", "default:\n  lwa_app_id: &\(t) \(a)\n  refresh_token: *\(t)\n  lwa_client_secret: \(s)\n", 0o600),
      (
        "shop.env",
        "\u{FEFF}LWA_APP_ID_shop = \(a)\r\nLWA_CLIENT_SECRET_shop=\" \(s)\"\r\nSP_API_REFRESH_TOKEN_shop=\(t) # \(t)\r\n"
          + "SP_API_REFRESH_TOKEN=\(t)\r\nlwa_app_id=\(a)\r\nLWA_CLIENT_ID=\(a)\r\nLWA_APP_ID: \(a)\r\nLWA_APP_ID_shop=\(s)\r\n"
          + "LWA_APP_ID_q='\"\(a)\"'\r\n\(t)\r\nLWA_APP_ID_mall=\(s)\r\nLWA_APP_ID_mall=\(a)\r\nLWA_CLIENT_SECRET_mall=\r\n"
          + "LWA_APP_ID_x=\(a)${HOME}\r\nLWA_APP_ID_y=\"\(a)$\"\r\nSP_API_ACCESS_KEY=\(awsKey.value)\r\nX=\"\(s)\nY=\(t)\"\r\n"
          + "LWA_CLIENT_SECRET_outlet='\(s)\r\n",
        0o646
      ),
      (
        "secret.json",
        "{\"LWA_APP_ID\": \"\(a)\", \"LWA_APP_ID\": \"\(s)\", \"LWA_CLIENT_SECRET\": 12, \"lwa_client_secret\": \"\(s)\", \"\(t)\": \"\(t)\", \"LWA_REFRESH_TOKEN\": \"\(t)\"}",
        0o644
      ),
      ("bad.json", "{\"LWA_APP_ID\": \"\(a)\", \"LWA_CLIENT_SECRET\": \"\(s)\", // \(t)\n}", 0o600),
      ("bom.json", "\u{FEFF}{\"LWA_APP_ID\": \"\(a)\", \"LWA_CLIENT_SECRET\": \"\(s)\"}", 0o600),
      (
        "credentials.py",
        "credentials = dict(\n    refresh_token='\(t)',  # \(t)\n    lwa_app_id='\(s)',\n    lwa_client_secret=' \(s)\\x00',\n)\n",
        0o644
      ),
      ("broken.py", "credentials = dict(refresh_token='\(t)', lwa_app_id=\(s))  # \(a)\n", 0o600),
    ]
  }

  @Test func theBundledGuideThroughEveryReporterAndTheFixer() throws {
    let linter = try bundledLinter()
    let folder = try temporaryFolder()
    var fired: Set<String> = []
    for file in Self.realFiles {
      let path = try writeFile(file.text, named: file.name, in: folder, mode: file.mode)
      let (document, diagnostics) = try linter.lintFile(path)
      fired.formUnion(diagnostics.map(\.ruleID))
      for (format, reporter) in Self.reporters {
        Self.expectClean(
          reporter.report(diagnostics, rules: linter.ruleDescriptors), Self.realCanaries,
          "\(format) report of \(file.name)")
      }
      let changes = try CredentialFixer(specs: linter.specs).fix(
        document, diagnostics: diagnostics, mode: UInt16(file.mode))
      Self.expectClean(
        changes.map(\.description).joined(separator: "\n"), Self.realCanaries, "fix report of \(file.name)")
      let after = try linter.lint(file: path)
      Self.expectClean(TextReporter().report(after, rules: []), Self.realCanaries, "report after fixing \(file.name)")
    }
    // Every rule except those the bundled guide cannot trigger (it has no max-length on the
    // client id and no optional credential missing here) fires at least once.
    let expected = Set(LintRuleCatalogue.all.map(\.descriptor.id))
    let missing = expected.subtracting(fired).subtracting(["value/too-long"])
    #expect(missing.isEmpty, "rules never fired: \(missing.sorted())")
  }

  /// The built `onboard` executable beside the test bundle.
  static func onboardExecutable() -> String? {
    let bundleFolder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for candidate in [bundleFolder, bundleFolder.deletingLastPathComponent()] {
      let path = candidate.appendingPathComponent("onboard").path
      if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
  }

  static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> (
    status: Int32, stdout: String, stderr: String
  ) {
    guard let executable = onboardExecutable() else { throw TestError.setup("the onboard executable is not built") }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: repositoryRoot)
    var env = ProcessInfo.processInfo.environment
    env["GITHUB_ACTIONS"] = nil
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
  }

  @Test func theCommandLineNeverPrintsACanary() throws {
    try #require(Self.onboardExecutable() != nil, "build the onboard product first (swift build)")
    let folder = try temporaryFolder()
    var paths: [String] = []
    for file in Self.realFiles { paths.append(try writeFile(file.text, named: file.name, in: folder, mode: file.mode)) }
    for format in ["text", "json", "sarif", "github"] {
      let result = try Self.run(["lint", "--format", format] + paths)
      #expect(result.status == 1, "\(format): exit \(result.status) \(result.stderr)")
      #expect(!result.stdout.isEmpty)
      Self.expectClean(result.stdout + result.stderr, Self.realCanaries, "onboard lint --format \(format)")
    }
    let automatic = try Self.run(["lint"] + paths, environment: ["GITHUB_ACTIONS": "true"])
    #expect(automatic.stdout.hasPrefix("::"), "github annotations when GITHUB_ACTIONS=true")
    Self.expectClean(automatic.stdout + automatic.stderr, Self.realCanaries, "GITHUB_ACTIONS")
    let fixed = try Self.run(["lint", "--fix"] + paths)
    #expect(fixed.stdout.contains("fixed: "))
    Self.expectClean(fixed.stdout + fixed.stderr, Self.realCanaries, "onboard lint --fix")
    let again = try Self.run(["lint", "--fix", "--format", "json"] + paths)
    Self.expectClean(again.stdout + again.stderr, Self.realCanaries, "onboard lint --fix --format json")
  }

  @Test func exitCodes() throws {
    try #require(Self.onboardExecutable() != nil, "build the onboard product first (swift build)")
    let folder = try temporaryFolder()
    let good = try writeFile(
      "version: '1.0'\ndefault:\n  refresh_token: \(Fake.refreshToken)\n  lwa_app_id: \(Fake.appID)\n  lwa_client_secret: \(Fake.clientSecret)\n",
      named: "credentials.yml", in: folder)
    let clean = try Self.run(["lint", good])
    #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")
    #expect(clean.stdout.isEmpty)
    let warning = try writeFile(
      "LWA_APP_ID=\(Fake.appID)\nLWA_CLIENT_SECRET=\(Fake.clientSecret)\nSP_API_REFRESH_TOKEN=\(Fake.refreshToken)\n",
      named: "w.env", in: folder)
    #expect(try Self.run(["lint", warning]).status == 0)
    #expect(try Self.run(["lint", "--strict", warning]).status == 1)
    let loose = try writeFile(
      "LWA_APP_ID=\(Fake.appID)\nLWA_CLIENT_SECRET=\(Fake.clientSecret)\n", named: "l.env", in: folder, mode: 0o644)
    #expect(try Self.run(["lint", "--strict", loose]).status == 1)
    #expect(try Self.run(["lint", "--strict", "--no-permissions", loose]).status == 0)
    #expect(try Self.run(["lint", folder + "/missing.yml"]).status == 2)
    #expect(try Self.run(["lint", "--as", "toml", good]).status == 2)
    #expect(try Self.run(["lint", "--guide", folder + "/nope.md", good]).status == 2)
    #expect(try Self.run(["lint"]).status == 2)
    let asEnv = try Self.run(["lint", "--as", "env", good])
    #expect(asEnv.status == 1, "a YAML file read as dotenv has unparsable lines")
  }
}
