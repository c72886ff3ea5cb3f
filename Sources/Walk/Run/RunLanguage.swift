/// A language whose run-marked code blocks the walk can run, and how it runs them.
public enum RunLanguage: String, Sendable, CaseIterable {
  /// `sh -c CODE`.
  case sh
  /// `python3 -`, the code fed on standard input.
  case python

  /// The program and its arguments, for `code`.
  func arguments(code: String) -> [String] {
    switch self {
    case .sh: return ["sh", "-c", code]
    case .python: return ["python3", "-"]
    }
  }

  /// What goes to the program's standard input (`nil`: `/dev/null`).
  func standardInput(code: String) -> String? {
    switch self {
    case .sh: return nil
    case .python: return code
    }
  }
}
