import ArgumentParser
import Foundation
import GuideLocating
import Ledger
import OnboardDiagnostics
import OnboardSupport
import Walk

extension OnboardCommand {
  /// `onboard credentials`: commands for filled-in credential files.
  struct Credentials: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "credentials",
      abstract: "Work with filled-in credential files.",
      subcommands: [Merge.self])

    /// Without a subcommand: the usage on standard error, and exit code 2 (a usage error).
    func run() throws {
      StandardError.write(Self.helpMessage() + "\n")
      throw ExitStatus.usage.exitCode
    }
  }
}

extension OnboardCommand.Credentials {
  /// `onboard credentials merge`: merges returned per-seller credential files into one.
  struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "merge",
      abstract: "Merge per-seller credentials files into one credentials file.",
      discussion: """
        Takes the credentials.yml files that sellers send back (YAML, one section per \
        account), dotenv files of account-suffixed names (one account per suffix; names \
        without a suffix are the layout's default account), or flat YAML files (the generic \
        set's credentials.yml: one account, the default), and merges their accounts into the \
        file given with --into, which is created when it does not exist. The target is written \
        in the layout --as names (such as yaml or env), else the one its name says (*.env is \
        dotenv), else YAML accounts (a set without them: its default layout). A flat YAML \
        target holds one account.

        Each input is linted first (as 'onboard lint' does, without the permissions check); \
        if any has errors, the findings are printed (never values) and nothing is written. An \
        account that is already in the target file is replaced only with --replace; an \
        account that two inputs both hold is refused. Accounts and comments already in the \
        target stay exactly as they were (in a dotenv target, every other account's names). \
        Only the credential keys the guide specifies (and that are not deprecated) are \
        carried over, each value single-quoted. The target is \
        written atomically with mode 0600 and linted afterwards.

        Exit codes: 0 merged; 1 an input has errors, an account conflicts, the target cannot \
        be edited, or the merged file has lint errors; 2 usage or I/O error.
        """)

    @Argument(
      help: "The credentials files to merge (YAML account files, dotenv files or flat YAML files).", completion: .file()
    )
    var files: [String]

    @Option(name: .long, help: ArgumentHelp("The credentials file to merge into.", valueName: "path"))
    var into: String

    @Option(
      name: .customLong("as"),
      help: ArgumentHelp(
        "The target's layout: a name from the template set's layout.yml (such as yaml or env), or yaml or env (default: from the --into file name).",
        valueName: "layout"))
    var layoutName: String?

    @Flag(name: .long, help: "Replace accounts that the target file already has.")
    var replace = false

    @Option(
      name: .long,
      help: ArgumentHelp(
        "The guide whose credential specs apply, a file or an installed guide's id (default: the default guide, as 'onboard guides --default' names it).",
        valueName: "guide"))
    var guide: String?

    @Option(
      name: .long,
      help: ArgumentHelp("A template set folder (with layout.yml) instead of the guide's own.", valueName: "dir"))
    var templates: String?

    @OptionGroup var ledgerOptions: LedgerOptions

    func validate() throws {
      guard !files.isEmpty else { throw ValidationError("Name at least one credentials file to merge.") }
    }

    func run() throws {
      let terminal = Terminal.current()
      let reporter = TextReporter(color: terminal.colorStderr)
      func fail(_ message: String, _ status: ExitStatus) -> ExitCode {
        StandardError.write("onboard credentials merge: \(message)\n")
        return status.exitCode
      }
      let setup: GuideSetup
      do {
        setup = try GuideSetup.load(guidePath: guide, templateSet: templates)
      } catch let failure as GuideSetup.Failure {
        if case .guideErrors(_, let diagnostics) = failure {
          StandardError.write(reporter.report(Diagnostic.sortedForReport(diagnostics), rules: []))
          throw fail(failure.description, .findings)
        }
        throw fail(failure.description, .usage)
      }

      let ledger = try ledgerOptions.open(command: "credentials merge")
      let merger = CredentialMerger(specs: setup.guide.credentials, layout: setup.layout)
      let report: CredentialMerger.Report
      do {
        report = try merger.merge(files, into: into, replace: replace, as: layoutName)
      } catch let failure as CredentialMerger.Failure {
        throw fail(failure.description, .usage)
      }
      let rules = setup.linter().ruleDescriptors
      if !report.inputFindings.isEmpty {
        StandardError.write(reporter.report(report.inputFindings, rules: rules))
      }
      if let refusal = report.refusal {
        switch refusal {
        case .inputErrors(let count, let files):
          throw fail(
            "\(count) error\(count == 1 ? "" : "s") in \(files.joined(separator: ", ")); nothing was merged", .findings)
        case .noAccounts:
          throw fail("the files hold no accounts; nothing was merged", .findings)
        case .conflicts(let conflicts):
          for conflict in conflicts { StandardError.write("onboard credentials merge: \(conflict)\n") }
          throw fail("nothing was merged", .findings)
        case .unusableTarget(let message):
          throw fail("\(message); nothing was merged", .findings)
        }
      }
      var summary = "merged into \(into) (mode 0600):"
      if !report.added.isEmpty { summary += " added \(report.added.map(merger.shownName).joined(separator: ", "))" }
      if !report.replaced.isEmpty {
        summary +=
          (report.added.isEmpty ? "" : ";")
          + " replaced \(report.replaced.map(merger.shownName).joined(separator: ", "))"
      }
      StandardOutput.write(summary + "\n")
      if let ledger { try recordMerge(report.merged, into: ledger) }
      for warning in report.warnings { StandardError.write("onboard credentials merge: warning: \(warning)\n") }
      if !report.resultFindings.isEmpty {
        StandardError.write("onboard lint on \(into):\n" + reporter.report(report.resultFindings, rules: rules))
      }
      if report.resultFindings.contains(where: { $0.severity == .error }) { throw ExitStatus.findings.exitCode }
    }

    /// Records each merged credential (its key and fingerprint, never its value) in the
    /// ledger, in one transaction. When a value was collected is not known from a merged file.
    private func recordMerge(_ accounts: [CredentialMerger.FoundAccount], into ledger: Ledger) throws {
      let now = LedgerOptions.now
      let by = LedgerOptions.currentUser
      var events: [LedgerEvent] = []
      for account in accounts {
        for (key, value) in account.credentials.values {
          events.append(
            .credentialCollected(
              account: account.credentials.name, key: key, fingerprint: ledger.fingerprint(value), collectedAt: nil,
              source: "merge", file: account.location.file, by: by, at: now))
        }
      }
      do {
        try ledger.record(events)
      } catch {
        StandardError.write("onboard credentials merge: the merge is done, but \(error)\n")
        throw ExitStatus.usage.exitCode
      }
    }
  }
}
