import ArgumentParser
import Foundation
import Ledger
import OnboardSupport

extension OnboardCommand {
  /// `onboard ledger`: records into the ledger what happened outside onboard.
  struct LedgerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "ledger",
      abstract: "Record in the ledger what was done outside onboard.",
      subcommands: [Rotated.self])
  }
}

extension OnboardCommand.LedgerCommand {
  /// `onboard ledger rotated ACCOUNT --on DATE`.
  struct Rotated: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "rotated",
      abstract: "Record that an account's credential was rotated outside onboard.",
      discussion: """
        Records that ACCOUNT's rotating credential (the one a guide's rotate-every names, or \
        --credential) was rotated on DATE, so that 'onboard status' counts its age from then. \
        No value is asked for or recorded.

        Exit codes: 0 recorded; 2 usage or I/O error.
        """)

    @Argument(help: "The account (its name in the credential files).")
    var account: String

    @Option(name: .long, help: ArgumentHelp("The day it was rotated (YYYY-MM-DD, UTC).", valueName: "date"))
    var on: String

    @Option(
      name: .long,
      help: ArgumentHelp(
        "The credential key (default: the one rotating credential the ledger's guides name).", valueName: "key"))
    var credential: String?

    @Option(name: .long, help: ArgumentHelp("Who rotated it (default: the OS user).", valueName: "name"))
    var by: String?

    @OptionGroup var ledgerOptions: LedgerOptions

    func validate() throws {
      guard LedgerDate.parseDay(on) != nil else {
        throw ValidationError("--on takes a date as YYYY-MM-DD, such as 2026-12-06.")
      }
      if ledgerOptions.noLedger { throw ValidationError("ledger rotated records into the ledger; drop --no-ledger.") }
    }

    func run() throws {
      func fail(_ message: String) -> ExitCode {
        StandardError.write("onboard ledger rotated: \(message)\n")
        return ExitStatus.usage.exitCode
      }
      guard let day = LedgerDate.parseDay(on) else { throw fail("--on is not a date") }
      let now = LedgerOptions.now
      if day > LedgerDate.dayOf(now) + 1 { throw fail("\(on) is in the future") }
      guard let ledger = try ledgerOptions.open(command: "ledger rotated") else { throw fail("no ledger") }
      do {
        let key: String
        if let credential {
          key = credential
        } else {
          let keys = try ledger.rotatingCredentials()
          guard keys.count == 1, let only = keys.first else {
            throw fail(
              keys.isEmpty
                ? "the ledger knows no rotating credential yet (run 'onboard packets' first), so name it with --credential"
                : "several credentials rotate (\(keys.joined(separator: ", "))); name one with --credential")
          }
          key = only
        }
        try ledger.record([
          .rotated(account: account, key: key, onDay: day, by: by ?? LedgerOptions.currentUser, at: now)
        ])
        StandardOutput.write("recorded: \(key) of account \(account) rotated on \(LedgerDate.day(day))\n")
      } catch let failure as Ledger.Failure {
        throw fail(failure.description)
      }
    }
  }
}
