/// Why a walk stopped before its end.
public enum WalkEnded: Error, Equatable, Sendable {
  /// Standard input ended (Ctrl-D, or the end of a script) at a prompt.
  case endOfInput
}
