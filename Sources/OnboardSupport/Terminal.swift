import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Facts about where output goes: whether it is a terminal, and whether colour is wanted.
public struct Terminal: Sendable {
  /// Whether standard output is a terminal.
  public var stdoutIsTerminal: Bool
  /// Whether standard error is a terminal.
  public var stderrIsTerminal: Bool
  /// Whether standard input is a terminal.
  public var stdinIsTerminal: Bool
  /// Whether `NO_COLOR` is set (to anything non-empty), which turns colour off.
  public var noColor: Bool

  /// Reads the current process's terminal state and environment.
  public static func current(environment: [String: String] = ProcessInfo.processInfo.environment)
    -> Terminal
  {
    Terminal(
      stdoutIsTerminal: isatty(STDOUT_FILENO) == 1,
      stderrIsTerminal: isatty(STDERR_FILENO) == 1,
      stdinIsTerminal: isatty(STDIN_FILENO) == 1,
      noColor: !(environment["NO_COLOR"] ?? "").isEmpty || environment["TERM"] == "dumb")
  }

  /// Creates a terminal description (for tests).
  public init(stdoutIsTerminal: Bool, stderrIsTerminal: Bool, stdinIsTerminal: Bool, noColor: Bool) {
    self.stdoutIsTerminal = stdoutIsTerminal
    self.stderrIsTerminal = stderrIsTerminal
    self.stdinIsTerminal = stdinIsTerminal
    self.noColor = noColor
  }

  /// Whether to colour what goes to standard output.
  public var colorStdout: Bool { stdoutIsTerminal && !noColor }
  /// Whether to colour what goes to standard error.
  public var colorStderr: Bool { stderrIsTerminal && !noColor }
}
