import CredentialSpecs

/// Matches the names written in a credential file to the guide's credential specs: keys in
/// YAML, environment names (with an account suffix in dotenv) in dotenv and JSON; and finds
/// "did you mean" suggestions from the specs' aliases and by spelling.
public struct CredentialNames: Sendable {
  /// A name matched to a spec.
  public struct Match: Hashable, Sendable {
    /// The spec's key.
    public var key: String
    /// The account named by a dotenv suffix, if any.
    public var account: String?
  }

  /// The guide's specs.
  public let specs: CredentialSpecSet
  /// The service's layout (account suffix rule).
  public let layout: ServiceLayout
  private let suffixHead: String
  private let suffixTail: String
  private let envSpecs: [(env: String, key: String)]

  /// Creates a matcher.
  public init(specs: CredentialSpecSet, layout: ServiceLayout) {
    self.specs = specs
    self.layout = layout
    let suffix = layout.envSuffix
    if let range = suffix.range(of: "{{account}}") {
      suffixHead = String(suffix[..<range.lowerBound])
      suffixTail = String(suffix[range.upperBound...])
    } else {
      suffixHead = ""
      suffixTail = ""
    }
    envSpecs = specs.specs.compactMap { spec in spec.env.map { ($0, spec.key) } }
      .sorted { $0.0.count > $1.0.count }
  }

  /// Whether names in this format are environment names.
  static func usesEnvNames(_ format: CredentialFileFormat) -> Bool { format != .yaml }

  /// The spec and account a name stands for, matched exactly (as the consumer does).
  public func match(_ name: String, format: CredentialFileFormat) -> Match? {
    switch format {
    case .yaml:
      return specs[key: name].map { Match(key: $0.key, account: nil) }
    case .json:
      return specs[env: name].map { Match(key: $0.key, account: nil) }
    case .dotenv:
      if let spec = specs[env: name] { return Match(key: spec.key, account: nil) }
      guard !suffixHead.isEmpty || !suffixTail.isEmpty else { return nil }
      for (env, key) in envSpecs where name.hasPrefix(env + suffixHead) && name.hasSuffix(suffixTail) {
        let accountStart = name.index(name.startIndex, offsetBy: env.count + suffixHead.count)
        let accountEnd = name.index(name.endIndex, offsetBy: -suffixTail.count)
        guard accountStart < accountEnd else { continue }
        return Match(key: key, account: String(name[accountStart..<accountEnd]))
      }
      return nil
    }
  }

  /// The name a spec has in a format (its key in YAML, its environment name otherwise).
  public func name(of spec: CredentialSpec, format: CredentialFileFormat, account: String? = nil) -> String? {
    switch format {
    case .yaml: return spec.key
    case .json: return spec.env
    case .dotenv:
      guard let env = spec.env else { return nil }
      guard let account else { return env }
      return env + suffixHead + account + suffixTail
    }
  }

  /// A name that differs from a known one only in letter case, with the right spelling.
  public func caseCorrection(_ name: String, format: CredentialFileFormat) -> String? {
    let lowered = name.lowercased()
    for spec in specs.specs {
      if format == .yaml {
        if spec.key.lowercased() == lowered, spec.key != name { return spec.key }
        if let env = spec.env, env.lowercased() == lowered { return spec.key }
        continue
      }
      guard let env = spec.env else { continue }
      if env.lowercased() == lowered, env != name { return env }
      if format == .dotenv, !suffixHead.isEmpty || !suffixTail.isEmpty,
        lowered.hasPrefix(env.lowercased() + suffixHead.lowercased()), !name.hasPrefix(env + suffixHead)
      {
        let rest = name.dropFirst(env.count + suffixHead.count)
        if !rest.isEmpty { return env + suffixHead + rest }
      }
      if format == .json, spec.key.lowercased() == lowered { return env }
    }
    return nil
  }

  /// "Did you mean": a spec whose alias is `name` (ignoring case), else the closest known
  /// name by spelling. In dotenv an account suffix is kept.
  public func suggestion(for name: String, format: CredentialFileFormat) -> String? {
    if let direct = directSuggestion(for: name, format: format) { return direct }
    guard format == .dotenv, !suffixHead.isEmpty else { return nil }
    // Try the name without a trailing account suffix: LWA_CLIENT_ID_SHOP → LWA_APP_ID_SHOP.
    var head = Substring(name)
    while let range = head.range(of: suffixHead, options: .backwards), range.lowerBound > head.startIndex {
      head = head[..<range.lowerBound]
      let account = String(name[range.upperBound...])
      guard !account.isEmpty else { continue }
      if let base = directSuggestion(for: String(head), format: format), specs[env: base] != nil {
        return base + suffixHead + account
      }
    }
    return nil
  }

  private func directSuggestion(for name: String, format: CredentialFileFormat) -> String? {
    let lowered = name.lowercased()
    for spec in specs.specs where spec.aliases.contains(where: { $0.lowercased() == lowered }) {
      return self.name(of: spec, format: format)
    }
    let candidates = specs.specs.compactMap { self.name(of: $0, format: format) }
    return NameSuggester.suggest(name, among: candidates)
  }

  /// A name from the file as it may be shown in a message: known names and short identifiers
  /// are shown; anything else (it could be a pasted secret) is described, not quoted.
  public func display(_ name: String) -> String {
    if specs.specs.contains(where: { $0.key == name || $0.env == name || $0.aliases.contains(name) }) {
      return "'\(name)'"
    }
    return Redaction.name(name, specs: specs)
  }

  /// Whether a name from a file can be shown (``Redaction/isShowable(_:specs:)``).
  public static func isShowable(_ name: String, specs: CredentialSpecSet) -> Bool {
    Redaction.isShowable(name, specs: specs)
  }

  /// An account name as it may be shown: `account 'shop'`, or `an account` when the name
  /// should not be quoted.
  public func accountPhrase(_ account: String?) -> String {
    guard let account else { return "the file" }
    return Self.isShowable(account, specs: specs) ? "account '\(account)'" : "an account (its name is not shown)"
  }
}
