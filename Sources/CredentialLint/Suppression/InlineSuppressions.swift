import OnboardDiagnostics

/// `# onboard-lint disable=rule-id[,rule-id]` comments in YAML, dotenv and Python files: on a
/// line with other text they silence those rules on that line; alone on a line (only spaces
/// before the `#`) they silence them on that line and the next. An id no rule has is reported
/// as a warning (`config/unknown-rule`) at the id, and silences nothing.
public struct InlineSuppressions: Sendable {
  /// The comment's marker.
  public static let marker = Array("# onboard-lint disable=".utf8)
  /// The rule id of an unknown id in the comment.
  public static let unknownRuleID = "config/unknown-rule"

  /// The rule ids silenced on each 1-based line.
  public private(set) var silenced: [Int: Set<String>] = [:]
  /// Warnings for ids no rule has.
  public private(set) var problems: [Diagnostic] = []
  /// Lines that end with a disable comment after other text: the comment is meant as one, so
  /// the dotenv finding that a ` #` ends the value (`env/inline-comment`) is not reported there.
  public private(set) var trailingCommentLines: Set<Int> = []

  /// Reads the comments of `source`; `known` are the rule ids that exist.
  public init(source: SourceFile, known: Set<String>) {
    // Most files have no such comment: one search of the whole file, then only its lines.
    guard source.lineCount > 0, let first = Self.find(Self.marker, in: source.bytes) else { return }
    for line in source.line(ofOffset: first)...source.lineCount {
      let lineStart = source.lineSpan(line).start
      let bytes = Array(source.lineBytes(line))
      guard let at = Self.find(Self.marker, in: bytes) else { continue }
      let aloneOnLine = bytes[..<at].allSatisfy { $0 == 0x20 || $0 == 0x09 }
      if !aloneOnLine { trailingCommentLines.insert(line) }
      var index = at + Self.marker.count
      var ids: Set<String> = []
      while index < bytes.count {
        let start = index
        while index < bytes.count, ![UInt8(ascii: ","), 0x20, 0x09].contains(bytes[index]) { index += 1 }
        let id = String(decoding: bytes[start..<index], as: UTF8.self)
        if known.contains(id) {
          ids.insert(id)
        } else if !id.isEmpty {
          problems.append(
            Diagnostic(
              severity: .warning, ruleID: Self.unknownRuleID,
              message: "The disable comment names \(Self.describe(id)), which is not a rule; it silences nothing.",
              location: source.location(SourceSpan(start: lineStart + start, end: lineStart + index)),
              fix: "Use a rule id from docs/rules.md (onboard lint prints it in brackets after each finding)."))
        }
        guard index < bytes.count, bytes[index] == UInt8(ascii: ",") else { break }
        index += 1
      }
      guard !ids.isEmpty else { continue }
      silenced[line, default: []].formUnion(ids)
      if aloneOnLine { silenced[line + 1, default: []].formUnion(ids) }
    }
  }

  /// Whether `diagnostic` is silenced by a comment.
  public func isSilenced(_ diagnostic: Diagnostic) -> Bool {
    if diagnostic.ruleID == "env/inline-comment", trailingCommentLines.contains(diagnostic.location.line) {
      return true
    }
    return silenced[diagnostic.location.line]?.contains(diagnostic.ruleID) ?? false
  }

  /// A rule id as typed: quoted when it looks like one, else by length (it could be pasted text).
  static func describe(_ id: String) -> String {
    let looksLikeID =
      id.count <= 64
      && id.unicodeScalars.allSatisfy {
        $0.isASCII && ($0.properties.isAlphabetic || "0123456789/-_.".unicodeScalars.contains($0))
      }
    return looksLikeID ? "'\(id)'" : "an id of \(id.count) characters"
  }

  /// The offset of the first `needle` in `haystack` (a `#` is rare, so each start is one compare).
  static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
    guard let head = needle.first, haystack.count >= needle.count else { return nil }
    var start = 0
    while start <= haystack.count - needle.count {
      if haystack[start] == head, haystack[start..<(start + needle.count)].elementsEqual(needle) { return start }
      start += 1
    }
    return nil
  }
}
