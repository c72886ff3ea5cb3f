import OnboardDiagnostics

/// The diagnostic for a roster byte that is not UTF-8. Readers stop at the first one: decoding
/// it would put U+FFFD into packets and credential files without a word.
enum RosterEncoding {
  /// The problem at a 1-based line and byte column.
  static func problem(file: String, line: Int, byteColumn: Int) -> Diagnostic {
    Diagnostic(
      severity: .error, ruleID: RosterRules.encoding,
      message:
        "The roster is not valid UTF-8: the byte at line \(line), column \(byteColumn) is not part of a UTF-8 character; nothing after it was read.",
      location: DiagnosticLocation(file: file, line: line, column: byteColumn),
      fix: "Save the roster as UTF-8 (for example with your editor's 'Save with encoding').")
  }
}
