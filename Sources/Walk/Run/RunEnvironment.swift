import CredentialSpecs

/// The environment a run block runs in: the user's, without the names that would shadow the
/// credentials the walk wrote, plus, for a seller who keeps credentials in the environment, the
/// values written to their dotenv file (so the run sees what the seller's own programs will).
///
/// The removed names are every credential's `env` name from the guide's credentials block,
/// unsuffixed and with the layout's suffix for the seller's account (and for the layout's default
/// account). Values never go on a command line.
struct RunEnvironment {
  /// The environment, as `NAME=value` pairs.
  let variables: [String: String]

  /// Builds the environment.
  /// - Parameters:
  ///   - base: the user's environment.
  ///   - specs: the guide's credentials.
  ///   - layout: the template set's layout (the account suffix).
  ///   - account: the seller's account.
  ///   - credentialValues: values to put in the environment under their suffixed names (an
  ///     `env` seller's written values), by credential key; empty for other sellers.
  init(
    base: [String: String], specs: CredentialSpecSet, layout: ServiceLayout, account: String,
    credentialValues: [(key: String, value: String)]
  ) {
    var variables = base
    for name in Self.shadowingNames(specs: specs, layout: layout, account: account) {
      variables[name] = nil
    }
    for (key, value) in credentialValues {
      guard let env = specs[key: key]?.env else { continue }
      variables[layout.envName(env, account: account)] = value
    }
    self.variables = variables
  }

  /// The names that would shadow the credentials: each `env` name, unsuffixed and suffixed.
  static func shadowingNames(specs: CredentialSpecSet, layout: ServiceLayout, account: String) -> Set<String> {
    var names = Set<String>()
    for spec in specs.specs {
      guard let env = spec.env else { continue }
      names.insert(env)
      names.insert(layout.envName(env, account: account))
      names.insert(layout.envName(env, account: layout.defaultAccount))
      if !layout.envSuffix.isEmpty {
        names.insert(env + layout.envSuffix.replacingOccurrences(of: "{{account}}", with: account))
      }
    }
    return names
  }

  /// The environment as the C `NAME=value` strings `posix_spawn` takes.
  var entries: [String] {
    variables.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
  }
}
