/// What a rule is, for catalogues, SARIF's `tool.driver.rules` and `--help` text.
public struct RuleDescriptor: Hashable, Sendable, Codable {
  /// The stable id, such as `env/shell-unsafe`.
  public var id: String
  /// A one-line summary.
  public var summary: String
  /// The severity the rule reports by default.
  public var defaultSeverity: Severity
  /// Longer help: what it catches and how to fix it.
  public var help: String

  /// Creates a descriptor.
  public init(id: String, summary: String, defaultSeverity: Severity, help: String) {
    self.id = id
    self.summary = summary
    self.defaultSeverity = defaultSeverity
    self.help = help
  }
}
