import ArgumentParser
import Foundation
import OnboardDiagnostics
import OnboardSupport

/// The `onboard` command: documentation-driven onboarding from structured CommonMark guides.
@main
struct OnboardCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "onboard",
    abstract: "Turn an onboarding guide into per-recipient packets, runbooks, walks and credential checks.",
    discussion: """
      A guide is a CommonMark file in guides/ whose stages, steps, credentials and screenshots \
      onboard reads into a step graph. From a guide and a roster it writes one onboarding packet \
      per recipient, prints runbooks, walks a person through the steps in the terminal, and lints \
      the credential files people fill in.

      Exit codes: 0 success or clean, 1 findings (or a failed job), 2 usage or I/O error \
      (standard output that cannot be written included); 141 when the reader of standard \
      output went away (onboard … | head). docs/cli.md lists the input limits.
      """,
    version: OnboardVersion.current,
    subcommands: [
      Check.self, Graph.self, Packets.self, Lint.self, Runbook.self, Walk.self, Verify.self, Credentials.self,
      Guides.self, Init.self, Status.self, LedgerCommand.self, Diff.self,
    ]
  )

  /// Runs the command, mapping ArgumentParser's usage failures (exit 64) to exit code 2, so
  /// that every command exits 0 (clean), 1 (findings) or 2 (usage or I/O error). A write to
  /// standard output that fails ends the command with exit code 2 and a message, or quietly
  /// with 141 when the reader closed the pipe (``StandardOutput``).
  static func main() {
    StandardOutput.ignoreBrokenPipeSignal()
    if CommandLine.arguments.dropFirst().elementsEqual(["--version"]) {
      // The version alone: no guide is looked for or read, so this is the binary's start-up
      // (`onboard guides --default` says which guide and template set commands use).
      StandardOutput.write(OnboardVersion.current + "\n")
      StandardOutput.flushBuffered()
      Foundation.exit(ExitStatus.clean.rawValue)
    }
    do {
      var command = try parseNamedSubcommand(Array(CommandLine.arguments.dropFirst())) ?? parseAsRoot()
      try command.run()
      StandardOutput.flushBuffered()
    } catch let error as UsageError {
      StandardError.write(error.message + "\n")
      Foundation.exit(ExitStatus.usage.rawValue)
    } catch let code as ExitCode {
      // A command's own exit status (findings): nothing to print, so ArgumentParser need not
      // build its error message and help for it.
      StandardOutput.flushBuffered()
      Foundation.exit(code.rawValue)
    } catch {
      StandardOutput.flushBuffered()
      let code = exitCode(for: error)
      if code == .validationFailure {
        StandardError.write(fullMessage(for: error) + "\n")
        Foundation.exit(ExitStatus.usage.rawValue)
      }
      if code == .success {
        // --help and --version: the text is the command's output, so a failed write shows.
        let message = fullMessage(for: error)
        if !message.isEmpty { StandardOutput.write(message + "\n") }
        Foundation.exit(ExitStatus.clean.rawValue)
      }
      exit(withError: error)
    }
  }

  /// The command line parsed by the subcommand its first argument names, on its own, or `nil`
  /// (then ``main()`` parses it from the root). ArgumentParser's parse from the root reflects
  /// over the options of every subcommand (for its completion-script check, among others),
  /// a cost paid per option type (each type's protocol conformances are looked up once, in the
  /// statically linked binary's whole conformance table); parsing
  /// just the named command does the same for one. Anything that one parse does not accept
  /// as a plain run of that command (a help request, a usage error, a completion request, a
  /// command with subcommands of its own) returns `nil`, so the root parse gives the same
  /// answer and the same message as before.
  static func parseNamedSubcommand(_ arguments: [String]) -> ParsableCommand? {
    guard let name = arguments.first,
      let subcommand = configuration.subcommands.first(where: { $0._commandName == name }),
      subcommand.configuration.subcommands.isEmpty,
      let command = try? subcommand.parseAsRoot(Array(arguments.dropFirst())),
      type(of: command) == subcommand
    else { return nil }
    return command
  }
}
