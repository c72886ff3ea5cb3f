import ArgumentParser
import Foundation
import GuideKit
import OnboardDiagnostics
import OnboardSupport

extension OnboardCommand {
  /// `onboard check`: lints guides.
  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "check",
      abstract: "Check guides for mistakes in their structure, credentials, screenshots and variables.",
      discussion: """
        Reads each guide (a file, or every .md file under a folder) into its step graph and \
        reports what is wrong: duplicate or unknown ids, requires cycles, credentials consumed \
        before they are produced, missing screenshots, unknown variables, misspelt attribute \
        labels and more. docs/guide-format.md lists every rule.

        Exit codes: 0 clean; 1 errors (or warnings with --strict); 2 usage or I/O error.
        """)

    @Argument(help: "Guide files or folders to check.", completion: .file(extensions: ["md"]))
    var paths: [String] = ["guides"]

    @Option(name: .long, help: ArgumentHelp("A folder to look for screenshots in (repeatable).", valueName: "dir"))
    var screenshots: [String] = []

    @OptionGroup var report: ReportOptions

    func run() throws {
      let files = try GuideFiles.expand(paths)
      let loader = GuideLoader(screenshotFolders: screenshots)
      var diagnostics: [Diagnostic] = []
      for file in files {
        diagnostics += loader.load(file: file).diagnostics
      }
      let terminal = Terminal.current()
      let format = report.format ?? ReportFormat.automatic(environment: ProcessInfo.processInfo.environment)
      let reporter = format.makeReporter(color: terminal.colorStdout)
      let output = reporter.report(Diagnostic.sortedForReport(diagnostics), rules: GuideRuleCatalogue.descriptors)
      StandardOutput.write(output)
      if format == .text && terminal.stdoutIsTerminal {
        StandardError.write(Summary.line(diagnostics, files: files.count, noun: "guide"))
      }
      if diagnostics.hasFailures(strict: report.strict) { throw ExitStatus.findings.exitCode }
    }
  }
}
