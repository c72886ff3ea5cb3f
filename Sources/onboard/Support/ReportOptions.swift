import ArgumentParser
import OnboardDiagnostics

extension ReportFormat: ExpressibleByArgument {}

/// Options shared by the commands that report diagnostics (`check`, `lint`).
struct ReportOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "Output format: text, json, sarif or github.",
      discussion: "Defaults to github when GITHUB_ACTIONS=true, text otherwise."))
  var format: ReportFormat?

  @Option(
    name: .customLong("sarif-root"),
    help: ArgumentHelp(
      "The folder SARIF file uris are relative to (default: the current folder).", valueName: "dir"))
  var sarifRoot: String?

  @Flag(name: .long, help: "Treat warnings as errors for the exit code.")
  var strict = false
}
