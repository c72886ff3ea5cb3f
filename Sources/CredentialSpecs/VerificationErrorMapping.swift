import OnboardDiagnostics

/// What one error answer of a verification call means: which credentials it points at, and
/// the guide's words for the fix.
public struct VerificationErrorMapping: Hashable, Sendable {
  /// The credential keys the error points at (what a report names and a walk asks again).
  public var credentials: [String]
  /// What to do, in the guide's words.
  public var fix: String?
  /// Where the mapping is written.
  public var location: DiagnosticLocation?

  /// Creates a mapping.
  public init(credentials: [String], fix: String? = nil, location: DiagnosticLocation? = nil) {
    self.credentials = credentials
    self.fix = fix
    self.location = location
  }

  /// The mapping for an answer among `mappings`: the OAuth error code first, then the exact
  /// status (`http-403`), then its class (`http-4xx`, `http-5xx`).
  public static func lookup(
    code: String?, status: Int, in mappings: [String: VerificationErrorMapping]
  ) -> (key: String, mapping: VerificationErrorMapping)? {
    var keys: [String] = []
    if let code, !code.isEmpty { keys.append(code) }
    keys.append("http-\(status)")
    keys.append("http-\(status / 100)xx")
    for key in keys {
      if let mapping = mappings[key] { return (key, mapping) }
    }
    return nil
  }
}
