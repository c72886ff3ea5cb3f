import OnboardDiagnostics
import Yams

/// How a service's client library reads credentials, from a template set's `layout.yml`.
///
/// The code knows only generic layouts; the descriptor says which ones a service uses, the file
/// names, and the account suffix rule for environment variables.
public struct ServiceLayout: Hashable, Sendable {
  /// The kinds of credential file onboard can read and write.
  public enum Kind: String, Hashable, Sendable, CaseIterable {
    /// A YAML mapping of account name to a mapping of credential keys.
    case accountsYAML = "accounts-yaml"
    /// A flat YAML mapping of credential keys.
    case flatYAML = "flat-yaml"
    /// A flat JSON object whose keys are the environment names.
    case flatJSON = "flat-json"
    /// A dotenv file of environment names, optionally with an account suffix.
    case dotenv
    /// A Python file that assigns one dict literal of credential keys to a name:
    /// `credentials = dict(refresh_token='…', …)` or `credentials = {'…': '…'}`.
    case pythonDict = "python-dict"
  }

  /// One credential file shape the service reads.
  public struct FileLayout: Hashable, Sendable {
    /// A short name (`yaml`, `env`, `json`), used by `lint --as`.
    public var name: String
    /// The generic layout.
    public var kind: Kind
    /// The file name; `{{account}}` is replaced by the account name.
    public var file: String
    /// Top-level keys that may stand beside accounts (accounts-yaml), such as `version`.
    public var allowedTopLevelKeys: [String]
    /// A short description for help text.
    public var description: String
    /// `destination:`: where the walk writes this layout by default and what the guide's text
    /// calls it (the `credentials_destination` variable). May start with `~` and use
    /// `{{account}}`. `nil`: the file name, in the current folder.
    public var destination: String?

    /// Creates a file layout.
    public init(
      name: String, kind: Kind, file: String, allowedTopLevelKeys: [String] = [], description: String = "",
      destination: String? = nil
    ) {
      self.name = name
      self.kind = kind
      self.file = file
      self.allowedTopLevelKeys = allowedTopLevelKeys
      self.description = description
      self.destination = destination
    }
  }

  /// The service's name, such as `python-amazon-sp-api`.
  public var service: String
  /// The account used when none is named.
  public var defaultAccount: String
  /// The suffix appended to environment names for an account; `{{account}}` is replaced.
  /// Empty when the service has no per-account names.
  public var envSuffix: String
  /// Whether a missing suffixed name falls back to the unsuffixed one, key by key.
  public var envFallbackPerKey: Bool
  /// Whether the default account also tries suffixed names.
  public var suffixDefaultAccount: Bool
  /// The file shapes, in the order the descriptor lists them.
  public var files: [FileLayout]
  /// `default-layout:`: the `name` of the one file packets write when neither the guide's front
  /// matter `layout:` nor `--layout` chooses one; `nil`: packets write every file.
  public var defaultLayout: String?
  /// `missing-value:`: the text shown in place of a variable a recipient's row does not give;
  /// `{{label}}` stands for the variable's name with spaces for underscores. `nil`: not given.
  public var missingValue: String?
  /// `credential-sources:`: the `files:` entry name for each value of the roster field
  /// `credential_source` (`file`, `env`, `code`). A source it does not name uses the first file.
  public var credentialSources: [String: String] = [:]

  /// Creates a descriptor.
  public init(
    service: String, defaultAccount: String = "default", envSuffix: String = "",
    envFallbackPerKey: Bool = true, suffixDefaultAccount: Bool = false, files: [FileLayout]
  ) {
    self.service = service
    self.defaultAccount = defaultAccount
    self.envSuffix = envSuffix
    self.envFallbackPerKey = envFallbackPerKey
    self.suffixDefaultAccount = suffixDefaultAccount
    self.files = files
  }

  /// The file layout named `name` (or of that kind's raw value).
  public func file(named name: String) -> FileLayout? {
    files.first { $0.name == name } ?? files.first { $0.kind.rawValue == name }
  }

  /// The first file layout of a kind.
  public func file(kind: Kind) -> FileLayout? {
    files.first { $0.kind == kind }
  }

  /// The file layout a seller whose `credential_source` is `source` keeps credentials in: the
  /// entry `credential-sources:` names for it, else the first file.
  public func file(forSource source: String) -> FileLayout? {
    credentialSources[source].flatMap { name in files.first { $0.name == name } } ?? files.first
  }

  /// Where a file layout is written for an account, as the guide's text names it: its
  /// `destination:` (else its file name) with `{{account}}` replaced. A leading `~` is kept.
  public func destination(_ layout: FileLayout, account: String) -> String {
    (layout.destination ?? layout.file).replacingOccurrences(of: "{{account}}", with: account)
  }

  /// The values the roster field `credential_source` may take, the keys of `credential-sources:`.
  public static let credentialSourceNames = ["file", "env", "code"]

  /// The top-level keys a descriptor may have.
  static let topLevelKeys = [
    "service", "default-account", "env-suffix", "env-fallback", "suffix-default-account", "files",
    "missing-value", "credential-sources", "default-layout",
  ]

  /// The keys a `files:` entry may have.
  static let fileKeys = ["name", "kind", "file", "description", "allowed-top-level-keys", "destination"]

  /// The layout a packet of a guide writes: ``choosing(_:)`` the guide's `layout:` (`name`), else
  /// ``defaultLayout``; this layout itself when neither is given or names no file.
  public func chosen(_ name: String?) -> ServiceLayout {
    guard let name = name ?? defaultLayout else { return self }
    return choosing(name) ?? self
  }

  /// This layout with only the file named `name` (or of that kind's raw value): what a packet
  /// writes when a guide's `layout:` or `--layout` chooses one file. `nil` when none has it.
  public func choosing(_ name: String) -> ServiceLayout? {
    guard let chosen = file(named: name) else { return nil }
    var result = self
    result.files = [chosen]
    result.defaultLayout = nil
    return result
  }

  /// The environment name of `env` for an account: `LWA_APP_ID` → `LWA_APP_ID_shop`.
  public func envName(_ env: String, account: String?) -> String {
    guard let account, !envSuffix.isEmpty else { return env }
    if account == defaultAccount && !suffixDefaultAccount { return env }
    return env + envSuffix.replacingOccurrences(of: "{{account}}", with: account)
  }

  /// The file name of a layout for an account.
  public func fileName(_ layout: FileLayout, account: String) -> String {
    layout.file.replacingOccurrences(of: "{{account}}", with: account)
  }

  /// Rule ids for descriptor problems.
  public static let malformedRule = "templates/malformed-layout"

  /// A YAML 1.1 boolean written as a plain scalar (`true`, `yes`, `on`, `false`, `no`, `off`, in
  /// any case), or `nil` for anything else.
  static func flag(_ node: Node) -> Bool? {
    guard let scalar = node.scalar, scalar.style == .plain else { return nil }
    switch scalar.string.lowercased() {
    case "true", "yes", "on": return true
    case "false", "no", "off": return false
    default: return nil
    }
  }

  /// Reads a `layout.yml`.
  /// - Parameters:
  ///   - yaml: the descriptor's text.
  ///   - file: its path, for diagnostics.
  /// - Returns: the descriptor, or diagnostics saying what is wrong.
  public static func parse(_ yaml: String, file: String) -> Result<ServiceLayout, DiagnosticList> {
    let position = YAMLPosition(file: file, text: yaml)
    let root: Node?
    do {
      // The basic resolver tags every plain scalar as a string: the descriptor reads its values
      // as text, and Yams's default resolver compiles a dozen ICU regular expressions on first
      // use, which costs more than the rest of `onboard lint`'s start-up.
      root = try Yams.compose(yaml: yaml, .basic)
    } catch {
      return .failure(
        DiagnosticList([position.syntaxDiagnostic(error, ruleID: malformedRule, what: "The layout descriptor")]))
    }
    guard let mapping = root?.mapping else {
      return .failure(
        DiagnosticList([
          Diagnostic(
            severity: .error, ruleID: malformedRule,
            message: "The layout descriptor must be a mapping with service and files.",
            location: position.location(root?.mark))
        ]))
    }
    var diagnostics: [Diagnostic] = []
    func unknownKeys(in mapping: Node.Mapping, allowed: [String], of what: String) {
      for (key, _) in mapping {
        guard let name = key.string, !allowed.contains(name) else { continue }
        diagnostics.append(
          Diagnostic(
            severity: .error, ruleID: malformedRule,
            message: "Unknown key '\(name)' in \(what); use one of " + allowed.joined(separator: ", ") + ".",
            location: position.location(key.mark)))
      }
    }
    unknownKeys(in: mapping, allowed: topLevelKeys, of: "the layout descriptor")
    var layout = ServiceLayout(service: mapping["service"]?.string ?? "", files: [])
    if let account = mapping["default-account"]?.string { layout.defaultAccount = account }
    if let marker = mapping["missing-value"]?.string { layout.missingValue = marker }
    if let chosen = mapping["default-layout"]?.string { layout.defaultLayout = chosen }
    if let suffix = mapping["env-suffix"]?.string { layout.envSuffix = suffix }
    if let fallback = mapping["env-fallback"]?.string { layout.envFallbackPerKey = fallback == "per-key" }
    if let suffixDefault = mapping["suffix-default-account"].flatMap(Self.flag) {
      layout.suffixDefaultAccount = suffixDefault
    }
    guard let files = mapping["files"]?.sequence else {
      return .failure(
        DiagnosticList([
          Diagnostic(
            severity: .error, ruleID: malformedRule,
            message: "The layout descriptor needs a 'files' list.", location: position.location(root?.mark))
        ]))
    }
    for entry in files {
      guard let fields = entry.mapping, let name = fields["name"]?.string,
        let kindText = fields["kind"]?.string, let fileName = fields["file"]?.string
      else {
        diagnostics.append(
          Diagnostic(
            severity: .error, ruleID: malformedRule,
            message: "Each file layout needs name, kind and file.", location: position.location(entry.mark)))
        continue
      }
      guard let kind = Kind(rawValue: kindText) else {
        diagnostics.append(
          Diagnostic(
            severity: .error, ruleID: malformedRule,
            message: "Unknown layout kind '\(kindText)'; use one of "
              + Kind.allCases.map(\.rawValue).joined(separator: ", ") + ".",
            location: position.location(fields["kind"]?.mark)))
        continue
      }
      unknownKeys(in: fields, allowed: fileKeys, of: "a file layout")
      layout.files.append(
        FileLayout(
          name: name, kind: kind, file: fileName,
          allowedTopLevelKeys: fields["allowed-top-level-keys"]?.sequence?.compactMap(\.string) ?? [],
          description: fields["description"]?.string ?? "", destination: fields["destination"]?.string))
    }
    if let sources = mapping["credential-sources"] {
      readCredentialSources(sources, into: &layout, position: position, diagnostics: &diagnostics)
    }
    if let chosen = layout.defaultLayout, diagnostics.isEmpty, !layout.files.contains(where: { $0.name == chosen }) {
      diagnostics.append(
        Diagnostic(
          severity: .error, ruleID: malformedRule,
          message: "default-layout '\(chosen)' names no file; use one of "
            + layout.files.map(\.name).joined(separator: ", ") + ".",
          location: position.location(mapping["default-layout"]?.mark)))
    }
    if !diagnostics.isEmpty { return .failure(DiagnosticList(diagnostics)) }
    return .success(layout)
  }
}

extension ServiceLayout {
  /// Reads `credential-sources:`: a mapping of `file`/`env`/`code` to a `files:` entry name.
  fileprivate static func readCredentialSources(
    _ node: Node, into layout: inout ServiceLayout, position: YAMLPosition, diagnostics: inout [Diagnostic]
  ) {
    guard let mapping = node.mapping else {
      diagnostics.append(
        Diagnostic(
          severity: .error, ruleID: malformedRule,
          message: "credential-sources must map each credential source (file, env, code) to a file layout's name.",
          location: position.location(node.mark)))
      return
    }
    for (key, value) in mapping {
      guard let source = key.string, credentialSourceNames.contains(source) else {
        diagnostics.append(
          Diagnostic(
            severity: .error, ruleID: malformedRule,
            message: "Unknown credential source '\(key.string ?? "")' in credential-sources; use one of "
              + credentialSourceNames.joined(separator: ", ") + ".",
            location: position.location(key.mark)))
        continue
      }
      guard let name = value.string, layout.files.contains(where: { $0.name == name }) else {
        diagnostics.append(
          Diagnostic(
            severity: .error, ruleID: malformedRule,
            message:
              "credential-sources maps '\(source)' to '\(value.string ?? "")', which no file layout is named; use one of "
              + layout.files.map(\.name).joined(separator: ", ") + ".",
            location: position.location(value.mark)))
        continue
      }
      layout.credentialSources[source] = name
    }
  }
}

/// A list of diagnostics as an `Error`.
public struct DiagnosticList: Error, Sendable {
  /// The diagnostics.
  public var diagnostics: [Diagnostic]

  /// Wraps diagnostics.
  public init(_ diagnostics: [Diagnostic]) {
    self.diagnostics = diagnostics
  }
}
