import OnboardDiagnostics

/// How a walk ended.
public struct WalkResult: Sendable {
  /// What happened at the end.
  public enum Outcome: Sendable, Equatable {
    /// The values were merged into the file; `replaced` says whether the account was there.
    case written(path: String, replaced: Bool)
    /// The export lines were printed.
    case printedEnvironment
    /// The walk had already been finished; nothing was asked (use `--restart`).
    case alreadyCompleted(on: String)
    /// The person chose not to replace the account that the file already has; nothing was
    /// asked or written.
    case declinedReplace(path: String)
  }

  /// What happened.
  public var outcome: Outcome
  /// The findings of linting the written file (empty for the other outcomes).
  public var lintFindings: [Diagnostic]

  /// Whether the command should exit 1: the person declined, or the written file has errors.
  public var hasFailures: Bool {
    if case .declinedReplace = outcome { return true }
    return lintFindings.contains { $0.severity == .error }
  }
}
