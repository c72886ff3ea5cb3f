import Foundation
import OnboardDiagnostics
import Testing

struct DiagnosticTests {
  private func diagnostic(
    _ file: String, _ line: Int, _ column: Int, _ rule: String, severity: Severity = .warning,
    message: String = "m", endLine: Int? = nil
  ) -> Diagnostic {
    Diagnostic(
      severity: severity, ruleID: rule, message: message,
      location: DiagnosticLocation(file: file, line: line, column: column, endLine: endLine))
  }

  @Test func severityOrder() {
    #expect(Severity.note < .warning)
    #expect(Severity.warning < .error)
    #expect(!(Severity.error < .error))
    #expect([Severity.error, .note, .warning].sorted() == [.note, .warning, .error])
    #expect(Severity.allCases.max() == .error)
    #expect(Severity(rawValue: "warning") == .warning)
  }

  @Test func sortedByFileLineColumnThenRule() {
    let input = [
      diagnostic("b.md", 1, 1, "a"),
      diagnostic("a.md", 10, 1, "a"),
      diagnostic("a.md", 2, 5, "z"),
      diagnostic("a.md", 2, 5, "b"),
      diagnostic("a.md", 2, 1, "z"),
    ]
    let sorted = Diagnostic.sortedForReport(input)
    #expect(
      sorted.map { "\($0.location):\($0.ruleID)" } == [
        "a.md:2:1:z", "a.md:2:5:b", "a.md:2:5:z", "a.md:10:1:a", "b.md:1:1:a",
      ])
  }

  /// Same start, different ends: the rule id still decides, and the order is total (it used to
  /// depend on the input order when the ends differed).
  @Test func sortIsTotalWhenEndsDiffer() {
    let input = [
      diagnostic("a.md", 1, 1, "rule-z", endLine: 5),
      diagnostic("a.md", 1, 1, "rule-a", endLine: 6),
      diagnostic("a.md", 1, 1, "rule-m", endLine: 5),
      diagnostic("a.md", 1, 1, "rule-a", severity: .error, endLine: 6),
      diagnostic("a.md", 1, 1, "rule-a", message: "earlier", endLine: 6),
      diagnostic("a.md", 1, 1, "rule-a"),
    ]
    let expected = [
      "rule-a nil warning m", "rule-a 6 error m", "rule-a 6 warning earlier", "rule-a 6 warning m",
      "rule-m 5 warning m", "rule-z 5 warning m",
    ]
    // Every order of the input sorts to the same result.
    var orders: [[Diagnostic]] = [input, input.reversed()]
    for shift in 1..<input.count { orders.append(Array(input[shift...] + input[..<shift])) }
    for order in orders {
      let sorted = Diagnostic.sortedForReport(order).map {
        "\($0.ruleID) \($0.location.endLine.map(String.init) ?? "nil") \($0.severity) \($0.message)"
      }
      #expect(sorted == expected)
    }
  }

  @Test func locationComparisonAgreesWithEquality() {
    let plain = DiagnosticLocation(file: "a", line: 1, column: 1)
    let withEnd = DiagnosticLocation(file: "a", line: 1, column: 1, endLine: 2, endColumn: 3)
    #expect(plain != withEnd)
    #expect(plain < withEnd)
    #expect(!(withEnd < plain))
    #expect(!(plain < plain))
    #expect(
      DiagnosticLocation(file: "a", line: 9, column: 9)
        < DiagnosticLocation(file: "b", line: 1, column: 1))
  }

  @Test func locationClampsToOneBased() {
    let location = DiagnosticLocation(file: "f", line: 0, column: -3)
    #expect(location.line == 1)
    #expect(location.column == 1)
    #expect(location.description == "f:1:1")
  }

  @Test func hasFailures() {
    let note = diagnostic("f", 1, 1, "n", severity: .note)
    let warning = diagnostic("f", 1, 1, "w", severity: .warning)
    let error = diagnostic("f", 1, 1, "e", severity: .error)
    #expect(![Diagnostic]().hasFailures(strict: true))
    #expect(![note].hasFailures(strict: true))
    #expect(![note, warning].hasFailures(strict: false))
    #expect([note, warning].hasFailures(strict: true))
    #expect([note, error].hasFailures(strict: false))
    #expect([error].hasFailures(strict: true))
  }

  @Test func withSeverity() {
    let warning = diagnostic("f", 1, 1, "w")
    let error = warning.with(severity: .error)
    #expect(error.severity == .error)
    #expect(error.ruleID == warning.ruleID && error.location == warning.location)
    #expect(warning.severity == .warning)
  }

  @Test func codableRoundTrip() throws {
    let data = try JSONEncoder().encode(Fixtures.all)
    let decoded = try JSONDecoder().decode([Diagnostic].self, from: data)
    #expect(decoded == Fixtures.all)
  }
}
