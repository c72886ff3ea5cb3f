import OnboardDiagnostics
import Testing

struct GitHubReporterTests {
  @Test func exactCommands() {
    let output = GitHubReporter().report(Fixtures.all, rules: Fixtures.rules)
    let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(
      lines == [
        "::error file=guides/my guide.md,line=12,col=5,endLine=12,endColumn=14,title=guide/duplicate-id::"
          + "Step id \"connect\" is used twice.%0AFix: Rename one of the steps.",
        "::warning file=creds/a%2Cb%3Ac.yml,line=3,col=1,title=yaml%3Aodd%2Crule::"
          + "100%25 sure,%0Asecond line: with colon%0D%0Aand 50%25%0AFix: Use a, b: c.",
        "::notice file=/abs/path/credentials.yml,line=7,col=20,title=value/placeholder::"
          + "The value looks like a placeholder.",
        "",
      ])
  }

  @Test func everyCommandIsOneLine() {
    let hostile = Diagnostic(
      severity: .error, ruleID: "r\n::error::x", message: "a\n::warning::injected\rb",
      location: DiagnosticLocation(file: "f\n.md", line: 1, column: 1), fix: "x\ny")
    let output = GitHubReporter().report([hostile], rules: [])
    #expect(output.split(separator: "\n").count == 1)
    #expect(
      output
        == "::error file=f%0A.md,line=1,col=1,title=r%0A%3A%3Aerror%3A%3Ax::a%0A::warning::injected%0Db%0AFix: x%0Ay\n"
    )
  }

  @Test func percentIsEscapedFirst() {
    // A literal "%0A" in a message must not turn into a newline when GitHub unescapes it.
    let diagnostic = Diagnostic(
      severity: .warning, ruleID: "r", message: "literal %0A and %25",
      location: DiagnosticLocation(file: "a%b.md", line: 2, column: 3))
    #expect(
      GitHubReporter().report([diagnostic], rules: [])
        == "::warning file=a%25b.md,line=2,col=3,title=r::literal %250A and %2525\n")
  }

  @Test func emptyReport() {
    #expect(GitHubReporter().report([], rules: []) == "")
  }
}
