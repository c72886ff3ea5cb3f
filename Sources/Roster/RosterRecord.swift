import OnboardDiagnostics

/// One row of a roster as read, before it is understood: its fields in order, each with where
/// it is. YAML rows keep line and column of every field; CSV rows keep the line and the byte
/// column where each cell starts.
public struct RosterRecord: Sendable {
  /// A field's value as written.
  public enum Value: Sendable, Hashable {
    /// Text (a YAML scalar or a CSV cell).
    case text(String)
    /// A YAML mapping of text values (such as `owner:` or `credentials:`).
    case mapping([RosterField])
    /// A YAML value of another shape (a list, or a mapping holding lists); `kind` says which.
    case unsupported(kind: String)
  }

  /// One field.
  public struct RosterField: Sendable, Hashable {
    /// The field's name.
    public var name: String
    /// Its value.
    public var value: Value
    /// Where the field's key (YAML) or cell (CSV) is.
    public var location: DiagnosticLocation
    /// Where the value starts.
    public var valueLocation: DiagnosticLocation

    /// Creates a field.
    public init(name: String, value: Value, location: DiagnosticLocation, valueLocation: DiagnosticLocation? = nil) {
      self.name = name
      self.value = value
      self.location = location
      self.valueLocation = valueLocation ?? location
    }
  }

  /// The 1-based row number among the roster's sellers.
  public var row: Int
  /// Where the row starts: the `-` of a YAML item, or the first cell of a CSV line.
  public var location: DiagnosticLocation
  /// The fields, in the order written.
  public var fields: [RosterField]

  /// Creates a record.
  public init(row: Int, location: DiagnosticLocation, fields: [RosterField]) {
    self.row = row
    self.location = location
    self.fields = fields
  }

  /// The first field with this name.
  public func field(_ name: String) -> RosterField? {
    fields.first { $0.name == name }
  }
}
