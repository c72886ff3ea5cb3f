import Yams

/// Keeps a U+FEFF at the start of a YAML value, as PyYAML does.
///
/// Yams turns each scalar's bytes into a `String` with Foundation, which drops a leading byte
/// order mark, so `key: \u{FEFF}abc` (plain, quoted, or `"\uFEFFabc"`) would read as `abc` and
/// a value that makes authentication fail would pass. Before Yams reads a text, every U+FEFF in
/// it but one at the very start (the stream's byte order mark, which YAML drops) is replaced by
/// a noncharacter the text does not hold; ``string(_:)`` puts the U+FEFF back. A double-quoted
/// scalar that starts with the escape `\uFEFF` (or `\U0000FEFF`) gets its U+FEFF back from the
/// source line.
public struct YAMLByteOrderMarks: Sendable {
  /// The text to hand to Yams.
  public let text: String
  private let standIn: Unicode.Scalar?
  private let lines: [Substring]

  /// Prepares `text` (the whole YAML text).
  public init(_ text: String) {
    let scalars = text.unicodeScalars
    let marks = scalars.dropFirst().contains("\u{FEFF}")
    var standIn: Unicode.Scalar?
    if marks {
      standIn = (0xFDD0...0xFDEF).lazy.compactMap(Unicode.Scalar.init).first { !scalars.contains($0) }
    }
    if let standIn {
      var output = String.UnicodeScalarView()
      for (index, scalar) in scalars.enumerated() {
        output.append(scalar == "\u{FEFF}" && index > 0 ? standIn : scalar)
      }
      self.text = String(output)
    } else {
      self.text = text
    }
    self.standIn = standIn
    self.lines = text.contains("\\") ? text.split(separator: "\n", omittingEmptySubsequences: false) : []
  }

  /// A scalar's text with its byte order marks as the source has them.
  public func string(_ scalar: Node.Scalar) -> String {
    var value = scalar.string
    if let standIn, value.unicodeScalars.contains(standIn) {
      value = String(String.UnicodeScalarView(value.unicodeScalars.map { $0 == standIn ? "\u{FEFF}" : $0 }))
    }
    if scalar.style == .doubleQuoted, let mark = scalar.mark,
      startsWithEscapedMark(line: mark.line, column: mark.column)
    {
      value = "\u{FEFF}" + value
    }
    return value
  }

  /// Whether a double-quoted scalar at a 1-based line and scalar column starts with `\uFEFF`
  /// or `\U0000FEFF` (any case).
  private func startsWithEscapedMark(line: Int, column: Int) -> Bool {
    guard line >= 1, line <= lines.count else { return false }
    let scalars = lines[line - 1].unicodeScalars.dropFirst(column - 1).prefix(11)
    let head = String(String.UnicodeScalarView(scalars)).lowercased()
    return head.hasPrefix("\"\\ufeff") || head.hasPrefix("\"\\u0000feff")
  }
}
