import Foundation
import OnboardSupport
import Testing

@testable import Ledger

@Suite struct LedgerStoreTests {
  static func temporaryLedgerPath() throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("onboard-ledger-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder.appendingPathComponent("state/ledger.sqlite").path
  }

  static let day = LedgerDate.parseDay("2026-06-01") ?? 0
  static func at(_ offset: Int64) -> Int64 { (day + offset) * LedgerDate.secondsPerDay + 3600 }

  static func packet(_ seller: String, account: String, steps: [String], at: Int64, version: String = "1")
    -> LedgerEvent
  {
    .packetWritten(
      seller: seller, account: account, name: "Shop \(seller)", guideID: "guide", guideVersion: version,
      guideSHA256: String(repeating: "a", count: 64), steps: steps, by: "ops", at: at)
  }

  @Test func recordsPacketsStepsAndCredentials() throws {
    let path = try Self.temporaryLedgerPath()
    let ledger = try Ledger(path: path)
    #expect(try ledger.schemaVersion == 3)
    try ledger.record([
      .policy(guideID: "guide", key: "secret", rotateEveryDays: 180, warnBeforeDays: 90, at: Self.at(0)),
      Self.packet("s1", account: "shop_1", steps: ["a", "b", "c"], at: Self.at(0)),
      Self.packet("s2", account: "shop_2", steps: ["a", "b"], at: Self.at(0)),
    ])
    try ledger.record([
      .stepConfirmed(seller: "s1", step: "a", by: "ana", at: Self.at(1)),
      .stepConfirmed(seller: "s1", step: "a", by: "ana", at: Self.at(2)),  // again: counted once
      .stepConfirmed(seller: "s1", step: "zz", by: "ana", at: Self.at(2)),  // not in the packet
      .stepConfirmed(seller: "s1", step: "b", by: "ben", at: Self.at(3)),
      .credentialCollected(
        account: "shop_1", seller: "s1", key: "secret", fingerprint: ledger.fingerprint("v"),
        collectedAt: Self.at(3), source: "walk", by: "ben", at: Self.at(3)),
    ])
    let rows = try LedgerStatusQuery(today: Self.day + 16, staleDays: 14).run(on: ledger)
    #expect(rows.map(\.seller) == ["s1", "s2"])
    let first = rows[0]
    #expect(first.stepsDone == 2 && first.stepsTotal == 3)
    #expect(first.lastStep == "b" && first.lastBy == "ben" && first.lastAt == Self.at(3))
    #expect(first.credentials == ["secret"])
    #expect(first.rotations.first?.dueOn == Self.day + 3 + 180)
    #expect(first.rotations.first?.state == .ok)
    #expect(first.stale == false)
    // s2: nothing since day 0, 16 days ago: stale; its secret's date is unknown, not fresh.
    #expect(rows[1].stale)
    #expect(rows[1].rotations.first?.state == .unknown)
    #expect(rows[1].rotations.first?.dueOn == nil)

    // A new packet with a changed step list keeps what was confirmed of the steps still in it.
    try ledger.record([Self.packet("s1", account: "shop_1", steps: ["b", "d"], at: Self.at(4), version: "2")])
    let again = try LedgerStatusQuery(today: Self.day + 5, staleDays: 14, sellers: ["s1"]).run(on: ledger)
    #expect(again.count == 1)
    #expect(again.first?.stepsDone == 1 && again.first?.stepsTotal == 2 && again.first?.guideVersion == "2")
  }

  @Test func aWalkWithoutAPacketNamesTheAccountAndAVerificationCountsAsActivity() throws {
    let ledger = try Ledger(path: try Self.temporaryLedgerPath())
    // A walk for a seller no packet was recorded for: the step carries the account, so the
    // seller's row names it and the credentials collected for that account show on it.
    try ledger.record([
      .stepConfirmed(seller: "walked", account: "shop_w", step: "a", by: "ana", at: Self.at(0)),
      .credentialCollected(
        account: "shop_w", seller: "walked", key: "secret", fingerprint: ledger.fingerprint("v"),
        collectedAt: Self.at(0), source: "walk", by: "ana", at: Self.at(0)),
    ])
    var rows = try LedgerStatusQuery(today: Self.day + 20, staleDays: 14).run(on: ledger)
    #expect(rows.map(\.account) == ["shop_w"])
    #expect(rows.first?.credentials == ["secret"])
    #expect(rows.first?.stale == true)
    // A verification of that account, recorded without the seller (as `onboard verify` does),
    // is activity: the seller is no longer stuck.
    try ledger.record([
      .verified(
        account: "shop_w", key: "secret", fingerprint: nil, result: "passed", verdict: "accepted", rule: "verify/ok",
        source: "verify", by: "ana", at: Self.at(19))
    ])
    rows = try LedgerStatusQuery(today: Self.day + 20, staleDays: 14).run(on: ledger)
    #expect(rows.first?.verification == "passed")
    #expect(rows.first?.stale == false)
  }

  @Test func rotationStates() {
    let every: Int64 = 180
    let warn: Int64 = 90
    func state(_ today: Int64) -> SellerStatus.Rotation.State {
      LedgerStatusQuery.rotation(key: "k", collectedAt: 0, rotatedAt: nil, every: every, warn: warn, today: today).state
    }
    #expect(state(89) == .ok)
    #expect(state(90) == .dueSoon)
    #expect(state(179) == .dueSoon)
    #expect(state(180) == .overdue)
    // A later rotation moves the due date.
    let rotated = LedgerStatusQuery.rotation(
      key: "k", collectedAt: 0, rotatedAt: 100 * LedgerDate.secondsPerDay, every: every, warn: warn, today: 180)
    #expect(rotated.state == .ok && rotated.dueOn == 280 && rotated.ageDays == 80)
  }

  @Test func aNewValueForgetsTheOldRotationDate() throws {
    let ledger = try Ledger(path: try Self.temporaryLedgerPath())
    try ledger.record([
      .policy(guideID: "guide", key: "secret", rotateEveryDays: 180, warnBeforeDays: 90, at: Self.at(0)),
      Self.packet("s1", account: "shop_1", steps: ["a"], at: Self.at(0)),
      .rotated(account: "shop_1", key: "secret", onDay: Self.day, by: "ops", at: Self.at(0)),
    ])
    var rows = try LedgerStatusQuery(today: Self.day + 1, staleDays: 14).run(on: ledger)
    #expect(rows.first?.rotations.first?.setOn == Self.day)
    #expect(rows.first?.credentials == [])
    try ledger.record([
      .credentialCollected(
        account: "shop_1", key: "secret", fingerprint: ledger.fingerprint("new"), collectedAt: nil, source: "merge",
        by: "ops", at: Self.at(1))
    ])
    rows = try LedgerStatusQuery(today: Self.day + 1, staleDays: 14).run(on: ledger)
    #expect(rows.first?.rotations.first?.state == .unknown)
    #expect(rows.first?.credentials == ["secret"])
  }

  @Test func fingerprintsAreKeyedPerLedger() throws {
    let one = try Ledger(path: try Self.temporaryLedgerPath())
    let two = try Ledger(path: try Self.temporaryLedgerPath())
    #expect(one.fingerprint("value").count == 8)
    #expect(one.fingerprint("value") == one.fingerprint("value"))
    #expect(one.fingerprint("value") != one.fingerprint("other"))
    #expect(one.fingerprint("value") != two.fingerprint("value"))
    // Reopened: the same key.
    let reopened = try Ledger(path: one.path)
    #expect(reopened.fingerprint("value") == one.fingerprint("value"))
  }

  @Test func migratesAVersion1Ledger() throws {
    let path = try Self.temporaryLedgerPath()
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    do {
      // A version 1 ledger: the event log alone, written as version 1 wrote it.
      let old = try SQLiteDatabase(path: path)
      try old.execute(
        """
        CREATE TABLE meta(key TEXT PRIMARY KEY, value BLOB NOT NULL);
        CREATE TABLE events(id INTEGER PRIMARY KEY, at INTEGER NOT NULL, kind TEXT NOT NULL,
          seller TEXT, account TEXT, by TEXT, guide_id TEXT, guide_version TEXT, guide_sha256 TEXT,
          step TEXT, credential TEXT, fingerprint TEXT, effective_at INTEGER, detail TEXT);
        CREATE INDEX events_seller ON events(seller, id);
        INSERT INTO events(at, kind, seller, account, guide_id, guide_version, guide_sha256, detail)
          VALUES(\(Self.at(0)), 'packet', 's1', 'shop_1', 'guide', '3', 'abc', '{"name":"One","steps":["a","b"]}');
        INSERT INTO events(at, kind, seller, step, by) VALUES(\(Self.at(1)), 'step', 's1', 'b', 'ana');
        INSERT INTO events(at, kind, guide_id, credential, detail)
          VALUES(\(Self.at(0)), 'policy', 'guide', 'secret', '{"rotate_every_days":180,"warn_before_days":90}');
        INSERT INTO events(at, kind, account, credential, effective_at)
          VALUES(\(Self.at(2)), 'rotated', 'shop_1', 'secret', \(Self.at(2)));
        PRAGMA user_version = 1;
        """)
    }
    let ledger = try Ledger(path: path)
    #expect(try ledger.schemaVersion == 3)
    let rows = try LedgerStatusQuery(today: Self.day + 3, staleDays: 14).run(on: ledger)
    #expect(rows.count == 1)
    #expect(rows.first?.name == "One" && rows.first?.guideVersion == "3")
    #expect(rows.first?.stepsDone == 1 && rows.first?.stepsTotal == 2 && rows.first?.lastBy == "ana")
    #expect(rows.first?.rotations.first?.setOn == Self.day + 2)
    // The events are still there, and new ones are added after them.
    try ledger.record([.stepConfirmed(seller: "s1", step: "a", by: "ben", at: Self.at(3))])
    #expect(try ledger.database.scalar("SELECT count(*) FROM events") == .integer(5))
    #expect(try LedgerStatusQuery(today: Self.day + 3, staleDays: 14).run(on: ledger).first?.stepsDone == 2)
  }

  @Test func refusesANewerSchema() throws {
    let path = try Self.temporaryLedgerPath()
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try SQLiteDatabase(path: path).execute("PRAGMA user_version = 99")
    #expect(throws: Ledger.Failure.self) { try Ledger(path: path) }
  }

  @Test func aFailedBatchWritesNothing() throws {
    let ledger = try Ledger(path: try Self.temporaryLedgerPath())
    try ledger.database.execute(
      "CREATE TRIGGER refuse BEFORE INSERT ON events WHEN NEW.seller = 'bad' BEGIN SELECT RAISE(ABORT, 'refused'); END"
    )
    #expect(throws: Ledger.Failure.self) {
      try ledger.record([
        Self.packet("good", account: "a", steps: ["x"], at: Self.at(0)),
        Self.packet("bad", account: "b", steps: ["x"], at: Self.at(0)),
      ])
    }
    #expect(try ledger.database.scalar("SELECT count(*) FROM events") == .integer(0))
    #expect(try ledger.database.scalar("SELECT count(*) FROM sellers") == .integer(0))
  }

  @Test func twoConnectionsWriteAtOnce() async throws {
    let path = try Self.temporaryLedgerPath()
    _ = try Ledger(path: path)
    try await withThrowingTaskGroup(of: Void.self) { group in
      for writer in 0..<2 {
        group.addTask {
          let ledger = try Ledger(path: path)
          for batch in 0..<50 {
            try ledger.record(
              (0..<20).map { Self.packet("w\(writer)-\(batch)-\($0)", account: "a", steps: ["x"], at: Self.at(0)) })
          }
        }
      }
      try await group.waitForAll()
    }
    let ledger = try Ledger(path: path)
    #expect(try ledger.database.scalar("SELECT count(*) FROM events") == .integer(2000))
    #expect(try ledger.database.scalar("SELECT count(*) FROM sellers") == .integer(2000))
  }

  @Test func theDatabaseHoldsNoSecretValue() throws {
    let path = try Self.temporaryLedgerPath()
    let ledger = try Ledger(path: path)
    let canary = "CANARY-amzn1.oa2-cs.v1.0123456789abcdef"
    try ledger.record([
      Self.packet("s1", account: "shop_1", steps: ["a"], at: Self.at(0)),
      .credentialCollected(
        account: "shop_1", seller: "s1", key: "lwa_client_secret", fingerprint: ledger.fingerprint(canary),
        collectedAt: Self.at(0), source: "walk", by: "ana", at: Self.at(0)),
    ])
    for file in [path, path + "-wal"] {
      guard let bytes = FileManager.default.contents(atPath: file) else { continue }
      #expect(bytes.range(of: Data(canary.utf8)) == nil, "\(file) holds the secret")
      #expect(bytes.range(of: Data("CANARY".utf8)) == nil, "\(file) holds part of the secret")
    }
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    #expect((attributes[.posixPermissions] as? Int) == 0o600)
  }
}
