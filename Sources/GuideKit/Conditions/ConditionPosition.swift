import OnboardDiagnostics

/// Maps an offset in a condition's text to a place in the guide, for checks that point at one
/// word of a condition.
enum ConditionPosition {
  /// Where the byte at `offset` of `text` is, given where the text starts. A condition that
  /// runs over several lines continues at the first column of the next one (as near as the
  /// text alone tells).
  static func location(of offset: Int, in text: String, start: DiagnosticLocation) -> DiagnosticLocation {
    let bytes = Array(text.utf8.prefix(offset))
    guard let lastBreak = bytes.lastIndex(of: 0x0A) else {
      return DiagnosticLocation(file: start.file, line: start.line, column: start.column + offset)
    }
    let breaks = bytes.filter { $0 == 0x0A }.count
    return DiagnosticLocation(file: start.file, line: start.line + breaks, column: offset - lastBreak)
  }
}
