import Testing

@testable import OnboardDiagnostics

struct TextReporterTests {
  @Test func exactFormat() {
    let output = TextReporter().report(Fixtures.all, rules: Fixtures.rules)
    let expected = """
      guides/my guide.md:12:5: error: Step id "connect" is used twice. [guide/duplicate-id]
          note: The first use is on line 4.
          note: Ids must be unique.
          fix: Rename one of the steps.
      creds/a,b:c.yml:3:1: warning: 100% sure, second line: with colon and 50% [yaml:odd,rule]
          fix: Use a, b: c.
      /abs/path/credentials.yml:7:20: note: The value looks like a placeholder. [value/placeholder]

      """
    #expect(output == expected)
  }

  @Test func emptyReportIsEmpty() {
    #expect(TextReporter().report([], rules: Fixtures.rules) == "")
  }

  @Test func colourOnlyWhenAsked() {
    let plain = TextReporter(color: false).report([Fixtures.duplicateID], rules: [])
    #expect(!plain.contains("\u{1B}"))
    let coloured = TextReporter(color: true).report(Fixtures.all, rules: [])
    #expect(coloured.contains(": \u{1B}[1;31merror\u{1B}[0m: Step id"))
    #expect(coloured.contains(": \u{1B}[1;33mwarning\u{1B}[0m: 100%"))
    #expect(coloured.contains(": \u{1B}[1;36mnote\u{1B}[0m: The value"))
  }

  @Test func controlCharactersCannotReachTheTerminal() {
    let hostile = Diagnostic(
      severity: .error, ruleID: "r\u{7}", message: "key \"a\u{1B}]0;title\u{7}b\" is\tunknown",
      location: DiagnosticLocation(file: "x\u{1B}[2J.yml", line: 1, column: 1),
      fix: "Remove \u{8}it.", notes: ["\u{9B}31m"])
    let output = TextReporter().report([hostile], rules: [])
    #expect(
      output == """
        x\\u{1B}[2J.yml:1:1: error: key "a\\u{1B}]0;title\\u{7}b" is unknown [r\\u{7}]
            note: \\u{9B}31m
            fix: Remove \\u{8}it.

        """)
    #expect(
      !output.unicodeScalars.contains { $0.properties.generalCategory == .control && $0 != "\n" })
  }

  @Test func unicodeIsKept() {
    let diagnostic = Diagnostic(
      severity: .warning, ruleID: "r", message: "Schlüssel 日本 😀 👩‍💻",
      location: DiagnosticLocation(file: "ü.md", line: 2, column: 3))
    #expect(
      TextReporter().report([diagnostic], rules: []) == "ü.md:2:3: warning: Schlüssel 日本 😀 👩‍💻 [r]\n")
  }

  /// The byte-level fast path agrees with the character rules (line breaks, tab, controls) on
  /// every scalar of the Basic Multilingual Plane and a few beyond, alone and between letters.
  @Test func plainLineCheckAgreesWithTheCharacterRules() {
    let scalars = (0..<0x1_0000).compactMap(Unicode.Scalar.init) + ["\u{1F600}", "\u{E0001}"]
    for scalar in scalars {
      let character = Character(scalar)
      let special = character.isNewline || character == "\t" || scalar.properties.generalCategory == .control
      #expect(TextReporter.isPlainLine(String(scalar)) == !special, "U+\(String(scalar.value, radix: 16))")
      #expect(TextReporter.isPlainLine("a\(scalar)b") == !special)
    }
    #expect(!TextReporter.isPlainLine("a\r\nb"))
    #expect(TextReporter.isPlainLine("Schlüssel 日本 😀 👩‍💻"))
  }
}
