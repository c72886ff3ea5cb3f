import Ledger
import Verification

/// The ledger events of one verification of an account (`onboard verify`, `walk --verify`):
/// one per credential the check sent, with the fingerprint of the value checked, never the value.
enum VerificationRecord {
  /// The events of `result` for `account`.
  /// - Parameters:
  ///   - values: the values checked, by key (only their fingerprints are recorded).
  ///   - source: `verify` or `walk`.
  static func events(
    _ result: VerificationResult, account: String, seller: String? = nil, values: [String: String],
    roleKeys: [String], ledger: Ledger, source: String, by: String, at: Int64
  ) -> [LedgerEvent] {
    roleKeys.map { key in
      .verified(
        account: account, seller: seller, key: key, fingerprint: values[key].map(ledger.fingerprint),
        result: result.outcome.rawValue, verdict: (result.verdicts[key] ?? .unknown).rawValue, rule: result.ruleID,
        source: source, by: by, at: at)
    }
  }
}
