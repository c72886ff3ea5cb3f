import Testing

@testable import Walk

/// Guide Markdown as terminal text: styles only when asked, lists, code, links, inertness.
@Suite struct TerminalMarkdownTests {
  let plain = TerminalMarkdown(styled: false, hyperlinks: false)
  let styled = TerminalMarkdown(styled: true, hyperlinks: true)

  @Test func plainTextHasNoMarkupAndNoEscapes() {
    let text = plain.render("Open **Develop Apps** and run `pip show` in *a* shell.")
    #expect(text == "Open Develop Apps and run pip show in a shell.")
  }

  @Test func stylesAreANSIOnStyledTerminals() {
    let text = styled.render("Open **Develop Apps** and run `pip show`.")
    #expect(text == "Open \u{1B}[1mDevelop Apps\u{1B}[22m and run \u{1B}[36mpip show\u{1B}[39m.")
  }

  @Test func linksShowTheAddressOnceAndAreHyperlinksOnTerminals() {
    let markdown = "Sign in to [Seller Central](https://sellercentral.amazon.com/apps) or <https://example.com>."
    #expect(
      plain.render(markdown)
        == "Sign in to Seller Central (https://sellercentral.amazon.com/apps) or https://example.com.")
    let link = "\u{1B}]8;;https://sellercentral.amazon.com/apps\u{1B}\\Seller Central\u{1B}]8;;\u{1B}\\"
    #expect(styled.render(markdown).hasPrefix("Sign in to \(link) (https://sellercentral.amazon.com/apps) or "))
    // A link to a step shows its text only; a javascript: address is never a hyperlink.
    #expect(plain.render("See [the step](#authorise).") == "See the step.")
    #expect(!styled.render("[x](javascript:alert(1))").contains("\u{1B}]8"))
  }

  @Test func listsAreIndentedWithBulletsAndNumbers() {
    let text = plain.render("- one\n- two\n  continued\n\n1. first\n2. second\n   - inner")
    #expect(text == "- one\n- two\n  continued\n\n1. first\n2. second\n   - inner")
  }

  @Test func codeBlocksAreSetOffWithoutFences() {
    let text = plain.render("Run:\n\n```sh\npython3 -m pip install x\n\necho done\n```\n\nThen go on.")
    #expect(text == "Run:\n\n    python3 -m pip install x\n\n    echo done\n\nThen go on.")
  }

  @Test func conditionMarkersAndAnchorsAreLeftOut() {
    let text = plain.render("<!-- when: x == \"y\" -->\n\nText <a id=\"a\"></a>here.\n\n<!-- end -->")
    #expect(text == "Text here.")
  }

  @Test func guideTextCannotDriveTheTerminal() {
    let hostile = "Title \u{1B}]0;owned\u{07} and \u{1B}[2J `\u{1B}[H` [x\u{1B}[1A](https://e.com/\u{1B}[2J)"
    for renderer in [plain, styled] {
      let text = renderer.render(hostile)
      #expect(!text.contains("\u{1B}]0"))
      #expect(!text.contains("\u{1B}[2J"))
      #expect(!text.contains("\u{1B}[H"))
      #expect(!text.contains("\u{1B}[1A"))
      #expect(!text.contains("\u{07}"))
    }
  }

  @Test func styleNeedsATerminalAColourAndNoNoColor() {
    #expect(TerminalText.supportsStyle(outputIsTerminal: true, environment: ["TERM": "xterm"]))
    #expect(!TerminalText.supportsStyle(outputIsTerminal: true, environment: ["TERM": "xterm", "NO_COLOR": "1"]))
    #expect(!TerminalText.supportsStyle(outputIsTerminal: true, environment: ["TERM": "dumb"]))
    #expect(!TerminalText.supportsStyle(outputIsTerminal: false, environment: ["TERM": "xterm"]))
    #expect(TerminalText.supportsStyle(outputIsTerminal: true, environment: ["TERM": "xterm", "NO_COLOR": ""]))
  }
}
