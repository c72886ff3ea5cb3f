import OnboardDiagnostics

/// What a roster reader yields: a row, or a problem with the file at some place.
public enum RosterItem: Sendable {
  /// A row.
  case record(RosterRecord)
  /// A syntax or shape problem; the reader has skipped what it could not read.
  case problem(Diagnostic)
}

/// A roster read one row at a time, so that a large roster never sits in memory whole.
public protocol RosterSource: AnyObject {
  /// The next row or problem, or `nil` at the end.
  func next() -> RosterItem?
}

/// Opens rosters: `.csv` files as CSV, everything else as YAML.
public enum RosterReader {
  /// The roster formats.
  public enum Format: String, Sendable {
    case yaml, csv
  }

  /// The format of a path, by its extension.
  public static func format(of path: String) -> Format {
    path.lowercased().hasSuffix(".csv") ? .csv : .yaml
  }

  /// Opens a roster for streaming.
  /// - Parameters:
  ///   - path: the file.
  ///   - displayPath: the path diagnostics show (defaults to `path`).
  /// - Throws: ``RosterIOError`` when the file cannot be opened.
  public static func open(_ path: String, displayPath: String? = nil) throws -> any RosterSource {
    let shown = displayPath ?? path
    switch format(of: path) {
    case .csv: return try CSVRosterReader(path: path, displayPath: shown)
    case .yaml: return try YAMLRosterReader(path: path, displayPath: shown)
    }
  }

  /// Reads a whole roster into memory (for tests and small rosters).
  public static func readAll(_ path: String) throws -> (records: [RosterRecord], problems: [Diagnostic]) {
    let source = try open(path)
    var records: [RosterRecord] = []
    var problems: [Diagnostic] = []
    while let item = source.next() {
      switch item {
      case .record(let record): records.append(record)
      case .problem(let diagnostic): problems.append(diagnostic)
      }
    }
    return (records, problems)
  }
}
