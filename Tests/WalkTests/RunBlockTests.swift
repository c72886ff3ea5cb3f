import Foundation
import GuideKit
import OnboardDiagnostics
import Testing

@testable import Walk

/// Run blocks: filling variables quoted for the language (a hostile roster value stays text),
/// the run's environment, and running with a timeout.
@Suite struct RunBlockTests {
  /// Values that would be code if pasted in unquoted.
  static let hostile = [
    "O'Brien", "a'; touch /tmp/pwned; '", "$(touch /tmp/pwned)", "`id`", "x\"; import os; os.system('id'); \"",
    "line\nbreak", "back\\slash", "'''", "\"\"\"", "{x}", "\u{1B}]0;title\u{07}", "%s %(x)s",
  ]

  /// Runs `program` with `arguments`, `input` on standard input; its standard output.
  func output(_ arguments: [String], input: String? = nil) throws -> String {
    let runner = ProcessRunner(
      arguments: arguments, input: input, environment: ["PATH=/usr/bin:/bin"], timeout: 20)
    var bytes: [UInt8] = []
    let outcome = runner.run { bytes += $0 }
    #expect(outcome == .exited(0), "\(String(decoding: bytes, as: UTF8.self))")
    return String(decoding: bytes, as: UTF8.self)
  }

  @Test(arguments: [
    "printf '%s\\n' {{v}}", "printf '%s\\n' '{{v}}'", "printf '%s\\n' \"{{v}}\"", "printf '%s\\n' x{{v}}x",
    "x=$(printf '%s' {{v}}); printf '%s\\n' \"$x\"", "printf '%s\\n' {{v}} # {{v}}",
  ])
  func shellValuesStayText(template: String) throws {
    for value in Self.hostile {
      let code = try ShellTemplate.fill(template, variables: ["v": value])
      let printed = try output(["sh", "-c", code])
      let expected = template.contains("x{{v}}x") ? "x" + value + "x" : value
      #expect(printed == expected + "\n", "template \(template), value \(value.debugDescription)")
    }
  }

  @Test(arguments: [
    "print({{v}})", "print('{{v}}')", "print(\"{{v}}\")", "print('''{{v}}''')", "print(r'{{v}}')",
    "print(f'{{v}}')", "print('<' + {{v}} + '>'[1:-1] if False else {{v}})  # {{v}}",
  ])
  func pythonValuesStayText(template: String) throws {
    for value in Self.hostile {
      let code = try PythonTemplate.fill(template, variables: ["v": value])
      let printed = try output(["python3", "-"], input: code)
      #expect(printed == value + "\n", "template \(template), value \(value.debugDescription)")
    }
  }

  @Test func unsafePlacesAreRefused() {
    let values = ["v": "x"]
    #expect(throws: RunFillError.unsafePlace(variable: "v", place: "inside backquotes")) {
      try ShellTemplate.fill("echo `echo {{v}}`", variables: values)
    }
    #expect(throws: RunFillError.unsafePlace(variable: "v", place: "after a here-document (<<)")) {
      try ShellTemplate.fill("cat <<EOF\n{{v}}\nEOF", variables: values)
    }
    #expect(throws: RunFillError.unsafePlace(variable: "v", place: "right after a backslash")) {
      try ShellTemplate.fill("echo \\{{v}}", variables: values)
    }
    #expect(throws: RunFillError.unsafePlace(variable: "v", place: "inside ${…}")) {
      try ShellTemplate.fill("echo ${X:-{{v}}}", variables: values)
    }
    #expect(throws: RunFillError.unsafePlace(variable: "v", place: "inside an f-string's {…} expression")) {
      try PythonTemplate.fill("print(f'{len({{v}})}')", variables: values)
    }
    #expect(throws: RunFillError.unsafePlace(variable: "v", place: "inside a bytes literal")) {
      try PythonTemplate.fill("print(b'{{v}}')", variables: values)
    }
    #expect(throws: RunFillError.unsafePlace(variable: "v", place: "inside $'…'")) {
      try ShellTemplate.fill("echo $'{{v}}'", variables: values)
    }
    // Parentheses the scanner does not pair (a case pattern) inside "$(…)" could mislead it.
    #expect(
      throws: RunFillError.unsafePlace(
        variable: "v", place: "in a block with a command substitution inside double quotes")
    ) {
      try ShellTemplate.fill("echo \"$(case a in a) echo;; esac)\" {{v}}", variables: values)
    }
    #expect(throws: RunFillError.unknownVariable("w")) { try ShellTemplate.fill("echo {{w}}", variables: values) }
  }

  @Test func theBundledTestCallIsFilledAsPython() throws {
    let code = try PythonTemplate.fill(
      "Sellers(account='{{account}}', marketplace=Marketplaces['{{marketplace}}'])",
      variables: ["account": "shop_de", "marketplace": "DE"])
    #expect(code == "Sellers(account='shop_de', marketplace=Marketplaces['DE'])")
  }

  @Test func shellQuotingLooksAsDocumented() throws {
    #expect(try ShellTemplate.fill("echo {{v}}", variables: ["v": "it's"]) == "echo 'it'\\''s'")
    #expect(try ShellTemplate.fill("echo '{{v}}'", variables: ["v": "it's"]) == "echo 'it'\\''s'")
    #expect(try ShellTemplate.fill("echo \"{{v}}\"", variables: ["v": "a"]) == "echo \"\"'a'\"\"")
    #expect(try PythonTemplate.fill("x = {{v}}", variables: ["v": "it's\n"]) == "x = 'it\\'s\\n'")
  }

  @Test func environmentDropsShadowingNamesAndAddsAnEnvSellersValues() throws {
    let setup = try loadSetup()
    let base = [
      "PATH": "/bin", "LWA_APP_ID": "stray", "LWA_APP_ID_shop_de": "stray", "SP_API_REFRESH_TOKEN": "stray",
      "LWA_CLIENT_SECRET_default": "stray", "HOME": "/home/x",
    ]
    let plain = RunEnvironment(
      base: base, specs: setup.guide.credentials, layout: setup.layout, account: "shop_de", credentialValues: [])
    #expect(plain.variables == ["PATH": "/bin", "HOME": "/home/x"])
    let env = RunEnvironment(
      base: base, specs: setup.guide.credentials, layout: setup.layout, account: "shop_de",
      credentialValues: [(key: "lwa_app_id", value: "amzn1.application-oa2-client.x")])
    #expect(env.variables["LWA_APP_ID_shop_de"] == "amzn1.application-oa2-client.x")
    #expect(env.variables["LWA_APP_ID"] == nil)
  }

  @Test func aRunPastItsTimeoutIsStoppedWithItsGroup() {
    let started = Date()
    let runner = ProcessRunner(
      arguments: ["sh", "-c", "sleep 30 & sleep 30; echo never"], input: nil, environment: ["PATH=/usr/bin:/bin"],
      timeout: 1)
    var bytes: [UInt8] = []
    let outcome = runner.run { bytes += $0 }
    #expect(outcome == .timedOut(seconds: 1))
    #expect(Date().timeIntervalSince(started) < 10)
    #expect(bytes.isEmpty)
  }

  @Test func exitStatusAndMissingProgramsAreReported() {
    let failing = ProcessRunner(
      arguments: ["sh", "-c", "exit 3"], input: nil, environment: ["PATH=/usr/bin:/bin"], timeout: 5)
    #expect(failing.run(output: { _ in }) == .exited(3))
    let missing = ProcessRunner(
      arguments: ["no-such-program-onboard"], input: nil, environment: ["PATH=/usr/bin:/bin"], timeout: 5)
    if case .notStarted = missing.run(output: { _ in }) {} else { Issue.record("a missing program should not start") }
  }

  @Test func outputIsBoundedInertAndHidesSecrets() {
    var shown = ""
    let relay = OutputRelay(secrets: ["Atzr|secret-value"]) { shown += $0 }
    relay.take(Array("token Atzr|secret-value\n\u{1B}]0;title\u{07}\n".utf8))
    for _ in 0..<300 { relay.take(Array("line\n".utf8)) }
    relay.finish()
    #expect(!shown.contains("secret-value"))
    #expect(shown.contains("[a secret value, 17 characters]"))
    #expect(!shown.contains("\u{1B}"))
    #expect(shown.contains("102 more lines not shown"))
  }

  @Test func runFlagsGiveTheMode() {
    #expect(RunOptions.mode(run: false, noRun: false, acceptChecks: false) == .ask)
    #expect(RunOptions.mode(run: true, noRun: false, acceptChecks: true) == .always)
    #expect(RunOptions.mode(run: false, noRun: true, acceptChecks: false) == .never)
    #expect(RunOptions.mode(run: false, noRun: false, acceptChecks: true) == .never)
  }

  @Test func onlyBlocksMarkedRunInALanguageThatRunsAreRunnable() throws {
    #expect(Block.runLanguage(infoString: "sh run") == "sh")
    #expect(Block.runLanguage(infoString: "python  run") == "python")
    #expect(Block.runLanguage(infoString: "sh") == nil)
    #expect(Block.runLanguage(infoString: "run") == nil)
    #expect(Block.runLanguage(infoString: "yaml credentials") == nil)
    let location = DiagnosticLocation(file: "guide.md", line: 1, column: 1)
    let block = Block(markdown: "```sh run\necho {{v}}\n```", location: location, runnable: "sh")
    let code = try #require(RunnableCode(block))
    #expect(code.language == .sh)
    #expect(code.template == "echo {{v}}\n")
    let ruby = Block(markdown: "```ruby run\nputs 1\n```", location: location, runnable: "ruby")
    #expect(RunnableCode(ruby) == nil)
  }
}
