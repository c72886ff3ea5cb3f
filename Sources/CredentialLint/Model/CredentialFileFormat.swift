import CredentialSpecs

/// The syntax a credential file is written in. Each ``ServiceLayout/Kind`` uses one.
public enum CredentialFileFormat: String, Sendable, Hashable, CaseIterable {
  /// YAML (account sections or a flat mapping).
  case yaml
  /// A dotenv file of `NAME=value` lines.
  case dotenv
  /// A JSON object.
  case json

  /// The syntax a layout kind is written in.
  public init(kind: ServiceLayout.Kind) {
    switch kind {
    case .accountsYAML, .flatYAML: self = .yaml
    case .dotenv: self = .dotenv
    case .flatJSON: self = .json
    // A Python dict literal is keyed by the credential keys, as flat YAML is; PythonDictReader
    // reads it (not the YAML reader), and the YAML syntax rules skip it.
    case .pythonDict: self = .yaml
    }
  }

  /// A word for messages: "YAML", "dotenv", "JSON".
  public var displayName: String {
    switch self {
    case .yaml: return "YAML"
    case .dotenv: return "dotenv"
    case .json: return "JSON"
    }
  }
}
