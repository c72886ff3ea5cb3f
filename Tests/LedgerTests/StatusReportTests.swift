import Foundation
import Testing

@testable import Ledger

@Suite struct StatusReportTests {
  @Test func theJSONIsValidForAnyNameAndHasEveryField() throws {
    let ledger = try Ledger(path: try LedgerStoreTests.temporaryLedgerPath())
    let nasty = "a\"<b>&\\c\nd\u{1}é日"
    try ledger.record([
      .policy(guideID: "guide", key: "secret", rotateEveryDays: 180, warnBeforeDays: 90, at: LedgerStoreTests.at(0)),
      .packetWritten(
        seller: nasty, account: nasty, name: nasty, guideID: "guide", guideVersion: "1", guideSHA256: "00",
        steps: ["a"], by: nasty, at: LedgerStoreTests.at(0)),
      .stepConfirmed(seller: nasty, step: "a", by: nasty, at: LedgerStoreTests.at(1) + 3723),
      .rotated(account: nasty, key: "secret", onDay: LedgerStoreTests.day, by: "ops", at: LedgerStoreTests.at(1)),
    ])
    let rows = try LedgerStatusQuery(today: LedgerStoreTests.day + 100, staleDays: 14).run(on: ledger)
    let report = StatusReport(rows: rows, today: LedgerStoreTests.day + 100, staleDays: 14)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(report.json.utf8)) as? [String: Any])
    #expect(object["now"] as? String == "2026-09-09")
    #expect(object["stale_days"] as? Int == 14)
    #expect(object["stuck"] as? [String] == [])
    let seller = try #require((object["sellers"] as? [[String: Any]])?.first)
    #expect(seller["seller"] as? String == nasty && seller["name"] as? String == nasty)
    #expect(seller["done"] as? Bool == true && seller["steps_done"] as? Int == 1)
    let last = try #require(seller["last_step"] as? [String: Any])
    #expect(last["by"] as? String == nasty)
    #expect(last["at"] as? String == "2026-06-02T02:02:03Z")
    let rotation = try #require((seller["rotations"] as? [[String: Any]])?.first)
    #expect(rotation["set_on"] as? String == "2026-06-01" && rotation["age_days"] as? Int == 100)
    #expect(rotation["state"] as? String == "due-soon")
    #expect(!report.json.contains("<") && !report.json.contains(">"))
    // The HTML escapes it too.
    #expect(!report.html.contains("<b>") && report.html.contains("&lt;b&gt;"))
  }
}
