import OnboardDiagnostics

/// How a guide proves that a set of credentials works: the `verify:` key of its credentials
/// block. A generic OAuth 2.0 refresh-token exchange, and optionally one read-only call with
/// the access token it returns (the probe).
public struct VerificationSpec: Hashable, Sendable {
  /// The token endpoint; may hold `{{variables}}` (filled from the guide's data table only).
  public var tokenURL: String
  /// The credential key that is sent as `client_id`.
  public var clientID: String
  /// The credential key that is sent as `client_secret`.
  public var clientSecret: String
  /// The credential key that is sent as `refresh_token`.
  public var refreshToken: String
  /// What each error of the token exchange means, by OAuth error code (`invalid_grant`) or
  /// HTTP status (`http-401`, `http-4xx`, `http-5xx`).
  public var errors: [String: VerificationErrorMapping]
  /// The optional read-only call made with the access token.
  public var probe: VerificationProbe?
  /// Where `verify:` is written.
  public var location: DiagnosticLocation?

  /// Creates a declaration.
  public init(
    tokenURL: String, clientID: String, clientSecret: String, refreshToken: String,
    errors: [String: VerificationErrorMapping] = [:], probe: VerificationProbe? = nil,
    location: DiagnosticLocation? = nil
  ) {
    self.tokenURL = tokenURL
    self.clientID = clientID
    self.clientSecret = clientSecret
    self.refreshToken = refreshToken
    self.errors = errors
    self.probe = probe
    self.location = location
  }

  /// The credential keys the exchange sends, in the order client id, secret, refresh token.
  public var roleKeys: [String] { [clientID, clientSecret, refreshToken] }
}
