import ArgumentParser
import Foundation
import GuideKit
import GuideLocating
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

    @Argument(
      help: ArgumentHelp(
        "Guide files, folders or installed guides' ids to check.",
        discussion: "Default: guides/ in the current folder, else the default guide."),
      completion: .file(extensions: ["md"]))
    var paths: [String] = []

    @Flag(name: .long, help: "Say on standard error which guide and template set were used, and where they came from.")
    var verbose = false

    @Option(name: .long, help: ArgumentHelp("A folder to look for screenshots in (repeatable).", valueName: "dir"))
    var screenshots: [String] = []

    @OptionGroup var report: ReportOptions

    func run() throws {
      let resolver = GuideResolver()
      let named = try namedGuides(resolver: resolver)
      let files = try GuideFiles.expand(named.map(\.path))
      if verbose {
        for file in files {
          let origin = named.first { $0.path == file || file.hasPrefix($0.path) }?.origin ?? .commandLine
          StandardError.write(GuideSources.describe(guide: LocatedPath(path: file, origin: origin), resolver: resolver))
        }
      }
      let loader = GuideLoader(screenshotFolders: screenshots)
      var diagnostics: [Diagnostic] = []
      for file in files {
        diagnostics += loader.load(file: file).diagnostics
      }
      // One copy of the environment for both questions (each read builds the whole dictionary).
      let environment = ProcessInfo.processInfo.environment
      let terminal = Terminal.current(environment: environment)
      let format = report.format ?? ReportFormat.automatic(environment: environment)
      let reporter = format.makeReporter(color: terminal.colorStdout, sarifRoot: report.sarifRoot)
      let output = reporter.report(Diagnostic.sortedForReport(diagnostics), rules: GuideRuleCatalogue.descriptors)
      StandardOutput.write(output)
      if format == .text && terminal.stdoutIsTerminal {
        StandardError.write(Summary.line(diagnostics, files: files.count, noun: "guide"))
      }
      if diagnostics.hasFailures(strict: report.strict) { throw ExitStatus.findings.exitCode }
    }

    /// The paths given, each a file or folder, else an installed guide's id; with none,
    /// `guides/` in the current folder, else the default guide.
    private func namedGuides(resolver: GuideResolver) throws -> [LocatedPath] {
      if paths.isEmpty {
        if FileManager.default.fileExists(atPath: "guides") {
          return [LocatedPath(path: "guides", origin: .currentCheckout)]
        }
        return [try GuideArgument.resolve(nil, command: "check", resolver: resolver)]
      }
      return try paths.map { path in
        if FileManager.default.fileExists(atPath: path) || path.contains("/") {
          return LocatedPath(path: path, origin: .commandLine)
        }
        return try GuideArgument.resolve(path, command: "check", resolver: resolver)
      }
    }
  }
}
