import Foundation
import OnboardSupport
import Testing

@testable import Ledger

/// Schema version 3: the guide texts `packets --since-ledger` compares against.
@Suite struct GuideTextsTests {
  static let sha = String(repeating: "b", count: 64)

  @Test func migratesAVersion2LedgerWithoutTexts() throws {
    let path = try LedgerStoreTests.temporaryLedgerPath()
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    do {
      // A version 2 ledger, as version 2 wrote it: one packet sent, no guide texts.
      let old = try SQLiteDatabase(path: path)
      try old.execute(LedgerSchema.version1)
      try old.execute(LedgerSchema.version2)
      try old.execute(
        """
        INSERT INTO events(at, kind, seller, account, guide_id, guide_version, guide_sha256, detail)
          VALUES(\(LedgerStoreTests.at(0)), 'packet', 's1', 'shop_1', 'guide', '1', '\(Self.sha)',
            '{"name":"One","steps":["a","b"]}');
        INSERT INTO sellers(seller, account, name, guide_id, guide_version, guide_sha256, sent_at, steps, steps_total)
          VALUES('s1', 'shop_1', 'One', 'guide', '1', '\(Self.sha)', \(LedgerStoreTests.at(0)), '["a","b"]', 2);
        PRAGMA user_version = 2;
        """)
    }
    let ledger = try Ledger(path: path)
    #expect(try ledger.schemaVersion == 3)
    // The seller's last guide is known, its text is not (recorded before version 3).
    let before = try SentGuides(ledger: ledger)
    #expect(before.bySeller["s1"] == SentGuides.Sent(guideID: "guide", guideVersion: "1", sha256: Self.sha))
    #expect(before.texts.isEmpty)
    // The summaries survived: status still reads the seller.
    let rows = try LedgerStatusQuery(today: LedgerStoreTests.day + 1, staleDays: 14).run(on: ledger)
    #expect(rows.map(\.seller) == ["s1"] && rows.first?.stepsTotal == 2)
    // A packet recorded now stores its guide's text with it, once however often it is sent.
    let newSHA = String(repeating: "c", count: 64)
    let text = Array("# Guide version 2\n".utf8)
    for round in 0..<2 {
      try ledger.record(
        [
          .packetWritten(
            seller: "s1", account: "shop_1", name: "One", guideID: "guide", guideVersion: "2", guideSHA256: newSHA,
            steps: ["a", "b", "c"], by: "ops", at: LedgerStoreTests.at(Int64(1 + round)))
        ], guideTexts: [newSHA: text])
    }
    #expect(try ledger.database.scalar("SELECT count(*) FROM guide_texts") == .integer(1))
    let after = try SentGuides(ledger: ledger)
    #expect(after.bySeller["s1"]?.sha256 == newSHA && after.bySeller["s1"]?.guideVersion == "2")
    #expect(after.texts[newSHA] == text)
  }

  @Test func aFailedBatchStoresNoText() throws {
    let ledger = try Ledger(path: try LedgerStoreTests.temporaryLedgerPath())
    try ledger.database.execute(
      "CREATE TRIGGER refuse BEFORE INSERT ON events WHEN NEW.seller = 'bad' BEGIN SELECT RAISE(ABORT, 'refused'); END"
    )
    #expect(throws: Ledger.Failure.self) {
      try ledger.record(
        [LedgerStoreTests.packet("bad", account: "b", steps: ["x"], at: LedgerStoreTests.at(0))],
        guideTexts: [Self.sha: Array("text".utf8)])
    }
    #expect(try ledger.database.scalar("SELECT count(*) FROM guide_texts") == .integer(0))
  }

  @Test func theGuideTextHoldsNoSecretValue() throws {
    // A guide text is the template, before any seller's value: a credential collected for the
    // seller is in no byte of the ledger, texts included.
    let path = try LedgerStoreTests.temporaryLedgerPath()
    let ledger = try Ledger(path: path)
    let canary = "CANARY-amzn1.oa2-cs.v1.0123456789abcdef"
    let guide = Array("1. Paste `{{lwa_client_secret}}` into the file.\n".utf8)
    try ledger.record(
      [
        LedgerStoreTests.packet("s1", account: "shop_1", steps: ["a"], at: LedgerStoreTests.at(0)),
        .credentialCollected(
          account: "shop_1", seller: "s1", key: "lwa_client_secret", fingerprint: ledger.fingerprint(canary),
          collectedAt: LedgerStoreTests.at(0), source: "walk", by: "ana", at: LedgerStoreTests.at(0)),
      ], guideTexts: [String(repeating: "a", count: 64): guide])
    #expect(try SentGuides(ledger: ledger).texts.values.first == guide)
    for file in [path, path + "-wal"] {
      guard let bytes = FileManager.default.contents(atPath: file) else { continue }
      #expect(bytes.range(of: Data("CANARY".utf8)) == nil, "\(file) holds part of the secret")
    }
  }
}
