import Testing

@testable import Ledger

@Suite struct LedgerDateTests {
  @Test func roundTripsDays() {
    #expect(LedgerDate.parseDay("1970-01-01") == 0)
    #expect(LedgerDate.day(0) == "1970-01-01")
    let day = LedgerDate.parseDay("2026-12-06")
    #expect(day.map(LedgerDate.day) == "2026-12-06")
    #expect(LedgerDate.parseDay("2024-02-29").map(LedgerDate.day) == "2024-02-29")
    #expect(LedgerDate.timestamp(86_400 + 3661) == "1970-01-02T01:01:01Z")
    #expect(LedgerDate.compactDay(LedgerDate.parseDay("2027-06-04") ?? 0) == "20270604")
  }

  @Test(arguments: ["2026-02-30", "2025-02-29", "2026-13-01", "26-01-01", "2026-1-01", "tomorrow", ""])
  func refusesNonDates(_ text: String) {
    #expect(LedgerDate.parseDay(text) == nil)
  }
}
