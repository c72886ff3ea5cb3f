/// Reads `onboard status`'s rows from a ledger's summary tables (never the event log, so it
/// stays fast at millions of events).
public struct LedgerStatusQuery {
  /// The report's day (day number since 1970-01-01).
  public var today: Int64
  /// Days without progress after which a seller who is not done is stale.
  public var staleDays: Int64
  /// Only these sellers (all when `nil`).
  public var sellers: Set<String>?

  /// Creates a query.
  public init(today: Int64, staleDays: Int64, sellers: Set<String>? = nil) {
    self.today = today
    self.staleDays = staleDays
    self.sellers = sellers
  }

  private struct Credential {
    var key: String
    /// A value was collected (a rotation alone is a date, not a credential collected).
    var collected: Bool
    var collectedAt: Int64?
    var rotatedAt: Int64?
  }

  /// One row per seller, ordered by seller id.
  /// - Throws: ``Ledger/Failure``.
  public func run(on ledger: Ledger) throws -> [SellerStatus] {
    do {
      return try rows(ledger.database)
    } catch let error as SQLiteError {
      throw Ledger.Failure(description: "cannot read the ledger \(ledger.path): \(error.message)")
    }
  }

  private func rows(_ database: SQLiteDatabase) throws -> [SellerStatus] {
    var policies: [String: [(key: String, every: Int64, warn: Int64)]] = [:]
    let policyRows = try database.prepare(
      "SELECT guide_id, credential, rotate_every_days, warn_before_days FROM rotation_policies ORDER BY credential")
    try policyRows.bind([])
    while try policyRows.step() {
      guard let guide = policyRows.text(0), let key = policyRows.text(1), let every = policyRows.integer(2),
        let warn = policyRows.integer(3)
      else { continue }
      policies[guide, default: []].append((key, every, warn))
    }
    var credentials: [String: [Credential]] = [:]
    let credentialRows = try database.prepare(
      "SELECT account, credential, collected_at, rotated_at, fingerprint FROM credentials ORDER BY account, credential")
    try credentialRows.bind([])
    while try credentialRows.step() {
      guard let account = credentialRows.text(0), let key = credentialRows.text(1) else { continue }
      credentials[account, default: []].append(
        Credential(
          key: key, collected: credentialRows.text(4) != nil,
          collectedAt: credentialRows.integer(2), rotatedAt: credentialRows.integer(3)))
    }
    var verifications: [String: (String, Int64)] = [:]
    let verificationRows = try database.prepare("SELECT account, result, at FROM verifications")
    try verificationRows.bind([])
    while try verificationRows.step() {
      guard let account = verificationRows.text(0), let result = verificationRows.text(1),
        let at = verificationRows.integer(2)
      else { continue }
      verifications[account] = (result, at)
    }

    let statement = try database.prepare(
      """
      SELECT seller, name, account, guide_id, guide_version, sent_at, steps_total, steps_done, last_step, last_by,
        last_at, last_activity FROM sellers ORDER BY seller
      """)
    try statement.bind([])
    var result: [SellerStatus] = []
    while try statement.step() {
      guard let seller = statement.text(0) else { continue }
      if let sellers, !sellers.contains(seller) { continue }
      let account = statement.text(2)
      let guide = statement.text(3)
      let held = account.flatMap { credentials[$0] } ?? []
      let stepsTotal = Int(statement.integer(6) ?? 0)
      let stepsDone = Int(statement.integer(7) ?? 0)
      let lastActivity = statement.integer(11)
      var row = SellerStatus(
        seller: seller, name: statement.text(1), account: account, guideID: guide, guideVersion: statement.text(4),
        sentAt: statement.integer(5), stepsTotal: stepsTotal, stepsDone: stepsDone, lastStep: statement.text(8),
        lastBy: statement.text(9), lastAt: statement.integer(10), lastActivity: lastActivity,
        credentials: held.filter(\.collected).map(\.key),
        verification: account.flatMap { verifications[$0]?.0 }, verifiedAt: account.flatMap { verifications[$0]?.1 },
        rotations: [], stale: false)
      row.stale =
        !row.isDone && lastActivity.map { today - LedgerDate.dayOf($0) > staleDays } ?? false
      for policy in guide.flatMap({ policies[$0] }) ?? [] {
        let credential = held.first { $0.key == policy.key }
        row.rotations.append(
          Self.rotation(
            key: policy.key, collectedAt: credential?.collectedAt, rotatedAt: credential?.rotatedAt,
            every: policy.every, warn: policy.warn, today: today))
      }
      result.append(row)
    }
    return result
  }

  /// A credential's rotation on `today`: the value's date is the later of its collection and
  /// its last rotation; without either, the state is unknown (never fresh).
  static func rotation(key: String, collectedAt: Int64?, rotatedAt: Int64?, every: Int64, warn: Int64, today: Int64)
    -> SellerStatus.Rotation
  {
    let dates = [collectedAt, rotatedAt].compactMap { $0 }
    guard let latest = dates.max() else {
      return SellerStatus.Rotation(credential: key, state: .unknown)
    }
    let setOn = LedgerDate.dayOf(latest)
    let due = setOn + every
    let warnFrom = due - warn
    let state: SellerStatus.Rotation.State = today >= due ? .overdue : today >= warnFrom ? .dueSoon : .ok
    return SellerStatus.Rotation(
      credential: key, setOn: setOn, ageDays: today - setOn, dueOn: due, warnFrom: warnFrom, state: state)
  }
}
