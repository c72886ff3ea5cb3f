import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A walk conversation on a terminal: answers are typed at prompts, and secret values are
/// read with echo turned off, so a pasted secret never shows on the screen.
///
/// Echo is turned back on as soon as the line is read, and by the signal handlers of
/// ``TerminalControl`` when the walk is interrupted (install them first).
public final class TerminalWalkIO: WalkIO {
  private let input: any LineSource
  private let write: (String) -> Void
  private let inputDescriptor: Int32

  /// Creates the conversation.
  /// - Parameters:
  ///   - input: where typed lines come from (standard input).
  ///   - inputDescriptor: the terminal's file descriptor, whose echo is turned off for secrets.
  ///   - write: where text goes.
  public init(
    input: any LineSource = StandardInputLines(), inputDescriptor: Int32 = STDIN_FILENO,
    write: @escaping (String) -> Void
  ) {
    self.input = input
    self.inputDescriptor = inputDescriptor
    self.write = write
  }

  public func show(_ text: String) {
    write(text)
  }

  public func readLine(_ prompt: String) throws -> String {
    write(prompt)
    guard let line = try input.nextLine() else {
      write("\n")
      throw WalkEnded.endOfInput
    }
    return Self.removingPasteBrackets(LineWalkIO.stripCarriageReturn(line))
  }

  public func readSecret(_ prompt: String) throws -> String {
    // Echo goes off before the prompt shows, so that nothing typed after the prompt appears.
    let hidden = TerminalControl.disableEcho(inputDescriptor)
    write(prompt)
    let read = Result { try input.nextLine() }
    if hidden {
      TerminalControl.restoreEcho()
    } else {
      write("\n")
    }
    guard let line = try read.get() else {
      write("\n")
      throw WalkEnded.endOfInput
    }
    return Self.removingPasteBrackets(LineWalkIO.stripCarriageReturn(line))
  }

  /// Removes the bracketed-paste markers (`ESC [200~`, `ESC [201~`) a terminal may wrap
  /// around pasted text.
  static func removingPasteBrackets(_ line: String) -> String {
    guard line.contains("\u{1B}[20") else { return line }
    return line.replacingOccurrences(of: "\u{1B}[200~", with: "").replacingOccurrences(of: "\u{1B}[201~", with: "")
  }
}
