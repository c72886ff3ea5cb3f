/// Variables every recipient has, whatever the guide: the standard roster fields and facts
/// about the guide and the run.
public enum StandardVariables {
  /// The names, with what each holds.
  public static let all: [(name: String, description: String)] = [
    ("id", "the recipient's id (also the packet folder's name)"),
    ("name", "the recipient's display name"),
    ("account", "the account name in credential files"),
    ("owner", "the account owner's name and e-mail"),
    ("owner_name", "the account owner's name"),
    ("owner_email", "the account owner's e-mail"),
    ("credential_source", "where the credentials will live: file, env or code"),
    ("guide_id", "the guide's id"),
    ("guide_title", "the guide's title"),
    ("guide_version", "the guide's version"),
    (
      "credentials_file",
      "the name of the credential file the packet holds (the template set's accounts-yaml file, else its flat-yaml file, else its first file)"
    ),
    ("dotenv_file", "the name of the dotenv file the packet holds, for the recipient's account"),
    (
      "credentials_destination",
      "where the recipient's credentials are written: walk --write PATH, else the destination of the layout's file for the credential source"
    ),
    ("known_credentials", "the credential keys the roster gives, filled into the packet's files, or 'none'"),
    ("missing_credentials", "the credential keys the packet's files still leave empty, or 'none'"),
    (
      GuideOutput.variableName,
      "what onboard is making: packet (the recipient's packet and its files), runbook (a printed runbook) or walk (onboard walk)"
    ),
  ]

  /// The standard variables a roster row gives (its standard fields).
  public static let rosterFields: Set<String> = [
    "id", "name", "account", "owner", "owner_name", "owner_email", "credential_source",
  ]

  /// The standard variables onboard fills itself, from the guide, the template set and the run:
  /// a roster field or data-table column of one of these names would never be used.
  public static let filledByOnboard: Set<String> = names.subtracting(rosterFields)

  /// The names alone.
  public static let names: Set<String> = Set(all.map(\.name))

  /// The standard variables whose values onboard fixes, with those values. A guide may list
  /// such a variable under `variables:` only to label its values.
  public static let fixedValues: [String: [String]] = [
    "credential_source": ["file", "env", "code"],
    GuideOutput.variableName: GuideOutput.allCases.map(\.rawValue),
  ]

  /// What a standard variable holds, for labelled blanks.
  public static func description(of name: String) -> String? {
    all.first { $0.name == name }?.description
  }
}
