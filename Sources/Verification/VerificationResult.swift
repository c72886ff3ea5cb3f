/// The result of verifying one account's credentials. It holds no value, access token or
/// server text that was not redacted.
public struct VerificationResult: Sendable, Hashable {
  /// The overall outcome.
  public enum Outcome: String, Sendable, Hashable {
    /// The token exchange (and the probe, if it ran) succeeded.
    case passed
    /// The service's answer shows a credential is wrong.
    case wrong
    /// The account could not be checked (no answer, rate limited, server error, a value missing).
    case notChecked = "not-checked"
  }

  /// Which call decided the outcome.
  public enum Stage: String, Sendable, Hashable {
    /// Before any call (a missing value, an address that may not be used).
    case setup
    /// The refresh-token exchange.
    case token
    /// The read-only API call.
    case probe
  }

  /// The outcome.
  public var outcome: Outcome
  /// The call that decided it.
  public var stage: Stage
  /// Each role credential's verdict, by key.
  public var verdicts: [String: CredentialVerdict]
  /// The credentials the answer points at, in the guide's order (empty when it passed).
  public var suspected: [String]
  /// The answer's key in the guide's mapping (`invalid_grant`, `http-403`), if any.
  public var answer: String?
  /// The HTTP status, when there was an answer.
  public var status: Int?
  /// What happened, in words that hold no value.
  public var summary: String
  /// What to do, in the guide's words.
  public var fix: String?
  /// The server's `error_description`, with every collected value and every long token removed.
  public var serverDescription: String?
  /// Why the probe did not run, when it was declared but skipped.
  public var probeSkipped: String?
  /// Requests sent, retries included.
  public var attempts: Int

  /// Creates a result.
  public init(
    outcome: Outcome, stage: Stage, verdicts: [String: CredentialVerdict], suspected: [String] = [],
    answer: String? = nil, status: Int? = nil, summary: String, fix: String? = nil, serverDescription: String? = nil,
    probeSkipped: String? = nil, attempts: Int = 0
  ) {
    self.outcome = outcome
    self.stage = stage
    self.verdicts = verdicts
    self.suspected = suspected
    self.answer = answer
    self.status = status
    self.summary = summary
    self.fix = fix
    self.serverDescription = serverDescription
    self.probeSkipped = probeSkipped
    self.attempts = attempts
  }

  /// The rule id a report files it under: `verify/passed`, `verify/invalid-client`,
  /// `verify/probe-http-403`, `verify/could-not-check`, `verify/missing-credential`.
  public var ruleID: String {
    switch outcome {
    case .passed: return VerificationRules.passed
    case .notChecked:
      return stage == .setup && answer == "missing"
        ? VerificationRules.missingCredential : VerificationRules.couldNotCheck
    case .wrong:
      let key = (answer ?? status.map { "http-\($0)" } ?? "rejected").split(
        separator: "_", omittingEmptySubsequences: false
      )
      .joined(separator: "-")
      return "verify/" + (stage == .probe ? "probe-" : "") + key
    }
  }
}
