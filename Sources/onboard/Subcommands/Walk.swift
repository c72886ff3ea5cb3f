import ArgumentParser
import CredentialSpecs
import Foundation
import GuideKit
import GuideLocating
import Ledger
import OnboardDiagnostics
import OnboardSupport
import Roster
import Verification
import Walk

extension OnboardCommand {
  /// `onboard walk`: an interactive, resumable walk through a guide for one seller.
  struct Walk: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "walk",
      abstract: "Walk through a guide in the terminal, one step at a time, and collect the credentials.",
      discussion: """
        Shows each step that applies to the seller (number, title, text, notes and warnings, \
        and the screenshot to compare with, as a hyperlink on terminals that support OSC 8), \
        asks each check as a yes/no question, and asks for every credential a step produces. \
        Secret values are read without echo. A pasted value is trimmed of surrounding \
        whitespace and quotes (with a notice), checked at once with the same rules as \
        'onboard lint', and asked for again with the reason when it is wrong. No message \
        shows a value.

        When the walk reaches the step that consumes the credentials (the first with \
        **Consumes:**), before that step's checks, the values are merged into the seller's \
        credential file, in the layout that the template set's layout.yml names for the \
        seller's credential_source (credential-sources:), at that layout's destination: an \
        account section of a YAML file, account-suffixed names in a dotenv file, or a Python \
        credentials dict. --write PATH writes there instead, and the guide's \
        {{credentials_destination}} shows that path. Other accounts and comments stay as they \
        were, the file is written atomically with mode 0600 and then linted. --print-env prints \
        export lines for the environment instead; those lines contain the values. Before the first question the \
        walk checks that the file can be written (its folder exists or can be created, the file \
        if present is a writable regular file) without creating it; if the write still fails \
        at that step, it asks for another path, or '-' to print export lines, so that the typed \
        values are not lost.

        Progress (which steps are confirmed, never values) is saved after each step in \
        <state>/<guide-id>/<seller>.json; running the same command again resumes, skipping \
        confirmed steps (steps that give credentials ask for their values again). --restart \
        starts over. The state folder is --state, else $ONBOARD_STATE_DIR, else \
        $XDG_STATE_HOME/onboard/walks, else ~/.local/state/onboard/walks.

        A step's run-marked code block (```sh run, ```python run) is shown with the seller's \
        values quoted for its language, and run on 'y' (--run: without asking; --no-run, or \
        --yes without --run: never), stopped after --run-timeout seconds; exit status 0 \
        answers the step's checks. The run gets the user's environment without the names that \
        would shadow the credentials. Guide Markdown is rendered for the terminal: bold and \
        code styled (plain under NO_COLOR or TERM=dumb), links with their address.

        The walk records into the ledger (docs/ledger.md) each step confirmed (seller, step, \
        who: --by, else the OS user; when), each credential written or printed (its key and a \
        fingerprint, never the value; when) and each --verify result, every one in its own \
        transaction. --ledger PATH, else $ONBOARD_LEDGER, else \
        $XDG_STATE_HOME/onboard/ledger.sqlite; --no-ledger records nothing. The progress file \
        stays the walk's resume state, with or without a ledger.

        --verify runs the guide's verify: check (as onboard verify does; --token-url, \
        --api-endpoint, --verify-timeout, --no-probe) once the values it sends are collected, \
        before anything is written: a rejected value is named with the guide's fix and asked \
        again on 'y' to "Check again?" (three rounds at most); a check that could not be made \
        asks whether to write anyway (--yes: writes, with a warning).

        When standard input is not a terminal, answers are read line by line (one line per \
        prompt), so a walk can be scripted. Ctrl-C, or the end of input at any prompt, stops \
        the walk; the credentials file is left as it was unless the walk had already reached \
        the step that writes it.

        Exit codes: 0 written (or printed); 1 the written file has lint errors, the guide or \
        the seller's row has errors, the file cannot be edited, the input ended, or --verify \
        found a credential wrong and nothing was written; 2 usage \
        or I/O error (a ledger that cannot be opened or written included), or --verify could not check and the user declined to write; 130 Ctrl-C.
        """)

    @Argument(help: "The guide: a file, or an installed guide's id.", completion: .file(extensions: ["md"]))
    var guide: String

    @Option(
      name: .long, help: ArgumentHelp("The roster (.yml/.yaml list or .csv) that has the seller.", valueName: "file"))
    var roster: String?

    @Option(name: .long, help: ArgumentHelp("The seller's id in the roster.", valueName: "id"))
    var seller: String?

    @Option(
      name: .customLong("set"),
      help: ArgumentHelp(
        "Without --roster: a seller field or guide variable (id, name, account, owner_name, owner_email, credential_source, or a variable the guide declares); repeatable. Declared variables not given are asked for.",
        valueName: "name=value"))
    var settings: [String] = []

    @Option(
      name: .long,
      help: ArgumentHelp(
        "The credentials file to merge the values into (default: the layout's destination for the seller's credential source).",
        valueName: "path"))
    var write: String?

    @Flag(
      name: .customLong("print-env"),
      help: "Print export lines for the environment instead of writing a file (they contain the values).")
    var printEnvironment = false

    @Flag(name: .long, help: "Replace the seller's account if the file already has it, without asking.")
    var replace = false

    @Flag(name: .long, help: "Accept every check without asking.")
    var yes = false

    @Flag(
      name: .customLong("run"),
      help: "Run the steps' run-marked code blocks without asking (exit status 0 answers the step's checks).")
    var runBlocks = false

    @Flag(name: .customLong("no-run"), help: "Never run the steps' run-marked code blocks; ask the checks as usual.")
    var noRun = false

    @Option(
      name: .customLong("run-timeout"),
      help: ArgumentHelp("Seconds before a run block is stopped (its process group is killed).", valueName: "seconds"))
    var runTimeout: Int = RunOptions.defaultTimeout

    @Flag(
      name: .customLong("verify"),
      help:
        "Prove the credentials with the guide's verify: check once they are collected, before anything is written; a rejected value is asked again."
    )
    var verify = false

    @Option(
      name: .customLong("token-url"),
      help: ArgumentHelp("With --verify: use this token endpoint instead of the guide's.", valueName: "url"))
    var tokenURL: String?

    @Option(
      name: .customLong("api-endpoint"),
      help: ArgumentHelp("With --verify: use this scheme, host and port for the probe.", valueName: "url"))
    var apiEndpoint: String?

    @Option(
      name: .customLong("verify-timeout"),
      help: ArgumentHelp("With --verify: seconds one request may take.", valueName: "seconds"))
    var verifyTimeout: Double = 10

    @Flag(name: .customLong("no-probe"), help: "With --verify: skip the guide's read-only API call.")
    var noProbe = false

    @Flag(name: .long, help: "Forget the saved progress and start from the first step.")
    var restart = false

    @Option(name: .long, help: ArgumentHelp("The folder that keeps walk progress.", valueName: "dir"))
    var state: String?

    @Option(
      name: .long,
      help: ArgumentHelp("A template set folder (with layout.yml) instead of the guide's own.", valueName: "dir"))
    var templates: String?

    @Option(name: .long, help: ArgumentHelp("A folder to look for screenshots in (repeatable).", valueName: "dir"))
    var screenshots: [String] = []

    @Option(
      name: .long,
      help: ArgumentHelp("Who walks, as the ledger records it (default: the OS user).", valueName: "name"))
    var by: String?

    @OptionGroup var ledgerOptions: LedgerOptions

    func validate() throws {
      if runBlocks && noRun {
        throw ValidationError("Give either --run or --no-run, not both.")
      }
      if runTimeout < 1 || runTimeout > 86_400 {
        throw ValidationError("--run-timeout takes a number of seconds from 1 to 86400.")
      }
      if write != nil && printEnvironment {
        throw ValidationError("Give either --write or --print-env, not both.")
      }
      if roster != nil && seller == nil {
        throw ValidationError("--roster needs --seller ID to pick the seller.")
      }
      if roster != nil && !settings.isEmpty {
        throw ValidationError(
          "--set describes a seller without a roster; with --roster, the roster row has the fields.")
      }
      if !verify && (tokenURL != nil || apiEndpoint != nil || noProbe) {
        throw ValidationError("--token-url, --api-endpoint and --no-probe go with --verify.")
      }
      guard verifyTimeout > 0, verifyTimeout <= 300 else {
        throw ValidationError("--verify-timeout must be between 0 and 300 seconds.")
      }
      for (name, value) in [("--token-url", tokenURL), ("--api-endpoint", apiEndpoint)] {
        if let value, let problem = VerificationAddress.problem(value) {
          throw ValidationError("\(name) cannot be used: \(problem).")
        }
      }
      if let by,
        by.isEmpty || by.count > 200 || by.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
      {
        throw ValidationError("--by takes a name of 1 to 200 characters without control characters.")
      }
      for setting in settings where !setting.contains("=") {
        // The argument may be a value pasted without its name, so it is described, not shown.
        throw ValidationError(
          "--set takes NAME=VALUE (got \(setting.count) characters without '='; a value alone is not shown).")
      }
    }

    func run() throws {
      let environment = ProcessInfo.processInfo.environment
      let terminal = Terminal.current()
      let conversationToStderr = printEnvironment
      let conversationIsTerminal = conversationToStderr ? terminal.stderrIsTerminal : terminal.stdoutIsTerminal
      let say: (String) -> Void = { text in
        if conversationToStderr { StandardError.write(text) } else { StandardOutput.write(text) }
      }
      func fail(_ message: String, _ status: ExitStatus) -> ExitCode {
        StandardError.write("onboard walk: \(message)\n")
        return status.exitCode
      }

      let setup: GuideSetup
      do {
        setup = try GuideSetup.load(guidePath: guide, templateSet: templates, screenshotFolders: screenshots)
      } catch let failure as GuideSetup.Failure {
        if case .guideErrors(_, let diagnostics) = failure {
          StandardError.write(
            TextReporter(color: terminal.colorStderr).report(Diagnostic.sortedForReport(diagnostics), rules: []))
          throw fail(failure.description, .findings)
        }
        throw fail(failure.description, .usage)
      }

      if verify && setup.guide.credentials.verification == nil {
        throw fail(
          "--verify: the guide \(setup.guideLocation.path) declares no check (a verify: key in its credentials block); docs/guide-format.md shows one",
          .usage)
      }

      // Before any question: a destination that cannot be written stops the walk now, not
      // after the secrets were typed (nothing is created, so Ctrl-C leaves nothing behind).
      if let write {
        do {
          try CredentialFileStore.checkWritable(write)
        } catch let error as CredentialFileStore.FileError {
          throw fail(error.description, .usage)
        }
      }
      // A ledger that cannot be opened stops the walk before any question, as for packets.
      let ledger = try ledgerOptions.open(command: "walk")
      TerminalControl.installInterruptHandlers()
      let io: any WalkIO =
        terminal.stdinIsTerminal ? TerminalWalkIO(write: say) : LineWalkIO(source: StandardInputLines(), write: say)

      do {
        let chosen = try chooseSeller(setup: setup, io: io)
        let destination: WalkOptions.Destination
        if printEnvironment {
          destination = .printEnvironment
        } else if let write {
          destination = .file(write)
        } else if let path = CredentialDestination.defaultPath(
          for: chosen, layout: setup.layout, environment: environment)
        {
          destination = .file(path)
        } else {
          throw fail("the layout has no file for this seller's credentials; give --write PATH or --print-env", .usage)
        }
        var options = WalkOptions(
          destination: destination, acceptChecks: yes, replaceExisting: replace, restart: restart,
          hyperlinks: TerminalText.supportsHyperlinks(
            outputIsTerminal: conversationIsTerminal, environment: environment),
          namedDestination: write)
        options.run = RunOptions(
          mode: RunOptions.mode(run: runBlocks, noRun: noRun, acceptChecks: yes), timeout: runTimeout,
          environment: environment)
        if verify {
          options.verification = VerificationOptions(
            timeout: verifyTimeout, probe: !noProbe, tokenURL: tokenURL, apiEndpoint: apiEndpoint)
        }
        options.styled = TerminalText.supportsStyle(outputIsTerminal: conversationIsTerminal, environment: environment)
        let store = WalkProgressStore(root: state ?? WalkProgressStore.defaultRoot(environment: environment))
        let session: WalkSession
        do {
          session = try WalkSession(
            setup: setup, seller: chosen, io: io, options: options, store: store,
            emitEnvironment: { lines in
              if terminal.stdoutIsTerminal {
                StandardError.write(
                  "warning: the lines below contain secret values; they are shown because you asked for --print-env\n")
              }
              StandardOutput.write(lines)
            })
        } catch let list as DiagnosticList {
          StandardError.write(
            TextReporter(color: terminal.colorStderr).report(list.diagnostics, rules: RosterRules.descriptors))
          throw fail("the guide's steps cannot be planned for this seller", .findings)
        }
        let recorder = WalkRecorder(
          ledger: ledger, seller: chosen.id, account: chosen.account, by: by ?? LedgerOptions.currentUser,
          roleKeys: setup.guide.credentials.verification?.roleKeys ?? [])
        session.events = recorder.record
        let result = try session.run()
        if let failure = recorder.failure {
          throw fail("the walk is done, but the ledger did not record all of it: \(failure)", .usage)
        }
        if result.hasFailures { throw ExitStatus.findings.exitCode }
      } catch WalkEnded.endOfInput {
        throw fail(
          "the input ended before the walk finished (confirmed steps are kept for the next run)",
          .findings)
      } catch let failure as WalkSession.Failure {
        throw fail(failure.description, failure.isFinding ? .findings : .usage)
      } catch let failure as WalkSeller.Failure {
        if case .invalid(let diagnostics) = failure {
          StandardError.write(
            TextReporter(color: terminal.colorStderr).report(diagnostics, rules: RosterRules.descriptors))
          throw fail("\(failure.description) in \(roster ?? "the roster")", .findings)
        }
        if case .notFound(let id, let rosterPath) = failure {
          throw fail(SellerIDHint.message(missing: [id], roster: rosterPath), .findings)
        }
        throw fail(failure.description, .usage)
      } catch let failure as WalkProgressStore.StoreError {
        throw fail(failure.description, .usage)
      } catch let failure as InputFile.ReadError {
        throw fail(
          "\(failure.description) (confirmed steps are kept for the next run)",
          .usage)
      }
    }

    private func chooseSeller(setup: GuideSetup, io: any WalkIO) throws -> Seller {
      if let roster, let seller {
        return try WalkSeller.fromRoster(roster, id: seller, guide: setup.guide)
      }
      var fields: [String: String] = [:]
      for setting in settings {
        let parts = setting.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        fields[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
      }
      if let seller, fields["id"] == nil { fields["id"] = seller }
      return try WalkSeller.fromSettings(fields, guide: setup.guide, layout: setup.layout, io: io)
    }
  }
}
