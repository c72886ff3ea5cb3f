import ArgumentParser
import CredentialLint
import CredentialSpecs
import Foundation
import GuideKit
import GuideLocating
import OnboardDiagnostics
import OnboardSupport

extension OnboardCommand {
  /// `onboard lint`: checks filled-in credential files against a guide's credential specs.
  struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "lint",
      abstract: "Check filled-in credential files against a guide's credential specs.",
      discussion: """
        Reads credentials files (YAML account sections, dotenv files, JSON secrets) in the \
        layouts the guide's template set declares, and reports missing, misspelt, deprecated, \
        malformed, swapped or placeholder credentials, YAML and dotenv pitfalls, strict-JSON \
        errors, byte-order marks, CRLF line endings and loose permissions. No value is ever \
        printed. docs/rules.md lists every rule.

        The format is detected from the file name and content, or given with --as. Only the \
        guide's front matter and credentials block are read (onboard check checks the rest); an \
        error in them stops the run with exit code 2.

        Configuration: .onboard-lint.yml (or --config) turns rules off or changes their \
        severity, per path glob; '# onboard-lint disable=rule-id' on a line (or alone on the \
        line before) silences a rule there; --baseline reports only findings not in a baseline \
        written with --write-baseline. Files that are not credential files (Markdown, HTML, \
        packet.json, …) are skipped (--verbose names them). docs/rules.md describes all of it.

        Exit codes: 0 clean; 1 errors (or warnings with --strict); 2 usage or I/O error.
        """)

    @Argument(help: "Credential files to check.", completion: .file())
    var files: [String] = []

    @Option(
      name: .customLong("files-from"),
      help: ArgumentHelp(
        "Also check the files listed in this file, one path per line ('-' reads standard input).", valueName: "list"))
    var filesFrom: String?

    @OptionGroup var credentialSetup: CredentialSetupOptions

    @OptionGroup var report: ReportOptions

    @Flag(name: .long, help: "Apply the safe fixes (quoting, trimming, BOM, CRLF, chmod 600) and report what changed.")
    var fix = false

    @Flag(name: .customLong("no-permissions"), help: "Do not check file permissions.")
    var noPermissions = false

    @Flag(name: .long, help: "Say which files are skipped because they are not credential files.")
    var verbose = false

    @Option(
      name: .long,
      help: ArgumentHelp(
        "The configuration (default: .onboard-lint.yml in the current folder, else at the top of its git repository).",
        valueName: "file"))
    var config: String?

    @Option(
      name: .long,
      help: ArgumentHelp("Report only the findings this baseline does not hold.", valueName: "file"))
    var baseline: String?

    @Option(
      name: .customLong("write-baseline"),
      help: ArgumentHelp(
        "Write today's findings to this baseline (no values; matched by file, rule and key) and exit 0.",
        valueName: "file"))
    var writeBaseline: String?

    func validate() throws {
      guard !files.isEmpty || filesFrom != nil else { throw ValidationError("Name at least one credential file.") }
    }

    /// The files named on the command line, then those listed by --files-from.
    /// The longest path a file list may hold, in bytes (Linux's PATH_MAX).
    static let maxListedPath = 4096

    private func allFiles() throws -> [String] {
      guard let filesFrom else { return files }
      let data: [UInt8]
      do {
        if filesFrom == "-" {
          data = try BoundedLineReader(descriptor: STDIN_FILENO, name: "standard input", limits: .fileList)
            .readToEnd()
        } else {
          data = try InputFile.read(filesFrom, limits: .fileList)
        }
      } catch let error as InputFile.ReadError {
        throw UsageError(message: "onboard lint: cannot read the file list: \(error.description)")
      }
      let listed = String(decoding: data, as: UTF8.self)
        .split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\0" })
        .map(String.init).filter { !$0.isEmpty }
      if let index = listed.firstIndex(where: { $0.utf8.count > Self.maxListedPath }) {
        throw UsageError(
          message:
            "onboard lint: the file list \(filesFrom == "-" ? "on standard input" : filesFrom) has a path of more than \(Self.maxListedPath) bytes (entry \(index + 1))"
        )
      }
      return files + listed
    }

    func run() throws {
      let linter: CredentialLinter
      var files: [String]
      let configuration: LintConfiguration
      let accepted: LintBaseline?
      do {
        files = try allFiles()
        linter = try makeLinter()
        configuration = try loadConfiguration(known: linter.knownRuleIDs)
        accepted = try baseline.map { path in
          do { return try LintBaseline(contentsOf: path) } catch let error as LintBaseline.ReadError {
            throw UsageError(message: "onboard lint: \(error.description)")
          }
        }
      } catch let error as UsageError {
        StandardError.write(error.message + "\n")
        throw ExitStatus.usage.exitCode
      }
      if credentialSetup.layoutName == nil {
        // Checklists, prompts, manifests and other documents next to credential files are
        // skipped, never read as YAML; --verbose says so once per file.
        files = files.filter { file in
          guard let reason = NonCredentialFile.reason(path: file) else { return true }
          if verbose { StandardError.write("onboard lint: skipped \(file): not a credential file (\(reason))\n") }
          return false
        }
      }
      // One copy of the environment for both questions (each read builds the whole dictionary).
      let environment = ProcessInfo.processInfo.environment
      let terminal = Terminal.current(environment: environment)
      let format = report.format ?? ReportFormat.automatic(environment: environment)
      var diagnostics: [Diagnostic] = []
      var ioFailure = false
      var fixReport = ""
      if !fix {
        // Check-only: lint on every core; report in file order.
        for result in linter.lintFiles(files, as: credentialSetup.layoutName) {
          switch result {
          case .success(let found):
            diagnostics += found
          case .failure(let error as FormatDetector.UnknownFormat):
            StandardError.write("onboard lint: \(error.description)\n")
            throw ExitStatus.usage.exitCode
          case .failure(let error as CredentialLinter.ReadError):
            StandardError.write("onboard lint: \(error.description)\n")
            ioFailure = true
          case .failure:
            StandardError.write("onboard lint: a file could not be checked\n")
            ioFailure = true
          }
        }
      }
      for file in files where fix {
        do {
          var (document, found) = try linter.lintFile(file, as: credentialSetup.layoutName)
          if fix {
            let mode = try Self.mode(of: file)
            var warnings: [String] = []
            let changes = try CredentialFixer(specs: linter.specs).fix(
              document, diagnostics: found, mode: mode, warnings: &warnings)
            for change in changes { fixReport += change.description + "\n" }
            for warning in warnings { StandardError.write("onboard lint: warning: \(warning)\n") }
            if !changes.isEmpty { (document, found) = try linter.lintFile(file, as: credentialSetup.layoutName) }
          }
          diagnostics += found
        } catch let error as FormatDetector.UnknownFormat {
          StandardError.write("onboard lint: \(error.description)\n")
          throw ExitStatus.usage.exitCode
        } catch let error as CredentialLinter.ReadError {
          StandardError.write("onboard lint: \(error.description)\n")
          ioFailure = true
        } catch let error as AtomicFile.WriteError {
          StandardError.write("onboard lint: \(error.description)\n")
          ioFailure = true
        } catch let error as CredentialFixer.FixError {
          StandardError.write("onboard lint: \(error.description)\n")
          ioFailure = true
        }
      }
      if !fixReport.isEmpty {
        if format == .text { StandardOutput.write(fixReport) } else { StandardError.write(fixReport) }
      }
      diagnostics = configuration.apply(diagnostics)
      var sources: [String: SourceLines] = [:]
      let readLine: (String, Int) -> [UInt8]? = { file, line in
        if let lines = sources[file] { return lines.line(line) }
        guard let bytes = try? InputFile.read(file, limits: .credentialFile) else { return nil }
        sources[file] = SourceLines(bytes: bytes)
        return sources[file]?.line(line)
      }
      if let writeBaseline {
        let written = LintBaseline(diagnostics, readLine: readLine)
        do {
          _ = try AtomicFile.write(written.encoded(), to: writeBaseline, mode: 0o644)
        } catch {
          StandardError.write("onboard lint: cannot write the baseline \(writeBaseline): \(error)\n")
          throw ExitStatus.usage.exitCode
        }
        StandardError.write(
          "onboard lint: wrote \(writeBaseline) with \(diagnostics.count) finding\(diagnostics.count == 1 ? "" : "s")\n"
        )
        if ioFailure { throw ExitStatus.usage.exitCode }
        return
      }
      if let accepted { diagnostics = accepted.newFindings(diagnostics, readLine: readLine) }
      let sorted = Diagnostic.sortedForReport(diagnostics)
      let reporter = format.makeReporter(color: terminal.colorStdout, sarifRoot: report.sarifRoot)
      StandardOutput.write(reporter.report(sorted, rules: linter.ruleDescriptors))
      if format == .text && terminal.stdoutIsTerminal {
        StandardError.write(Summary.line(sorted, files: files.count, noun: "file"))
      }
      if ioFailure { throw ExitStatus.usage.exitCode }
      if sorted.hasFailures(strict: report.strict) { throw ExitStatus.findings.exitCode }
    }

    // MARK: - Guide and layout

    /// The configuration that applies (none: no settings); its errors stop the run (exit 2).
    private func loadConfiguration(known: Set<String>) throws -> LintConfiguration {
      guard let path = LintConfiguration.locate(explicit: config) else {
        return LintConfiguration(folder: FileSystemPath.currentDirectory())
      }
      let (configuration, problems): (LintConfiguration, [Diagnostic])
      do {
        (configuration, problems) = try LintConfiguration.read(path, known: known)
      } catch let error as InputFile.ReadError {
        throw UsageError(message: "onboard lint: the configuration: \(error.description)")
      }
      if !problems.isEmpty {
        StandardError.write(TextReporter().report(Diagnostic.sortedForReport(problems), rules: []))
        throw UsageError(message: "onboard lint: \(path) has errors; nothing was checked")
      }
      return configuration
    }

    private func makeLinter() throws -> CredentialLinter {
      do {
        return try credentialSetup.load().linter(checkPermissions: !noPermissions)
      } catch {
        throw UsageError(message: "onboard lint: \(error.description)")
      }
    }

    /// The permission bits of the file `path` leads to (through a symbolic link, the
    /// target's: the file that is checked and fixed).
    private static func mode(of path: String) throws -> UInt16 {
      var status = stat()
      guard stat(path, &status) == 0 else {
        throw CredentialLinter.ReadError(path: path, reason: "its permissions cannot be read")
      }
      return UInt16(status.st_mode & 0o7777)
    }
  }
}
