import OnboardDiagnostics

/// A YAML table beside the guide: one row per key (such as a marketplace code), each a mapping
/// of column to value. Columns become variables for a recipient whose data-key field picks the row.
public struct DataTable: Hashable, Sendable {
  /// One row.
  public struct Row: Hashable, Sendable {
    /// The row's key, such as `DE`.
    public var key: String
    /// Column values, by column name.
    public var values: [String: String]
    /// Where the row is.
    public var location: DiagnosticLocation

    /// Creates a row.
    public init(key: String, values: [String: String], location: DiagnosticLocation) {
      self.key = key
      self.values = values
      self.location = location
    }
  }

  /// The table's file.
  public var file: String
  /// The rows in file order.
  public var rows: [Row]

  /// Creates a table.
  public init(file: String, rows: [Row]) {
    self.file = file
    self.rows = rows
  }

  /// Every column name used by any row, sorted.
  public var columns: [String] {
    Array(Set(rows.flatMap(\.values.keys))).sorted()
  }

  /// The row for a key; keys match without regard to case.
  public func row(_ key: String) -> Row? {
    rows.first { $0.key == key } ?? rows.first { $0.key.lowercased() == key.lowercased() }
  }
}
