import OnboardDiagnostics

/// The findings about the linter's own configuration: `.onboard-lint.yml` and disable comments.
public enum LintConfigurationRules {
  /// An unknown rule id in a disable comment or the configuration.
  public static let unknownRule = RuleDescriptor(
    id: "config/unknown-rule", summary: "A rule id no rule has.", defaultSeverity: .warning,
    help:
      "A disable comment or .onboard-lint.yml names a rule that does not exist (often a typo); it silences nothing. In .onboard-lint.yml it is an error."
  )
  /// An unknown key, or a malformed value, in the configuration.
  public static let unknownKey = RuleDescriptor(
    id: "config/unknown-key", summary: "A key or value .onboard-lint.yml does not know.", defaultSeverity: .error,
    help:
      "The configuration has a key other than rules and overrides (and files and rules inside an override), or a severity other than off, error, warning or note."
  )

  /// Both descriptors.
  public static let descriptors = [unknownRule, unknownKey]
}
