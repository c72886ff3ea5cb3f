/// How a run block's process ended.
public enum RunOutcome: Equatable, Sendable {
  /// It exited with this status (0: success).
  case exited(Int32)
  /// A signal ended it.
  case signalled(Int32)
  /// It ran past the timeout, and its process group was killed.
  case timedOut(seconds: Int)
  /// It could not be started (the program is missing, …); the reason has no value in it.
  case notStarted(String)

  /// Whether the run succeeded (exit status 0).
  public var succeeded: Bool { self == .exited(0) }

  /// The outcome in words.
  public var description: String {
    switch self {
    case .exited(let status): return "exit status \(status)"
    case .signalled(let signal): return "ended by signal \(signal)"
    case .timedOut(let seconds): return "still running after \(seconds) s, so it was stopped"
    case .notStarted(let reason): return "could not start: \(reason)"
    }
  }
}
