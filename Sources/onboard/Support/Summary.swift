import OnboardDiagnostics

/// The one-line summary printed on a terminal after a report.
enum Summary {
  static func line(_ diagnostics: [Diagnostic], files: Int, noun: String) -> String {
    let errors = diagnostics.filter { $0.severity == .error }.count
    let warnings = diagnostics.filter { $0.severity == .warning }.count
    let notes = diagnostics.filter { $0.severity == .note }.count
    func plural(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }
    return
      "\(plural(files, noun)) checked: \(plural(errors, "error")), \(plural(warnings, "warning")), \(plural(notes, "note"))\n"
  }
}
