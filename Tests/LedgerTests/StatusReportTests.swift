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

  /// A report whose cells are not all ASCII: columns are aligned by characters, then the
  /// rotations due and the sellers stuck (the layout the byte writer must keep).
  @Test func theTextReportAlignsColumnsByCharacters() {
    let day: Int64 = 20_455  // 2026-01-02
    let rows = [
      SellerStatus(
        seller: "plain-seller", stepsTotal: 0, stepsDone: 0, credentials: [], rotations: [], stale: false),
      SellerStatus(
        seller: "s-ü", name: "Zoë", account: "acct,ü", guideID: "g", guideVersion: "1", sentAt: day * 86_400,
        stepsTotal: 3, stepsDone: 1, lastStep: "b", lastBy: "Zoë", lastAt: day * 86_400 + 60,
        lastActivity: day * 86_400 + 60, credentials: ["k1", "k2"], verification: "passed",
        verifiedAt: (day - 1) * 86_400,
        rotations: [
          .init(credential: "k2", setOn: 20_434, ageDays: 220, dueOn: 20_634, warnFrom: 20_514, state: .overdue),
          .init(credential: "k3", state: .unknown),
        ], stale: true),
    ]
    let report = StatusReport(rows: rows, today: 20_654, staleDays: 14)
    let expected = [
      "SELLER        GUIDE     STEPS  LAST STEP               CREDENTIALS  VERIFIED           ROTATION",
      "plain-seller  not sent  0/0    -                       -            -                  -",
      "s-ü           v1        1/3    b by Zoë on 2026-01-02  k1,k2        passed 2026-01-01  "
        + "k2 220 days old, overdue since 2026-06-30; k3 date unknown",
      "",
      "Rotations due:",
      "  acct,ü: k2 220 days old, overdue since 2026-06-30",
      "",
      "Stuck (no progress for more than 14 days):",
      "  s-ü: 1/3 steps, last activity 2026-01-02",
      "",
    ].joined(separator: "\n")
    #expect(report.text == expected)
    #expect(report.textBytes == Array(expected.utf8))
  }

  @Test func theCalendarEscapesAccountsAndFoldsLongLines() throws {
    let row = SellerStatus(
      seller: "s;1", account: "a,b", guideID: "g", stepsTotal: 1, stepsDone: 0, credentials: ["k"],
      rotations: [
        .init(credential: "k", setOn: 20_434, ageDays: 220, dueOn: 20_634, warnFrom: 20_514, state: .overdue)
      ],
      stale: false)
    let text = RotationCalendar(report: StatusReport(rows: [row, row], today: 20_654, staleDays: 14)).text
    #expect(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
    #expect(text.hasSuffix("END:VEVENT\r\nEND:VCALENDAR\r\n"))
    // One event for the account and credential, though two rows name it.
    #expect(text.components(separatedBy: "BEGIN:VEVENT").count == 2)
    #expect(text.contains("\r\nSUMMARY:Rotate k of account a\\,b\r\n"))
    #expect(text.contains("\r\nDTSTART;VALUE=DATE:20260630\r\nDTEND;VALUE=DATE:20260701\r\n"))
    #expect(text.contains("\r\nTRIGGER:-P120D\r\n"))
    let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
    #expect(
      unfolded.contains(
        "DESCRIPTION:The k of account a\\,b (seller s\\;1) was set on 2025-12-12 and is due for rotation on "
          + "2026-06-30. After rotating\\, record it: onboard ledger rotated a\\,b --on YYYY-MM-DD\r\n"))
    for line in text.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 75) }
  }
}
