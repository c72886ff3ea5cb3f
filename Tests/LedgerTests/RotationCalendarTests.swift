import Testing

@testable import Ledger

@Suite struct RotationCalendarTests {
  @Test func escapesTextValues() {
    #expect(RotationCalendar.escape("plain text") == "plain text")
    #expect(RotationCalendar.escape("a,b;c\\d\ne\u{7}") == "a\\,b\\;c\\\\d\\ne")
  }

  @Test func foldsAt75OctetsWithoutSplittingACharacter() {
    let line = "DESCRIPTION:" + String(repeating: "é日", count: 40)
    let folded = RotationCalendar.fold(line)
    let lines = folded.components(separatedBy: "\r\n")
    #expect(lines.count > 1)
    for part in lines { #expect(part.utf8.count <= 75) }
    // Unfolding (dropping CRLF and one space) gives the line back.
    #expect(folded.replacingOccurrences(of: "\r\n ", with: "") == line)
    #expect(RotationCalendar.fold("SHORT:x") == "SHORT:x")
  }

  @Test func csvCellsAreQuotedAndFormulasInert() {
    #expect(StatusReport.csvCell("plain") == "plain")
    #expect(StatusReport.csvCell("a,b") == "\"a,b\"")
    #expect(StatusReport.csvCell("say \"hi\"") == "\"say \"\"hi\"\"\"")
    #expect(StatusReport.csvCell("=cmd()") == "'=cmd()")
    #expect(StatusReport.csvCell("@x,y") == "\"'@x,y\"")
  }
}
