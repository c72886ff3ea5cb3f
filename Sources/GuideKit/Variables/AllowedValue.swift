import OnboardDiagnostics

/// One value of a variable's closed set (front matter `values:`), with the words that say what
/// it means (`file: the credentials are kept in a file`).
public struct AllowedValue: Hashable, Sendable {
  /// The value, as conditions and roster rows write it (compared without regard to case).
  public var value: String
  /// Human words for the value, or `nil` when the guide gives none (`values: [basic, pro]`).
  public var label: String?
  /// Where the value is written in the front matter, when known.
  public var location: DiagnosticLocation?

  /// Creates an allowed value.
  public init(value: String, label: String? = nil, location: DiagnosticLocation? = nil) {
    self.value = value
    self.label = label
    self.location = location
  }
}
