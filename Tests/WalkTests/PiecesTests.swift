import Foundation
import Testing

@testable import Walk

/// The small pieces: pasted value cleaning, terminal text, export lines, yes/no answers.
@Suite struct PiecesTests {
  @Test(arguments: [
    ("abc", "abc", 0), ("  abc\t", "abc", 1), ("\"abc\"", "abc", 1), ("'abc'", "abc", 1), (" 'abc' ", "abc", 2),
    ("“abc”", "abc", 1), ("' abc '", "abc", 2), ("\u{00A0}abc\u{2003}", "abc", 1), ("ab c", "ab c", 0),
    ("'abc", "'abc", 0), ("\"\"", "", 1),
  ])
  func pastedValuesAreCleaned(raw: String, value: String, notices: Int) {
    let pasted = PastedValue(raw)
    #expect(pasted.value == value)
    #expect(pasted.notices.count == notices)
    #expect(!pasted.notices.joined().contains("abc"))
  }

  @Test func terminalTextIsInert() {
    #expect(TerminalText.inert("a\u{1B}]0;title\u{07}b\nc\td") == "a\\u{1B}]0;title\\u{7}b\nc\td")
    #expect(TerminalText.inert("x\u{9B}y") == "x\\u{9B}y")
  }

  @Test func terminalTextShowsTextDirectionControls() {
    for code: UInt32 in [
      0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C,
    ] {
      guard let scalar = Unicode.Scalar(code) else { continue }
      let shown = TerminalText.inert("invoice" + String(Character(scalar)) + "gnp.exe")
      #expect(!shown.unicodeScalars.contains(scalar))
      #expect(shown == "invoice\\u{" + String(code, radix: 16, uppercase: true) + "}gnp.exe")
    }
  }

  @Test func hyperlinksFollowOSC8() {
    #expect(
      TerminalText.fileHyperlink(path: "/tmp/My Shots/a.png", label: "a.png")
        == "\u{1B}]8;;file:///tmp/My%20Shots/a.png\u{1B}\\a.png\u{1B}]8;;\u{1B}\\")
    #expect(TerminalText.supportsHyperlinks(outputIsTerminal: true, environment: ["TERM": "xterm-256color"]))
    #expect(!TerminalText.supportsHyperlinks(outputIsTerminal: true, environment: ["TERM": "dumb"]))
    #expect(!TerminalText.supportsHyperlinks(outputIsTerminal: true, environment: [:]))
    #expect(!TerminalText.supportsHyperlinks(outputIsTerminal: false, environment: ["TERM": "xterm"]))
  }

  @Test func exportLinesAreShellQuoted() throws {
    let setup = try loadSetup()
    let lines = EnvironmentExport.lines(
      [("lwa_app_id", "it's"), ("refresh_token", "Atzr|x$HOME")], specs: setup.guide.credentials,
      layout: setup.layout, account: "default")
    #expect(lines == "export LWA_APP_ID_default='it'\\''s'\nexport SP_API_REFRESH_TOKEN_default='Atzr|x$HOME'\n")
  }

  @Test func yesNoAnswers() {
    #expect(YesNo.parse(" Y ") == true)
    #expect(YesNo.parse("yes") == true)
    #expect(YesNo.parse("NO") == false)
    #expect(YesNo.parse("") == nil)
    #expect(YesNo.parse("ja") == nil)
  }

  @Test func lineInputStripsCarriageReturnsAndEndsWithEndOfInput() throws {
    var shown = ""
    let io = LineWalkIO(source: ScriptedLines(["abc\r"]), write: { shown += $0 })
    #expect(try io.readSecret("secret: ") == "abc")
    #expect(throws: WalkEnded.endOfInput) { try io.readLine("more: ") }
    #expect(shown == "secret: \nmore: \n")
  }

  @Test func pasteBracketsAreRemoved() {
    #expect(TerminalWalkIO.removingPasteBrackets("\u{1B}[200~abc\u{1B}[201~") == "abc")
  }
}
