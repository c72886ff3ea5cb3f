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
    if Self.isPlainLine(text) { return text }
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

  /// Whether `text` has no line break, tab or control character, by its UTF-8 bytes: no byte
  /// below 0x20 nor 0x7F, no C1 control (U+0080 to U+009F, `C2 80` to `C2 9F`, NEL among them),
  /// and no line or paragraph separator (U+2028, U+2029: `E2 80 A8`, `E2 80 A9`). Such text is
  /// its own one-line form, so the common case costs one pass over bytes.
  static func isPlainLine(_ text: String) -> Bool {
    var text = text
    // The string's own bytes (no copy for a native string), read without an iterator.
    return text.withUTF8 { bytes in
      var index = 0
      while index < bytes.count {
        let byte = bytes[index]
        index += 1
        if byte >= 0x20 && byte < 0x7F { continue }  // printable ASCII, by far the most
        if byte < 0x20 || byte == 0x7F { return false }
        if byte == 0xC2, index < bytes.count, (0x80...0x9F).contains(bytes[index]) { return false }
        if byte == 0xE2, index + 1 < bytes.count, bytes[index] == 0x80,
          bytes[index + 1] == 0xA8 || bytes[index + 1] == 0xA9
        {
          return false
        }
      }
      return true
    }
  }
}
