/// A SARIF 2.1.0 log with one run, the tool's rules, and one result per finding.
/// It never includes a `snippet`, so no source text (and no secret) reaches it.
public struct SARIFReporter: DiagnosticReporter {
  public static let identifier = "sarif"

  /// The tool named in the log.
  public var tool: ToolInfo

  /// Creates a SARIF reporter.
  public init(tool: ToolInfo = .onboard) {
    self.tool = tool
  }

  private struct Log: Encodable {
    var schema = "https://json.schemastore.org/sarif-2.1.0.json"
    var version = "2.1.0"
    var runs: [Run]
    enum CodingKeys: String, CodingKey {
      case schema = "$schema"
      case version, runs
    }
  }

  private struct Run: Encodable {
    var tool: Tool
    var results: [Result]
    var columnKind = "unicodeCodePoints"
  }

  private struct Tool: Encodable { var driver: Driver }

  private struct Driver: Encodable {
    var name: String
    var version: String
    var informationUri: String
    var rules: [Rule]
  }

  private struct Rule: Encodable {
    var id: String
    var shortDescription: Text
    var fullDescription: Text
    var help: Text
    var defaultConfiguration: Configuration
  }

  private struct Configuration: Encodable { var level: String }

  private struct Text: Encodable { var text: String }

  private struct Result: Encodable {
    var ruleId: String
    var ruleIndex: Int?
    var level: String
    var message: Text
    var locations: [Location]
  }

  private struct Location: Encodable { var physicalLocation: PhysicalLocation }

  private struct PhysicalLocation: Encodable {
    var artifactLocation: ArtifactLocation
    var region: Region
  }

  private struct ArtifactLocation: Encodable { var uri: String }

  private struct Region: Encodable {
    var startLine: Int
    var startColumn: Int
    var endLine: Int?
    var endColumn: Int?
  }

  public func report(_ diagnostics: [Diagnostic], rules: [RuleDescriptor]) -> String {
    var known = rules
    for diagnostic in diagnostics where !known.contains(where: { $0.id == diagnostic.ruleID }) {
      known.append(
        RuleDescriptor(
          id: diagnostic.ruleID, summary: diagnostic.ruleID,
          defaultSeverity: diagnostic.severity, help: diagnostic.ruleID))
    }
    var indexByID: [String: Int] = [:]
    for (index, rule) in known.enumerated() { indexByID[rule.id] = index }
    let sarifRules = known.map {
      Rule(
        id: $0.id, shortDescription: Text(text: nonEmpty($0.summary, $0.id)),
        fullDescription: Text(text: nonEmpty($0.help, $0.summary)),
        help: Text(text: nonEmpty($0.help, $0.summary)),
        defaultConfiguration: Configuration(level: level($0.defaultSeverity)))
    }
    let results = diagnostics.map { diagnostic -> Result in
      var message = diagnostic.message
      if let fix = diagnostic.fix { message += " Fix: \(fix)" }
      let location = diagnostic.location
      return Result(
        ruleId: diagnostic.ruleID, ruleIndex: indexByID[diagnostic.ruleID],
        level: level(diagnostic.severity), message: Text(text: nonEmpty(message, diagnostic.ruleID)),
        locations: [
          Location(
            physicalLocation: PhysicalLocation(
              artifactLocation: ArtifactLocation(uri: uri(location.file)),
              region: Region(
                startLine: location.line, startColumn: location.column,
                endLine: location.endLine, endColumn: location.endColumn)))
        ])
    }
    let log = Log(
      runs: [
        Run(
          tool: Tool(
            driver: Driver(
              name: tool.name, version: tool.version, informationUri: tool.informationURI,
              rules: sarifRules)),
          results: results)
      ])
    return JSONText.encode(log)
  }

  private func level(_ severity: Severity) -> String {
    switch severity {
    case .error: return "error"
    case .warning: return "warning"
    case .note: return "note"
    }
  }

  private func nonEmpty(_ text: String, _ fallback: String) -> String {
    text.isEmpty ? fallback : text
  }

  /// Relative paths stay relative (GitHub resolves them against the repository); spaces and
  /// other reserved characters are percent-encoded.
  private func uri(_ path: String) -> String {
    var result = ""
    for byte in path.utf8 {
      let scalar = Unicode.Scalar(byte)
      if (byte < 0x80)
        && (scalar.properties.isAlphabetic || ("0"..."9").contains(Character(scalar))
          || "-._~/".unicodeScalars.contains(scalar))
      {
        result.unicodeScalars.append(scalar)
      } else {
        result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
      }
    }
    return result
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}
