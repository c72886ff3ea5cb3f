/// What a verification says about one credential.
public enum CredentialVerdict: String, Sendable, Hashable {
  /// The service accepted it.
  case works
  /// The service's answer points at it: it is wrong, expired, revoked or for another app.
  case suspected
  /// Not known: the check did not get that far, or the answer points elsewhere.
  case unknown
}
