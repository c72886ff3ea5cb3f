import Foundation

/// The conversation a walk has with a person: questions, hidden input and printed text.
///
/// ``WalkSession`` talks only to this protocol, so a walk can run on a terminal
/// (``TerminalWalkIO``), read answers line by line from a pipe or a script (``LineWalkIO``), or
/// run in tests with canned answers.
///
/// Implementations never echo what ``readSecret(_:)`` reads, and nothing they print may contain
/// a value read with it.
public protocol WalkIO: AnyObject {
  /// Shows text as it is (the walk adds line breaks itself).
  func show(_ text: String)
  /// Shows `prompt` and reads one line of answer, without its line break.
  /// - Throws: ``WalkEnded/endOfInput`` when the input ends.
  func readLine(_ prompt: String) throws -> String
  /// Shows `prompt` and reads one line without echoing it (for secret values).
  /// - Throws: ``WalkEnded/endOfInput`` when the input ends.
  func readSecret(_ prompt: String) throws -> String
  /// Asks a yes/no question until the answer is yes or no.
  /// - Throws: ``WalkEnded/endOfInput`` when the input ends.
  func askYesNo(_ question: String) throws -> Bool
}

extension WalkIO {
  /// Asks a yes/no question on top of ``readLine(_:)``: `y`/`yes` and `n`/`no` (any case);
  /// anything else asks again.
  public func askYesNo(_ question: String) throws -> Bool {
    while true {
      let answer = try readLine(question + " [y/n] ")
      if let parsed = YesNo.parse(answer) { return parsed }
      show("  Answer y (yes) or n (no).\n")
    }
  }
}
