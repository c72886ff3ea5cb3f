import OnboardSupport
import Testing

struct TerminalTests {
  @Test func noColorHonoured() {
    #expect(Terminal.current(environment: ["NO_COLOR": "1"]).noColor)
    #expect(Terminal.current(environment: ["NO_COLOR": "anything"]).noColor)
    // The NO_COLOR convention: set to an empty string means not set.
    #expect(!Terminal.current(environment: ["NO_COLOR": ""]).noColor)
    #expect(!Terminal.current(environment: [:]).noColor)
    #expect(Terminal.current(environment: ["TERM": "dumb"]).noColor)
    #expect(!Terminal.current(environment: ["TERM": "xterm-256color"]).noColor)
  }

  @Test func noColorTurnsColourOffEvenOnATerminal() {
    let terminal = Terminal(
      stdoutIsTerminal: true, stderrIsTerminal: true, stdinIsTerminal: true, noColor: true)
    #expect(!terminal.colorStdout)
    #expect(!terminal.colorStderr)
  }

  @Test func colourOnlyOnATerminal() {
    let mixed = Terminal(
      stdoutIsTerminal: true, stderrIsTerminal: false, stdinIsTerminal: false, noColor: false)
    #expect(mixed.colorStdout)
    #expect(!mixed.colorStderr)
  }

  @Test func currentReflectsTheProcess() {
    // Whatever the test runner's descriptors are, `current` must agree with NO_COLOR and never
    // colour with it set.
    let terminal = Terminal.current(environment: ["NO_COLOR": "1"])
    #expect(!terminal.colorStdout && !terminal.colorStderr)
  }
}
