import CredentialSpecs
import OnboardDiagnostics

/// What a rule sees: the parsed file, the guide's specs, the service's layout, and the value
/// checks already run on every credential value.
public struct LintContext: Sendable {
  /// The parsed file.
  public let document: CredentialDocument
  /// The guide's credential specs.
  public let specs: CredentialSpecSet
  /// The service's layout.
  public let layout: ServiceLayout
  /// Name matching and suggestions.
  public let names: CredentialNames
  /// The file's permission bits, when they are known and checked.
  public let permissions: UInt16?
  /// Findings of ``ValueValidator`` for each effective credential entry.
  public let valueChecks: [ValueCheck]

  /// The findings for one entry's value.
  public struct ValueCheck: Sendable {
    /// The entry.
    public var entry: CredentialEntry
    /// Its spec.
    public var spec: CredentialSpec
    /// What the validator found.
    public var findings: [ValueFinding]
  }

  /// The file's format.
  public var format: CredentialFileFormat { document.format }

  /// The spec an entry was matched to.
  public func spec(of entry: CredentialEntry) -> CredentialSpec? {
    entry.specKey.flatMap { specs[key: $0] }
  }

  /// Entries matched to a spec that is in use (not deprecated), last occurrence only.
  public var credentialEntries: [CredentialEntry] {
    document.effectiveEntries.filter { entry in
      guard let spec = spec(of: entry) else { return false }
      return !spec.isDeprecated
    }
  }

  /// The phrase for an entry's owner: "account 'shop'" or "the file".
  public func owner(_ account: String?) -> String { names.accountPhrase(account) }

  /// How a credential is named in this file's format (key in YAML, environment name otherwise).
  public func displayName(_ spec: CredentialSpec, account: String? = nil) -> String {
    names.name(of: spec, format: format, account: account) ?? spec.key
  }
}
