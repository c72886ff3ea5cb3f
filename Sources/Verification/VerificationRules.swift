import OnboardDiagnostics

/// The rule ids of `onboard verify`'s findings. A wrong credential's rule is `verify/` and the
/// guide's answer key with `-` for `_` (`verify/invalid-client`, `verify/http-401`), and
/// `verify/probe-…` for the probe's answers (`verify/probe-http-403`).
public enum VerificationRules {
  /// The credentials work (a note).
  public static let passed = "verify/passed"
  /// No answer, rate limited, a server error, a redirect or an address that may not be used.
  public static let couldNotCheck = "verify/could-not-check"
  /// A credential the exchange sends has no value.
  public static let missingCredential = "verify/missing-credential"
  /// The file could not be read as credentials.
  public static let unreadableFile = "verify/unreadable-file"

  /// Descriptors for reports (SARIF lists them), with `wrong` the ids of wrong-credential rules seen.
  public static func descriptors(wrong: [String]) -> [RuleDescriptor] {
    var list = [
      RuleDescriptor(
        id: passed, summary: "The credentials work with the service.", defaultSeverity: .note,
        help: "The token exchange (and the probe, when the guide declares one) succeeded."),
      RuleDescriptor(
        id: couldNotCheck, summary: "The credentials could not be checked.", defaultSeverity: .error,
        help:
          "The service gave no usable answer (no connection, timeout, rate limit, server error); this says nothing about the values."
      ),
      RuleDescriptor(
        id: missingCredential, summary: "A credential the check sends has no value.", defaultSeverity: .error,
        help: "Fill in the value (onboard lint lists what is missing)."),
      RuleDescriptor(
        id: unreadableFile, summary: "A credential file could not be read.", defaultSeverity: .error,
        help: "Run onboard lint on the file."),
    ]
    for id in Set(wrong).sorted() {
      list.append(
        RuleDescriptor(
          id: id, summary: "The service rejected a credential.", defaultSeverity: .error,
          help: "The guide's verify declaration says which credentials the answer points at and what to do."))
    }
    return list
  }
}
