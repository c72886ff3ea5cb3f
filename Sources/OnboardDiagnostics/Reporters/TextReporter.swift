/// `file:line:col: severity: message [rule]`, one line per finding, with the fix on an indented
/// line after it; a summary line closes the report when there are findings.
public struct TextReporter: DiagnosticReporter {
  public static let identifier = "text"

  /// Whether to colour severities with ANSI escapes.
  public var color: Bool

  /// Creates a text reporter.
  public init(color: Bool = false) {
    self.color = color
  }

  public func report(_ diagnostics: [Diagnostic], rules: [RuleDescriptor]) -> String {
    var output = ""
    for diagnostic in diagnostics {
      let location = diagnostic.location
      output += "\(location.file):\(location.line):\(location.column): "
      output += paint(diagnostic.severity)
      output += ": \(oneLine(diagnostic.message)) [\(diagnostic.ruleID)]\n"
      for note in diagnostic.notes {
        output += "    note: \(oneLine(note))\n"
      }
      if let fix = diagnostic.fix {
        output += "    fix: \(oneLine(fix))\n"
      }
    }
    return output
  }

  private func paint(_ severity: Severity) -> String {
    guard color else { return severity.rawValue }
    let code: String
    switch severity {
    case .error: code = "1;31"
    case .warning: code = "1;33"
    case .note: code = "1;36"
    }
    return "\u{1B}[\(code)m\(severity.rawValue)\u{1B}[0m"
  }

  private func oneLine(_ text: String) -> String {
    String(text.map { $0.isNewline ? " " : $0 })
  }
}
