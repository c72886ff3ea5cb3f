import OnboardDiagnostics
import Testing

struct ReportFormatTests {
  @Test func automaticPicksGitHubInActions() {
    #expect(ReportFormat.automatic(environment: ["GITHUB_ACTIONS": "true"]) == .github)
    #expect(ReportFormat.automatic(environment: ["GITHUB_ACTIONS": "false"]) == .text)
    #expect(ReportFormat.automatic(environment: ["GITHUB_ACTIONS": ""]) == .text)
    #expect(ReportFormat.automatic(environment: ["CI": "true"]) == .text)
    #expect(ReportFormat.automatic(environment: [:]) == .text)
  }

  @Test(arguments: ReportFormat.allCases)
  func makeReporterMatchesFormat(format: ReportFormat) {
    let reporter = format.makeReporter()
    #expect(type(of: reporter).identifier == format.rawValue)
    #expect(ReportFormat(rawValue: format.rawValue) == format)
  }

  @Test func textColourPassesThrough() {
    let coloured = ReportFormat.text.makeReporter(color: true).report(Fixtures.all, rules: [])
    #expect(coloured.contains("\u{1B}["))
    let plain = ReportFormat.text.makeReporter(color: false).report(Fixtures.all, rules: [])
    #expect(!plain.contains("\u{1B}["))
  }

  @Test func formatsListed() {
    #expect(ReportFormat.allCases.map(\.rawValue) == ["text", "json", "sarif", "github"])
  }
}
