import OnboardDiagnostics

/// The optional second call of a verification: one read-only request made with the access
/// token the exchange returned (`probe:` under `verify:`).
public struct VerificationProbe: Hashable, Sendable {
  /// `GET` or `HEAD`: a probe never changes anything.
  public var method: String
  /// The address; may hold `{{variables}}` (filled from the guide's data table only).
  public var url: String
  /// The header that carries the access token; `nil` sends `Authorization: Bearer …`.
  public var tokenHeader: String?
  /// What each error status of the probe means (`http-403`, `http-4xx`, …).
  public var errors: [String: VerificationErrorMapping]
  /// Where `probe:` is written.
  public var location: DiagnosticLocation?

  /// Creates a probe.
  public init(
    method: String = "GET", url: String, tokenHeader: String? = nil,
    errors: [String: VerificationErrorMapping] = [:], location: DiagnosticLocation? = nil
  ) {
    self.method = method
    self.url = url
    self.tokenHeader = tokenHeader
    self.errors = errors
    self.location = location
  }
}
