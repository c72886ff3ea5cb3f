/// How a verification runs: timeouts, retries, overrides and whether the probe runs.
public struct VerificationOptions: Sendable {
  /// Seconds one request may take (`--timeout`).
  public var timeout: Double
  /// Retries after a 429 or 5xx answer (at most two).
  public var retries: Int
  /// The first backoff, in seconds; each retry doubles it.
  public var backoff: Double
  /// The longest `Retry-After` honoured, in seconds; a server that asks for more is not waited for.
  public var maxRetryAfter: Double
  /// Whether the guide's probe runs (`--no-probe` turns it off).
  public var probe: Bool
  /// `--token-url`: replaces the guide's token endpoint.
  public var tokenURL: String?
  /// `--api-endpoint`: replaces the scheme, host and port of the probe's address.
  public var apiEndpoint: String?

  /// Creates options.
  public init(
    timeout: Double = 10, retries: Int = 2, backoff: Double = 0.5, maxRetryAfter: Double = 30, probe: Bool = true,
    tokenURL: String? = nil, apiEndpoint: String? = nil
  ) {
    self.timeout = timeout
    self.retries = min(max(retries, 0), 2)
    self.backoff = backoff
    self.maxRetryAfter = maxRetryAfter
    self.probe = probe
    self.tokenURL = tokenURL
    self.apiEndpoint = apiEndpoint
  }
}
