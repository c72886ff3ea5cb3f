import ArgumentParser
import Foundation
import OnboardDiagnostics

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

      Exit codes: 0 success or clean, 1 findings (or a failed job), 2 usage or I/O error.
      """,
    version: OnboardVersion.current,
    subcommands: [
      Check.self, Graph.self, Packets.self, Lint.self, Runbook.self, Walk.self, Credentials.self,
    ]
  )

  /// Runs the command, mapping ArgumentParser's usage failures (exit 64) to exit code 2, so
  /// that every command exits 0 (clean), 1 (findings) or 2 (usage or I/O error).
  static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch let error as UsageError {
      FileHandle.standardError.write(Data((error.message + "\n").utf8))
      Foundation.exit(ExitStatus.usage.rawValue)
    } catch {
      let code = exitCode(for: error)
      if code == .validationFailure {
        let message = fullMessage(for: error)
        FileHandle.standardError.write(Data((message + "\n").utf8))
        Foundation.exit(ExitStatus.usage.rawValue)
      }
      exit(withError: error)
    }
  }
}
