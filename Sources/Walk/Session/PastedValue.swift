import CredentialSpecs

/// A value as pasted at a prompt, cleaned of what copying adds around it: leading and
/// trailing whitespace (spaces, tabs, line breaks, non-breaking spaces) and one or more pairs
/// of wrapping quotes (`"…"`, `'…'`, `` `…` ``, `“…”`, `‘…’`).
///
/// The cleaned value is what the walk checks and writes. The notices say what was removed and
/// never show the value.
public struct PastedValue: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
  /// The cleaned value. Secret.
  public let value: String
  /// What was removed, in words, for the person to see.
  public let notices: [String]

  /// Cleans `raw`.
  public init(_ raw: String) {
    var current = raw
    var trimmedWhitespace = false
    var removedQuotes = false
    // Whitespace and quotes can nest (' "abc" '), so peel until nothing changes.
    for _ in 0..<4 {
      let trimmed = Self.trimmingWhitespace(current)
      if trimmed != current {
        trimmedWhitespace = true
        current = trimmed
      }
      guard let unquoted = Self.unwrappingPairedQuotes(current) else { break }
      removedQuotes = true
      current = unquoted
    }
    value = current
    var notices: [String] = []
    if trimmedWhitespace { notices.append("Removed whitespace or line breaks around the pasted value.") }
    if removedQuotes { notices.append("Removed the quote characters around the pasted value.") }
    self.notices = notices
  }

  /// Never the value: only its length.
  public var description: String { Redaction.describe(value) }
  public var debugDescription: String { Redaction.describe(value) }
  public var customMirror: Mirror { Mirror(self, children: ["notices": notices]) }

  static func trimmingWhitespace(_ value: String) -> String {
    var scalars = Substring(value).unicodeScalars
    while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
    while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
    return String(scalars)
  }

  /// The value without one matching pair of wrapping quotes, or `nil`. A lone quote at one end
  /// is left for the validator to report: it may belong to the value.
  static func unwrappingPairedQuotes(_ value: String) -> String? {
    let pairs: [(Character, Character)] = [("\"", "\""), ("'", "'"), ("`", "`"), ("“", "”"), ("‘", "’"), ("«", "»")]
    guard value.count >= 2, let first = value.first, let last = value.last else { return nil }
    for (open, close) in pairs where first == open && last == close {
      return String(value.dropFirst().dropLast())
    }
    return nil
  }
}
