import OnboardDiagnostics

/// What a guide says about one credential: its names, whether it is required or secret, its
/// format, and the known ways people get it wrong.
public struct CredentialSpec: Hashable, Sendable {
  /// The key in config files and code, such as `lwa_app_id`.
  public var key: String
  /// A human title, such as "LWA client identifier".
  public var title: String
  /// The environment variable (and flat JSON key) name, such as `LWA_APP_ID`.
  public var env: String?
  /// Whether a config must hold a value for it.
  public var required: Bool
  /// Whether the value is secret. Every credential is secret unless the guide says otherwise;
  /// onboard never prints a secret value anywhere but in a credential file.
  public var secret: Bool
  /// The format a valid value matches.
  public var pattern: CredentialPattern?
  /// A description of a valid value, for prompts (shown, so it must not be a real value).
  public var example: String?
  /// The longest valid value, in bytes.
  public var maxLength: Int?
  /// The shortest valid value, in characters (`min-length`): a shorter value was cut short.
  public var minLength: Int?
  /// The documented public prefix of values (`Atzr|`), the only part a preview may show.
  public var publicPrefix: String?
  /// Known wrong values and what they mean.
  public var mistakes: [CredentialMistake]
  /// Set when the credential is no longer used; the text says why.
  public var deprecated: String?
  /// Other names people use for this key (typos, other libraries), for "did you mean".
  public var aliases: [String]
  /// The id of the step that produces it, if the guide states it in the spec.
  public var producedBy: String?
  /// What it is for, in a sentence (optional).
  public var description: String?
  /// Where the spec is written.
  public var location: DiagnosticLocation?
  /// `rotate-every`: the value must be replaced this many days after it was made.
  public var rotateEveryDays: Int?
  /// `warn-before`: how many days before the rotation is due `onboard status` warns (0 when
  /// not given).
  public var warnBeforeDays: Int?

  /// Creates a spec.
  public init(
    key: String, title: String, env: String? = nil, required: Bool = false, secret: Bool = true,
    pattern: CredentialPattern? = nil, example: String? = nil, maxLength: Int? = nil,
    publicPrefix: String? = nil, mistakes: [CredentialMistake] = [], deprecated: String? = nil,
    aliases: [String] = [], producedBy: String? = nil, description: String? = nil,
    location: DiagnosticLocation? = nil, minLength: Int? = nil
  ) {
    self.key = key
    self.title = title
    self.env = env
    self.required = required
    self.secret = secret
    self.pattern = pattern
    self.example = example
    self.maxLength = maxLength
    self.minLength = minLength
    self.publicPrefix = publicPrefix
    self.mistakes = mistakes
    self.deprecated = deprecated
    self.aliases = aliases
    self.producedBy = producedBy
    self.description = description
    self.location = location
  }

  /// Whether the credential is deprecated.
  public var isDeprecated: Bool { deprecated != nil }
}

/// A known wrong value: a pattern and what it means.
public struct CredentialMistake: Hashable, Sendable {
  /// The pattern that recognises the mistake.
  public var pattern: CredentialPattern
  /// What the value is instead, in words ("this is the app's App ID, not its LWA client id").
  public var message: String
  /// How serious it is (`error` unless the guide says otherwise).
  public var severity: Severity
  /// What to do about it, if the guide says.
  public var fix: String?

  /// Creates a mistake.
  public init(pattern: CredentialPattern, message: String, severity: Severity = .error, fix: String? = nil) {
    self.pattern = pattern
    self.message = message
    self.severity = severity
    self.fix = fix
  }
}
