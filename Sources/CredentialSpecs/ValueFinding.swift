import OnboardDiagnostics

/// A problem with one credential value. The message names the key and the format, never the
/// value itself.
public struct ValueFinding: Hashable, Sendable {
  /// The rule id, such as `value/format`.
  public var ruleID: String
  /// How serious it is.
  public var severity: Severity
  /// What is wrong, in words.
  public var message: String
  /// What to do, if known.
  public var fix: String?

  /// Creates a finding.
  public init(ruleID: String, severity: Severity, message: String, fix: String? = nil) {
    self.ruleID = ruleID
    self.severity = severity
    self.message = message
    self.fix = fix
  }
}
