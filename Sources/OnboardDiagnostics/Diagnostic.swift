/// One finding: a rule that fired at a place, with words a user understands.
///
/// A diagnostic never carries a secret value: messages name keys, lengths and formats only.
public struct Diagnostic: Hashable, Sendable, Codable {
  /// How serious it is.
  public var severity: Severity
  /// The stable rule id, such as `guide/duplicate-id` or `yaml/duplicate-key`.
  public var ruleID: String
  /// The message, one or two sentences.
  public var message: String
  /// Where it is.
  public var location: DiagnosticLocation
  /// A suggested fix, in words (never replacement text containing a value).
  public var fix: String?
  /// Further notes, one sentence each.
  public var notes: [String]

  /// Creates a diagnostic.
  public init(
    severity: Severity, ruleID: String, message: String, location: DiagnosticLocation,
    fix: String? = nil, notes: [String] = []
  ) {
    self.severity = severity
    self.ruleID = ruleID
    self.message = message
    self.location = location
    self.fix = fix
    self.notes = notes
  }

  /// The same diagnostic with another severity.
  public func with(severity: Severity) -> Diagnostic {
    var copy = self
    copy.severity = severity
    return copy
  }

  /// Orders diagnostics by file, line, column, then rule id: the order every reporter prints.
  ///
  /// Ties are broken by the span's end, severity (most severe first), message and fix, so the
  /// order is total and the same on every run.
  public static func sortedForReport(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
    diagnostics.sorted(by: reportsBefore)
  }

  private static func reportsBefore(_ lhs: Diagnostic, _ rhs: Diagnostic) -> Bool {
    let left = lhs.location
    let right = rhs.location
    if (left.file, left.line, left.column) != (right.file, right.line, right.column) {
      return (left.file, left.line, left.column) < (right.file, right.line, right.column)
    }
    if lhs.ruleID != rhs.ruleID { return lhs.ruleID < rhs.ruleID }
    if left != right { return left < right }
    if lhs.severity != rhs.severity { return lhs.severity > rhs.severity }
    if lhs.message != rhs.message { return lhs.message < rhs.message }
    return (lhs.fix ?? "") < (rhs.fix ?? "")
  }
}

extension Array where Element == Diagnostic {
  /// Whether any diagnostic is an error; with `strict`, a warning counts too.
  public func hasFailures(strict: Bool) -> Bool {
    contains { $0.severity == .error || (strict && $0.severity == .warning) }
  }
}
