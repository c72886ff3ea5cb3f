/// Whether and how the walk runs a step's run-marked code blocks.
public struct RunOptions: Sendable, Equatable {
  /// When blocks run.
  public enum Mode: Sendable, Equatable {
    /// Show the command and ask (the default).
    case ask
    /// `--run`: run without asking.
    case always
    /// `--no-run`, or `--yes` without `--run`: never run; checks are asked (or accepted) as usual.
    case never
  }

  /// When blocks run.
  public var mode: Mode
  /// `--run-timeout`: seconds before a run is stopped.
  public var timeout: Int
  /// The environment runs start from (the user's).
  public var environment: [String: String]

  /// The default timeout, in seconds.
  public static let defaultTimeout = 60

  /// Creates options.
  public init(mode: Mode = .ask, timeout: Int = RunOptions.defaultTimeout, environment: [String: String] = [:]) {
    self.mode = mode
    self.timeout = timeout
    self.environment = environment
  }

  /// The mode the walk's flags give: `--run` runs, `--no-run` never does, and `--yes` accepts
  /// checks but runs nothing unless `--run` is given too.
  public static func mode(run: Bool, noRun: Bool, acceptChecks: Bool) -> Mode {
    if run { return .always }
    if noRun || acceptChecks { return .never }
    return .ask
  }
}
