/// One change `--fix` made, described without any value.
public struct FixChange: Hashable, Sendable, CustomStringConvertible {
  /// The file.
  public var file: String
  /// The line the change is on (1 for whole-file changes).
  public var line: Int
  /// What was done, in words ("put the value of 'client_id' in single quotes").
  public var what: String
  /// The rule whose finding it fixes.
  public var ruleID: String

  /// Creates a change record.
  public init(file: String, line: Int, what: String, ruleID: String) {
    self.file = file
    self.line = line
    self.what = what
    self.ruleID = ruleID
  }

  /// `fixed: file:line: what [rule]`.
  public var description: String { "fixed: \(file):\(line): \(what) [\(ruleID)]" }
}
