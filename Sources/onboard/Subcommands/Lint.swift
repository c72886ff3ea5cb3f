import ArgumentParser
import CredentialLint
import CredentialSpecs
import Foundation
import GuideKit
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

        Exit codes: 0 clean; 1 errors (or warnings with --strict); 2 usage or I/O error.
        """)

    /// The guide used when --guide is not given, relative to the current folder.
    static let defaultGuide = "guides/sp-api-self-authorisation.md"

    @Argument(help: "Credential files to check.", completion: .file())
    var files: [String] = []

    @Option(
      name: .customLong("files-from"),
      help: ArgumentHelp(
        "Also check the files listed in this file, one path per line ('-' reads standard input).", valueName: "list"))
    var filesFrom: String?

    @Option(name: .long, help: ArgumentHelp("The guide whose credential specs apply.", valueName: "path"))
    var guide: String?

    @Option(
      name: .long,
      help: ArgumentHelp("The template sets folder (default: templates/ beside the guide's folder).", valueName: "dir"))
    var templates: String?

    @Option(
      name: .customLong("as"),
      help: ArgumentHelp("Read every file as this layout: yaml, env or json.", valueName: "format"))
    var layoutName: String?

    @OptionGroup var report: ReportOptions

    @Flag(name: .long, help: "Apply the safe fixes (quoting, trimming, BOM, CRLF, chmod 600) and report what changed.")
    var fix = false

    @Flag(name: .customLong("no-permissions"), help: "Do not check file permissions.")
    var noPermissions = false

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
      let files: [String]
      do {
        files = try allFiles()
        linter = try makeLinter()
      } catch let error as UsageError {
        StandardError.write(error.message + "\n")
        throw ExitStatus.usage.exitCode
      }
      let terminal = Terminal.current()
      let format = report.format ?? ReportFormat.automatic(environment: ProcessInfo.processInfo.environment)
      var diagnostics: [Diagnostic] = []
      var ioFailure = false
      var fixReport = ""
      if !fix {
        // Check-only: lint on every core; report in file order.
        for result in linter.lintFiles(files, as: layoutName) {
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
          var (document, found) = try linter.lintFile(file, as: layoutName)
          if fix {
            let mode = try Self.mode(of: file)
            var warnings: [String] = []
            let changes = try CredentialFixer(specs: linter.specs).fix(
              document, diagnostics: found, mode: mode, warnings: &warnings)
            for change in changes { fixReport += change.description + "\n" }
            for warning in warnings { StandardError.write("onboard lint: warning: \(warning)\n") }
            if !changes.isEmpty { (document, found) = try linter.lintFile(file, as: layoutName) }
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
      let sorted = Diagnostic.sortedForReport(diagnostics)
      let reporter = format.makeReporter(color: terminal.colorStdout)
      StandardOutput.write(reporter.report(sorted, rules: linter.ruleDescriptors))
      if format == .text && terminal.stdoutIsTerminal {
        StandardError.write(Summary.line(sorted, files: files.count, noun: "file"))
      }
      if ioFailure { throw ExitStatus.usage.exitCode }
      if sorted.hasFailures(strict: report.strict) { throw ExitStatus.findings.exitCode }
    }

    // MARK: - Guide and layout

    private func makeLinter() throws -> CredentialLinter {
      let guidePath = try resolveGuide()
      // Only the front matter and the credentials block: checking the guide itself is
      // `onboard check`'s job, and skipping the rest keeps one-file start-up short.
      let guide: GuideCredentials
      switch GuideLoader().loadCredentials(file: guidePath) {
      case .success(let loaded): guide = loaded
      case .failure(let list):
        var message = "onboard lint: cannot load the guide \(guidePath)"
        message += Self.firstLines(of: list.diagnostics)
        throw UsageError(message: message)
      }
      let specErrors = guide.diagnostics.filter { $0.severity == .error }
      if !specErrors.isEmpty {
        var message =
          "onboard lint: the guide \(guidePath) has errors in its front matter or credentials block (run onboard check)"
        message += Self.firstLines(of: specErrors)
        throw UsageError(message: message)
      }
      guard !guide.credentials.isEmpty else {
        throw UsageError(
          message: "onboard lint: the guide \(guidePath) specifies no credentials (a ```yaml credentials block).")
      }
      guard let templateSet = guide.metadata.templates.first else {
        throw UsageError(
          message:
            "onboard lint: the guide \(guidePath) names no template set (templates: in its front matter), so its credential layout is unknown."
        )
      }
      let templatesFolder = templates ?? Self.templatesFolder(besideGuide: guidePath)
      let layoutPath = (templatesFolder as NSString).appendingPathComponent("\(templateSet)/layout.yml")
      let data: [UInt8]
      do {
        data = try InputFile.read(layoutPath, limits: .dataFile)
      } catch let error as InputFile.ReadError {
        throw UsageError(
          message:
            "onboard lint: cannot read the layout descriptor \(layoutPath) (\(error.reason)); give the templates folder with --templates."
        )
      }
      switch ServiceLayout.parse(String(decoding: data, as: UTF8.self), file: layoutPath) {
      case .success(let layout):
        return CredentialLinter(
          specs: guide.credentials, layout: layout,
          options: CredentialLinter.Options(checkPermissions: !noPermissions))
      case .failure(let list):
        var message = "onboard lint: the layout descriptor \(layoutPath) is not valid"
        message += Self.firstLines(of: list.diagnostics)
        throw UsageError(message: message)
      }
    }

    private func resolveGuide() throws -> String {
      if let guide {
        guard FileManager.default.fileExists(atPath: guide) else {
          throw UsageError(message: "onboard lint: no such guide: \(guide)")
        }
        return guide
      }
      if FileManager.default.fileExists(atPath: Self.defaultGuide) { return Self.defaultGuide }
      // Fall back to the guide of the checkout the executable was built in (.build/<config>/onboard).
      let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
      var folder = executable.deletingLastPathComponent()
      for _ in 0..<4 {
        let candidate = folder.appendingPathComponent(Self.defaultGuide).path
        if FileManager.default.fileExists(atPath: candidate) { return candidate }
        folder = folder.deletingLastPathComponent()
      }
      throw UsageError(message: "onboard lint: no guide found at \(Self.defaultGuide); give one with --guide.")
    }

    /// The first three diagnostics, one indented `file:line:column: severity: message [rule]`
    /// line each, for a usage error about the guide or its layout.
    private static func firstLines(of diagnostics: [Diagnostic]) -> String {
      diagnostics.prefix(3).map { "\n  \($0.location): \($0.severity): \($0.message) [\($0.ruleID)]" }.joined()
    }

    /// `templates/` beside the folder that holds the guide (guides/x.md → templates/).
    static func templatesFolder(besideGuide guide: String) -> String {
      let guideFolder = PathParts.folder(of: guide)
      let parent = PathParts.folder(of: guideFolder.isEmpty ? "." : guideFolder)
      return ((parent.isEmpty ? "." : parent) as NSString).appendingPathComponent("templates")
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
