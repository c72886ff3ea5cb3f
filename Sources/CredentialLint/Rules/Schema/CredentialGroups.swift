import CredentialSpecs

/// The sets of entries that must each hold a full set of credentials: every YAML account, the
/// single set of a flat file or JSON secret, and dotenv's unsuffixed set when no name has an
/// account suffix.
/// (Suffixed dotenv accounts are checked by the account rules, because of the fallback.)
struct CredentialGroups {
  /// One set.
  struct Group {
    /// Its account name (`nil` for the single or unsuffixed set).
    var account: String?
    /// Where to point when something is missing.
    var anchor: SourceSpan
    /// Its effective entries.
    var entries: [CredentialEntry]
  }

  /// The groups of a document (none when it could not be read).
  static func groups(_ context: LintContext) -> [Group] {
    let document = context.document
    guard !document.isUnreadable else { return [] }
    let effective = document.effectiveEntries
    switch document.format {
    case .yaml:
      if document.layout.kind == .flatYAML || document.layout.kind == .pythonDict {
        guard document.yaml.rootShape == nil else { return [] }
        return [Group(account: nil, anchor: .point(document.source.bomLength), entries: effective)]
      }
      // One pass over the entries, not one per account (a file of many accounts stays linear).
      var byAccount: [String?: [CredentialEntry]] = [:]
      for entry in effective { byAccount[entry.account, default: []].append(entry) }
      return document.accounts.filter(\.isMapping).map { account in
        Group(account: account.name, anchor: account.span, entries: byAccount[account.name] ?? [])
      }
    case .json:
      guard let root = document.accounts.first else { return [] }
      return [Group(account: nil, anchor: root.span, entries: effective)]
    case .dotenv:
      // With suffixed accounts, the unsuffixed names are the shared fallback for them and
      // need not be complete; the account rules check each account's resolved set.
      let unsuffixed = effective.filter { $0.specKey != nil && $0.account == nil }
      let hasSuffixed = effective.contains { $0.specKey != nil && $0.account != nil }
      guard !hasSuffixed else { return [] }
      return [Group(account: nil, anchor: .point(document.source.bomLength), entries: unsuffixed)]
    }
  }

  /// The entry for a spec in a group.
  static func entry(for spec: CredentialSpec, in group: Group) -> CredentialEntry? {
    group.entries.last { $0.specKey == spec.key }
  }
}
