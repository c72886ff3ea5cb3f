import Foundation
import OnboardDiagnostics

/// Diagnostics with every field filled and characters each format has to escape.
enum Fixtures {
  static let duplicateID = Diagnostic(
    severity: .error, ruleID: "guide/duplicate-id", message: "Step id \"connect\" is used twice.",
    location: DiagnosticLocation(
      file: "guides/my guide.md", line: 12, column: 5, endLine: 12, endColumn: 14),
    fix: "Rename one of the steps.", notes: ["The first use is on line 4.", "Ids must be unique."])

  static let awkward = Diagnostic(
    severity: .warning, ruleID: "yaml:odd,rule",
    message: "100% sure,\nsecond line: with colon\r\nand 50%",
    location: DiagnosticLocation(file: "creds/a,b:c.yml", line: 3, column: 1),
    fix: "Use a, b: c.")

  static let note = Diagnostic(
    severity: .note, ruleID: "value/placeholder", message: "The value looks like a placeholder.",
    location: DiagnosticLocation(file: "/abs/path/credentials.yml", line: 7, column: 20))

  static let all = [duplicateID, awkward, note]

  static let rules = [
    RuleDescriptor(
      id: "guide/duplicate-id", summary: "Step ids are unique.", defaultSeverity: .error,
      help: "Two steps share an id; references to it are ambiguous."),
    RuleDescriptor(
      id: "unused/rule", summary: "A rule with no findings.", defaultSeverity: .warning, help: ""),
  ]

  /// Parses JSON text into Foundation objects.
  static func json(_ text: String) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(text.utf8))
  }
}

/// Reads nested values out of parsed JSON without force casts.
struct JSONValue {
  let value: Any?

  init(_ value: Any?) { self.value = value }

  subscript(key: String) -> JSONValue { JSONValue((value as? [String: Any])?[key]) }
  subscript(index: Int) -> JSONValue {
    guard let array = value as? [Any], array.indices.contains(index) else { return JSONValue(nil) }
    return JSONValue(array[index])
  }

  var string: String? { value as? String }
  var int: Int? { (value as? NSNumber)?.intValue }
  var array: [Any]? { value as? [Any] }
  var object: [String: Any]? { value as? [String: Any] }
  var isNull: Bool { value == nil || value is NSNull }

  /// Every object key anywhere below this value.
  var allKeys: [String] {
    var keys: [String] = []
    var pending: [Any] = value.map { [$0] } ?? []
    while let next = pending.popLast() {
      if let object = next as? [String: Any] {
        keys += object.keys
        pending += object.values
      } else if let array = next as? [Any] {
        pending += array
      }
    }
    return keys
  }
}
