import OnboardDiagnostics

/// The rule ids roster and planning diagnostics use, with their descriptors.
public enum RosterRules {
  public static let syntax = "roster/syntax"
  public static let shape = "roster/shape"
  public static let encoding = "roster/encoding"
  public static let empty = "roster/empty"
  public static let alias = "roster/alias"
  public static let missingID = "roster/missing-id"
  public static let duplicateID = "roster/duplicate-id"
  public static let unsafeID = "roster/unsafe-id"
  public static let unsafeAccount = "roster/unsafe-account"
  public static let unknownDataKey = "roster/unknown-marketplace"
  public static let missingDataKey = "roster/missing-marketplace"
  public static let invalidCredentialSource = "roster/credential-source"
  public static let invalidField = "roster/invalid-field"
  public static let duplicateField = "roster/duplicate-field"
  public static let reservedField = "roster/reserved-field"
  public static let unknownCredential = "roster/unknown-credential"
  public static let credentialValue = "roster/credential-value"
  public static let unrepresentable = "roster/unrepresentable-value"
  public static let valueNotAllowed = "roster/value-not-allowed"
  public static let unknownVariable = "packets/unknown-variable"
  public static let unsafeLink = "packets/unsafe-link"
  public static let missingValue = "packets/missing-value"

  /// Descriptors of every rule above.
  public static let descriptors: [RuleDescriptor] = [
    RuleDescriptor(
      id: syntax, summary: "The roster file is not valid YAML or CSV.", defaultSeverity: .error,
      help: "Fix the quoting or indentation at the position shown."),
    RuleDescriptor(
      id: encoding, summary: "The roster is not valid UTF-8.", defaultSeverity: .error,
      help:
        "A byte that is not UTF-8 would become U+FFFD in packets and credential files. Save the roster as UTF-8; the position names the first bad byte."
    ),
    RuleDescriptor(
      id: empty, summary: "The roster lists no sellers.", defaultSeverity: .error,
      help: "Add one row per seller: a YAML list of mappings, or a CSV header row and one line per seller."),
    RuleDescriptor(
      id: alias, summary: "The roster uses a YAML anchor or alias.", defaultSeverity: .error,
      help:
        "Anchors (&name) and aliases (*name) are refused in rosters, so that a small file cannot expand into a huge one. Write each value out."
    ),
    RuleDescriptor(
      id: shape, summary: "A roster row is not a mapping of fields.", defaultSeverity: .error,
      help: "A YAML roster is a list of mappings; a CSV roster has a header row and one seller per line."),
    RuleDescriptor(
      id: missingID, summary: "A seller has no id.", defaultSeverity: .error,
      help: "Every row needs an id; it is also the packet's folder name."),
    RuleDescriptor(
      id: duplicateID, summary: "Two sellers have the same id.", defaultSeverity: .error,
      help: "Ids name packet folders, so they must be unique."),
    RuleDescriptor(
      id: unsafeID, summary: "An id is not a safe folder name.", defaultSeverity: .error,
      help:
        "Use ASCII letters, digits, '.', '_' and '-', at most 64 characters, not starting with '.' or '-', not ending with '.', and not a Windows device name (CON, PRN, AUX, NUL, COM0-9, LPT0-9, with or without an extension, in any case)."
    ),
    RuleDescriptor(
      id: unsafeAccount, summary: "An account name cannot be used in credential files.",
      defaultSeverity: .error,
      help:
        "Use ASCII letters, digits and '_', at most 64 characters; it becomes a YAML key, a file name and an environment variable suffix."
    ),
    RuleDescriptor(
      id: unknownDataKey,
      summary: "A seller's data-key field (such as marketplace) is not a row of the guide's data table.",
      defaultSeverity: .error, help: "Use one of the codes the guide's data table lists."),
    RuleDescriptor(
      id: missingDataKey, summary: "A seller lacks the field that picks its row in the guide's data table.",
      defaultSeverity: .error, help: "Add the field (such as marketplace) to the row."),
    RuleDescriptor(
      id: invalidCredentialSource, summary: "credential_source is not file, env or code.",
      defaultSeverity: .error, help: "Use file, env or code."),
    RuleDescriptor(
      id: invalidField, summary: "A field has a value of the wrong shape.", defaultSeverity: .error,
      help: "Fields are text; owner may be a mapping of name and email, credentials a mapping of key to value."),
    RuleDescriptor(
      id: reservedField, summary: "A field has the name of a variable onboard fills itself.", defaultSeverity: .error,
      help:
        "Variables such as guide_id, credentials_file or output come from the guide, the template set and the command; a field of that name would never be used. Rename the field."
    ),
    RuleDescriptor(
      id: duplicateField, summary: "A field is given twice in one row.", defaultSeverity: .error,
      help: "Give each field once (a credential either at top level or under credentials:)."),
    RuleDescriptor(
      id: unknownCredential, summary: "A credentials: entry names no credential of the guide.",
      defaultSeverity: .error, help: "Use a key from the guide's credentials block."),
    RuleDescriptor(
      id: credentialValue, summary: "A known credential value fails its spec.", defaultSeverity: .error,
      help: "The message says what is wrong with the value's shape; the value itself is never shown."),
    RuleDescriptor(
      id: unrepresentable, summary: "A known credential value cannot be written exactly into a credential file.",
      defaultSeverity: .error, help: "For example python-dotenv expands '${' even in quotes."),
    RuleDescriptor(
      id: valueNotAllowed, summary: "A field holds a value outside the set the guide declares for it.",
      defaultSeverity: .error,
      help: "Use one of the values the guide's front matter lists under the variable's `values:`."),
    RuleDescriptor(
      id: unknownVariable, summary: "A guide condition uses a variable the seller does not have.",
      defaultSeverity: .error, help: "Add the field to the roster row, or declare it in the guide's front matter."),
    RuleDescriptor(
      id: missingValue, summary: "The guide's text uses a variable that the seller's row does not give.",
      defaultSeverity: .warning,
      help:
        "The text shows the template set's missing-value marker, such as '(owner not given)', in its place; add the field to the row. --strict makes it an error."
    ),
    RuleDescriptor(
      id: unsafeLink, summary: "A variable in a link destination holds a dangerous link.",
      defaultSeverity: .error, help: "javascript:, vbscript:, data: and file: links are refused."),
  ]
}
