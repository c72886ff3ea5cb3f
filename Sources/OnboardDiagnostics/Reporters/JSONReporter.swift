import Foundation

/// A stable JSON report: `{"diagnostics": [...], "summary": {...}, "version": 1}` with sorted keys.
public struct JSONReporter: DiagnosticReporter {
  public static let identifier = "json"

  /// Creates a JSON reporter.
  public init() {}

  private struct Report: Encodable {
    var version = 1
    var diagnostics: [Entry]
    var summary: Summary
  }

  private struct Entry: Encodable {
    var file: String
    var line: Int
    var column: Int
    var endLine: Int?
    var endColumn: Int?
    var severity: String
    var rule: String
    var message: String
    var fix: String?
    var notes: [String]
  }

  private struct Summary: Encodable {
    var errors: Int
    var warnings: Int
    var notes: Int
  }

  public func report(_ diagnostics: [Diagnostic], rules: [RuleDescriptor]) -> String {
    let entries = diagnostics.map {
      Entry(
        file: $0.location.file, line: $0.location.line, column: $0.location.column,
        endLine: $0.location.endLine, endColumn: $0.location.endColumn,
        severity: $0.severity.rawValue, rule: $0.ruleID, message: $0.message, fix: $0.fix,
        notes: $0.notes)
    }
    let summary = Summary(
      errors: diagnostics.filter { $0.severity == .error }.count,
      warnings: diagnostics.filter { $0.severity == .warning }.count,
      notes: diagnostics.filter { $0.severity == .note }.count)
    return JSONText.encode(Report(diagnostics: entries, summary: summary))
  }
}

/// Pretty, key-sorted JSON encoding shared by the JSON outputs.
public enum JSONText {
  /// Encodes a value as pretty-printed JSON with sorted keys and a final newline.
  public static func encode<T: Encodable>(_ value: T) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(value) else { return "{}\n" }
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}
