import ArgumentParser

/// The exit codes every onboard command uses.
enum ExitStatus: Int32 {
  /// Success; no findings.
  case clean = 0
  /// Findings at error level (or warnings with `--strict`), or a job that failed.
  case findings = 1
  /// A usage, input/output or configuration error.
  case usage = 2

  /// The ArgumentParser exit code to throw.
  var exitCode: ExitCode { ExitCode(rawValue) }
}

/// An error that ends a command with exit code 2 after printing `message` to standard error.
/// The message must never contain a secret value.
struct UsageError: Error, CustomStringConvertible {
  /// What went wrong and what to do, in words.
  var message: String

  var description: String { message }
}
