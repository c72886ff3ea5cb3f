/// One event of the onboarding ledger. Events never hold a secret value: a credential is
/// recorded as its key and a fingerprint (``Ledger/fingerprint(_:)``).
public struct LedgerEvent: Sendable, Equatable {
  /// What happened.
  public enum Kind: String, Sendable, CaseIterable {
    /// `packets` wrote a packet for a seller.
    case packet
    /// A step was confirmed (by the walk).
    case step
    /// A credential was collected (by the walk) or merged (`credentials merge`).
    case credential
    /// A credential was rotated outside onboard (`onboard ledger rotated`).
    case rotated
    /// A guide's rotation policy for a credential (recorded by `packets`).
    case policy
    /// A verification result for an account.
    case verify
  }

  /// What happened.
  public var kind: Kind
  /// When it was recorded (Unix seconds).
  public var at: Int64
  /// The seller id.
  public var seller: String?
  /// The account name.
  public var account: String?
  /// Who did it (an OS user or `--by NAME`).
  public var by: String?
  /// The guide's id, version and the SHA-256 of its file (packets and policies).
  public var guideID: String?
  public var guideVersion: String?
  public var guideSHA256: String?
  /// The step id (a confirmed step).
  public var step: String?
  /// The credential key.
  public var credential: String?
  /// The credential value's fingerprint (never the value).
  public var fingerprint: String?
  /// When the value was collected or rotated (Unix seconds), when known.
  public var effectiveAt: Int64?
  /// Kind-specific details as JSON: a packet's steps, a policy's days, a merge's source file,
  /// a verification's result.
  public var detail: String?

  /// Creates an event.
  public init(
    kind: Kind, at: Int64, seller: String? = nil, account: String? = nil, by: String? = nil,
    guideID: String? = nil, guideVersion: String? = nil, guideSHA256: String? = nil, step: String? = nil,
    credential: String? = nil, fingerprint: String? = nil, effectiveAt: Int64? = nil, detail: String? = nil
  ) {
    self.kind = kind
    self.at = at
    self.seller = seller
    self.account = account
    self.by = by
    self.guideID = guideID
    self.guideVersion = guideVersion
    self.guideSHA256 = guideSHA256
    self.step = step
    self.credential = credential
    self.fingerprint = fingerprint
    self.effectiveAt = effectiveAt
    self.detail = detail
  }

  /// `packets` wrote a packet for `seller` with these steps.
  public static func packetWritten(
    seller: String, account: String, name: String?, guideID: String, guideVersion: String, guideSHA256: String,
    steps: [String], by: String?, at: Int64
  ) -> LedgerEvent {
    LedgerEvent(
      kind: .packet, at: at, seller: seller, account: account, by: by, guideID: guideID, guideVersion: guideVersion,
      guideSHA256: guideSHA256,
      detail: JSONText.object(["steps": .strings(steps), "name": name.map { .string($0) } ?? .null]).rendered)
  }

  /// A step of a seller's packet was confirmed by `by` at `at` (the walk's hook); `account`
  /// is the seller's account as the walk knows it (kept in the log).
  public static func stepConfirmed(seller: String, account: String? = nil, step: String, by: String?, at: Int64)
    -> LedgerEvent
  {
    LedgerEvent(kind: .step, at: at, seller: seller, account: account, by: by, step: step)
  }

  /// A credential was collected for `account`: its key and fingerprint (from
  /// ``Ledger/fingerprint(_:)``), collected at `collectedAt` when known (the walk's hook, and
  /// `credentials merge` with `source: "merge"`).
  public static func credentialCollected(
    account: String, seller: String? = nil, key: String, fingerprint: String, collectedAt: Int64?, source: String,
    file: String? = nil, by: String?, at: Int64
  ) -> LedgerEvent {
    var detail: [String: JSONText] = ["source": .string(source)]
    if let file { detail["file"] = .string(file) }
    return LedgerEvent(
      kind: .credential, at: at, seller: seller, account: account, by: by, credential: key, fingerprint: fingerprint,
      effectiveAt: collectedAt, detail: JSONText.object(detail).rendered)
  }

  /// A verification of `account`'s credentials (by `onboard verify`, `source: "verify"`, or
  /// `walk --verify`, `source: "walk"`), one event per credential the check sent: the
  /// account's `result` (`passed`, `wrong`, `not-checked`), this credential's `verdict`
  /// (`works`, `suspected`, `unknown`), the report's `rule` id, and the fingerprint of the
  /// value checked (`nil` when there was none). The `verifications` summary keeps the
  /// account's last result.
  public static func verified(
    account: String, seller: String? = nil, key: String, fingerprint: String?, result: String, verdict: String,
    rule: String, source: String, by: String?, at: Int64
  ) -> LedgerEvent {
    LedgerEvent(
      kind: .verify, at: at, seller: seller, account: account, by: by, credential: key, fingerprint: fingerprint,
      detail: JSONText.object([
        "result": .string(result), "verdict": .string(verdict), "rule": .string(rule), "source": .string(source),
      ]).rendered)
  }

  /// `account`'s credential `key` was rotated outside onboard on day `on`.
  public static func rotated(account: String, key: String, onDay day: Int64, by: String?, at: Int64) -> LedgerEvent {
    LedgerEvent(
      kind: .rotated, at: at, account: account, by: by, credential: key, effectiveAt: day * LedgerDate.secondsPerDay)
  }

  /// A guide's rotation policy for `key`.
  public static func policy(guideID: String, key: String, rotateEveryDays: Int, warnBeforeDays: Int, at: Int64)
    -> LedgerEvent
  {
    LedgerEvent(
      kind: .policy, at: at, guideID: guideID, credential: key,
      detail: JSONText.object(["rotate_every_days": .int(rotateEveryDays), "warn_before_days": .int(warnBeforeDays)])
        .rendered)
  }
}
