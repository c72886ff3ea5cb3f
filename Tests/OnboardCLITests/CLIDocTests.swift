import Foundation
import Testing

/// docs/cli.md holds every command's `--help` verbatim; this fails when the CLI changed and the
/// page was not regenerated with scripts/gen-cli-doc.sh.
@Suite struct CLIDocTests {
  @Test(arguments: [
    "", "check", "graph", "packets", "runbook", "walk", "credentials merge", "lint", "guides", "init", "status",
    "ledger rotated",
  ])
  func helpIsDocumented(_ command: String) throws {
    let arguments = command.split(separator: " ").map(String.init) + ["--help"]
    let help = try OnboardProcess.run(arguments, environment: ["COLUMNS": "100"])
    #expect(help.status == 0)
    let doc = try String(contentsOfFile: OnboardProcess.repositoryRoot + "/docs/cli.md", encoding: .utf8)
    #expect(
      doc.contains(help.stdout), "docs/cli.md is out of date for 'onboard \(command)'; run scripts/gen-cli-doc.sh")
  }
}
