import ArgumentParser
import Foundation
import Ledger
import OnboardSupport

/// `--ledger PATH` and `--no-ledger`, shared by the commands that record into the ledger or
/// read it (docs/ledger.md).
struct LedgerOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "The ledger file (default: $ONBOARD_LEDGER, else $XDG_STATE_HOME/onboard/ledger.sqlite).", valueName: "path"))
  var ledger: String?

  @Flag(name: .long, help: "Record nothing in the ledger.")
  var noLedger = false

  /// The ledger's path, or `nil` with `--no-ledger`.
  var path: String? {
    LedgerLocation.path(explicit: ledger, disabled: noLedger, environment: ProcessInfo.processInfo.environment)
  }

  /// Opens the ledger, or returns `nil` with `--no-ledger`; a ledger that cannot be opened
  /// ends the command (exit 2) before anything is written.
  func open(command: String) throws -> Ledger? {
    guard let path else { return nil }
    do {
      return try Ledger(path: path)
    } catch {
      StandardError.write("onboard \(command): \(error) (pass --no-ledger to record nothing)\n")
      throw ExitStatus.usage.exitCode
    }
  }

  /// Who is doing it: the OS user's login name.
  static var currentUser: String {
    if let name = getpwuid(geteuid())?.pointee.pw_name { return String(cString: name) }
    return ProcessInfo.processInfo.environment["USER"] ?? "unknown"
  }

  /// Now, in Unix seconds.
  static var now: Int64 { Int64(Date().timeIntervalSince1970) }
}
