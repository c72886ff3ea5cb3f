/// `file:line:col: severity: message [rule]`, one line per finding, followed by its notes
/// (`    note: …`) and its fix (`    fix: …`) on indented lines. No summary line.
///
/// Every field is kept on one line, and control characters (such as the escape that starts a
/// terminal colour sequence) are shown as `\u{1B}` rather than sent to the terminal.
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
      output += "\(oneLine(location.file)):\(location.line):\(location.column): "
      output += paint(diagnostic.severity)
      output += ": \(oneLine(diagnostic.message)) [\(oneLine(diagnostic.ruleID))]\n"
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

  /// Line breaks become spaces, a tab a space, and any other control character a visible
  /// `\u{…}` escape.
  private func oneLine(_ text: String) -> String {
    var result = ""
    for character in text {
      if character.isNewline || character == "\t" {
        result.append(" ")
        continue
      }
      for scalar in character.unicodeScalars {
        if scalar.properties.generalCategory == .control {
          result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result
  }
}
