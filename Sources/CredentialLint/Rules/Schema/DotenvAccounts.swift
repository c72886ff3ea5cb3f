import CredentialSpecs

/// The accounts a dotenv file names through suffixed variables, and for each credential how
/// the consumer resolves it: from the suffixed name, by falling back to the unsuffixed one, or
/// not at all.
struct DotenvAccounts {
  /// How one credential of an account resolves.
  enum Resolution {
    /// The suffixed name holds a value.
    case own(CredentialEntry)
    /// The suffixed name is set but empty (no fallback happens: the empty value wins).
    case empty(CredentialEntry)
    /// The suffixed name is absent and the unsuffixed one is used.
    case fallback(CredentialEntry)
    /// Neither is set.
    case missing
  }

  /// One suffixed account.
  struct Account {
    var name: String
    var anchor: SourceSpan
    var resolutions: [(spec: CredentialSpec, resolution: Resolution)]
  }

  /// An account (`nil`: unsuffixed) and a spec key.
  private struct NameKey: Hashable {
    var account: String?
    var specKey: String
  }

  static func accounts(_ context: LintContext) -> [Account] {
    guard context.format == .dotenv, !context.document.isUnreadable else { return [] }
    let effective = context.document.effectiveEntries.filter { $0.specKey != nil }
    var order: [String] = []
    var anchors: [String: SourceSpan] = [:]
    for entry in effective {
      guard let account = entry.account, anchors[account] == nil else { continue }
      order.append(account)
      anchors[account] = entry.keySpan
    }
    // The last entry per (account, spec key), found in one pass (many accounts stay linear).
    var last: [NameKey: CredentialEntry] = [:]
    for entry in effective {
      if let key = entry.specKey { last[NameKey(account: entry.account, specKey: key)] = entry }
    }
    let fallbackAllowed = context.layout.envFallbackPerKey
    return order.map { account in
      let resolutions = context.specs.active.map { spec -> (CredentialSpec, Resolution) in
        if let own = last[NameKey(account: account, specKey: spec.key)] {
          return (spec, own.isEmpty ? .empty(own) : .own(own))
        }
        if fallbackAllowed, let shared = last[NameKey(account: nil, specKey: spec.key)], !shared.isEmpty {
          return (spec, .fallback(shared))
        }
        return (spec, .missing)
      }
      return Account(name: account, anchor: anchors[account] ?? .point(0), resolutions: resolutions)
    }
  }
}
