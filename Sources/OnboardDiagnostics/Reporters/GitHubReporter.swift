/// GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=rule::message`.
public struct GitHubReporter: DiagnosticReporter {
  public static let identifier = "github"

  /// Creates a GitHub annotations reporter.
  public init() {}

  public func report(_ diagnostics: [Diagnostic], rules: [RuleDescriptor]) -> String {
    var output = ""
    for diagnostic in diagnostics {
      let command: String
      switch diagnostic.severity {
      case .error: command = "error"
      case .warning: command = "warning"
      case .note: command = "notice"
      }
      let location = diagnostic.location
      var properties = [
        "file=\(escapeProperty(location.file))", "line=\(location.line)", "col=\(location.column)",
      ]
      if let endLine = location.endLine { properties.append("endLine=\(endLine)") }
      if let endColumn = location.endColumn { properties.append("endColumn=\(endColumn)") }
      properties.append("title=\(escapeProperty(diagnostic.ruleID))")
      var message = diagnostic.message
      if let fix = diagnostic.fix { message += "\nFix: \(fix)" }
      output += "::\(command) \(properties.joined(separator: ","))::\(escapeData(message))\n"
    }
    return output
  }

  private func escapeData(_ text: String) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "%": result += "%25"
      case "\r": result += "%0D"
      case "\n": result += "%0A"
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  private func escapeProperty(_ text: String) -> String {
    var result = ""
    for scalar in escapeData(text).unicodeScalars {
      switch scalar {
      case ":": result += "%3A"
      case ",": result += "%2C"
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result
  }
}
