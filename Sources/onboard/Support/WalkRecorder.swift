import Ledger
import OnboardSupport
import Walk

/// Records what a walk does into the ledger as it happens, each event in its own transaction:
/// a confirmed step (seller, step, who, when), the credentials written (key and fingerprint;
/// collected now when the value is new and typed) and each `--verify` result. Values become fingerprints here and go nowhere
/// else. A failure to record does not stop the walk: it is shown once, kept, and ends the
/// command with exit 2 once the walk is over (as `packets` does).
final class WalkRecorder {
  private let ledger: Ledger?
  private let seller: String
  private let account: String
  private let by: String
  private let roleKeys: [String]
  /// The first failure to record, if any.
  private(set) var failure: Error?

  /// A recorder for one seller's walk into `ledger` (nothing when `nil`, as with `--no-ledger`).
  /// - Parameters:
  ///   - by: who walks (`--by`, else the OS user).
  ///   - roleKeys: the credentials the guide's `verify:` check sends.
  init(ledger: Ledger?, seller: String, account: String, by: String, roleKeys: [String]) {
    self.ledger = ledger
    self.seller = seller
    self.account = account
    self.by = by
    self.roleKeys = roleKeys
  }

  /// Records one event of the walk (``WalkSession/events``).
  func record(_ event: WalkEvent) {
    guard let ledger, failure == nil else { return }
    let now = LedgerOptions.now
    let events: [LedgerEvent]
    switch event {
    case .stepConfirmed(let step):
      events = [.stepConfirmed(seller: seller, account: account, step: step, by: by, at: now)]
    case .credentialsDelivered(let values, let file):
      do {
        events = try values.map { collected in
          // Collected now only when the value is new to the ledger and was typed in this walk:
          // the same value again keeps its recorded date, and a roster's value has none
          // (unknown is never shown as fresh).
          let fingerprint = ledger.fingerprint(collected.value)
          let known = try ledger.recordedFingerprint(account: account, key: collected.key) == fingerprint
          return .credentialCollected(
            account: account, seller: seller, key: collected.key, fingerprint: fingerprint,
            collectedAt: known || collected.fromRoster ? nil : now, source: collected.fromRoster ? "roster" : "walk",
            file: file, by: by, at: now)
        }
      } catch {
        return keep(error)
      }
    case .verified(let result, let values):
      var byKey: [String: String] = [:]
      for value in values { byKey[value.key] = value.value }
      events = VerificationRecord.events(
        result, account: account, seller: seller, values: byKey, roleKeys: roleKeys, ledger: ledger, source: "walk",
        by: by, at: now)
    }
    do {
      try ledger.record(events)
    } catch {
      keep(error)
    }
  }

  private func keep(_ error: Error) {
    failure = error
    StandardError.write("onboard walk: warning: \(error); the walk goes on, but records nothing more\n")
  }
}
