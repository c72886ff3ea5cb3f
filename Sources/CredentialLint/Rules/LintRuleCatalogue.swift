import CredentialSpecs
import OnboardDiagnostics

/// Every credential-file rule, in the order docs/rules.md lists them.
public enum LintRuleCatalogue {
  /// All rules.
  public static let all: [any LintRule] = {
    var rules: [any LintRule] = [
      MissingRequiredRule(),
      OptionalAbsentRule(),
      UnknownKeyRule(),
      DeprecatedKeyRule(),
      KeyCaseRule(),
      AccountIncompleteRule(),
      AccountFallbackMixRule(),
      AccountShapeRule(),
    ]
    rules += ValueFindingRule.all.map { $0 as any LintRule }
    rules += [
      YAMLSyntaxRule(),
      PythonSyntaxRule(),
      YAMLAliasRule(),
      DuplicateKeyRule(format: .yaml),
      ImplicitTypeRule(),
      CommentTruncationRule(),
      VersionTypeRule(),
      SpaceAroundEqualsRule(),
      InlineCommentRule(),
      ShellUnsafeRule(),
      InterpolationRule(),
      EnvUnparsableRule(),
      DuplicateKeyRule(format: .dotenv),
      JSONSyntaxRule(),
      DuplicateKeyRule(format: .json),
      NonStringValueRule(),
      ByteOrderMarkRule(),
      LineEndingRule(),
      PermissionsRule(),
    ]
    return rules
  }()

  /// The descriptors of every rule, for SARIF and catalogues.
  public static var descriptors: [RuleDescriptor] { all.map(\.descriptor) }

  /// The rule with an id.
  public static func rule(id: String) -> (any LintRule)? {
    all.first { $0.descriptor.id == id }
  }
}
