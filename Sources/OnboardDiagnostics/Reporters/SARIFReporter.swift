/// A SARIF 2.1.0 log with one run, the tool's rules, and one result per finding.
/// It never includes a `snippet`, so no source text (and no secret) reaches it.
///
/// Each `uri` is relative to `root` (`--sarif-root`, default the current folder), as GitHub code
/// scanning expects; a file outside the root keeps its absolute path. Columns are counted in
/// Unicode code points, as the log declares (`columnKind: unicodeCodePoints`): the findings'
/// UTF-8 byte columns are converted by reading the line they point into (only its length in
/// code points is used).
public struct SARIFReporter: DiagnosticReporter {
  public static let identifier = "sarif"

  /// The tool named in the log.
  public var tool: ToolInfo
  /// The folder `uri`s are relative to (absolute, or relative to the current folder).
  public var root: String
  /// Reads a file for column conversion: its bytes, or `nil` when it cannot be read (the byte
  /// columns are then kept).
  public var readSource: @Sendable (_ file: String) -> [UInt8]?

  /// Creates a SARIF reporter.
  public init(
    tool: ToolInfo = .onboard, root: String? = nil,
    readSource: @escaping @Sendable (_ file: String) -> [UInt8]? = SourceLines.read
  ) {
    self.tool = tool
    self.root = root ?? FileSystemPath.currentDirectory()
    self.readSource = readSource
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
    var sources: [String: SourceLines] = [:]
    var unreadable: Set<String> = []
    func readLine(_ file: String, _ line: Int) -> [UInt8]? {
      if unreadable.contains(file) { return nil }
      if let lines = sources[file] { return lines.line(line) }
      guard let bytes = readSource(file) else {
        unreadable.insert(file)
        return nil
      }
      let lines = SourceLines(bytes: bytes)
      sources[file] = lines
      return lines.line(line)
    }
    let results = diagnostics.map { diagnostic -> Result in
      var message = diagnostic.message
      if let fix = diagnostic.fix { message += " Fix: \(fix)" }
      let location = diagnostic.location
      let line = location.column > 1 || (location.endColumn ?? 1) > 1 ? readLine(location.file, location.line) : nil
      let endLine =
        location.endLine == location.line ? line : location.endLine.flatMap { readLine(location.file, $0) }
      return Result(
        ruleId: diagnostic.ruleID, ruleIndex: indexByID[diagnostic.ruleID],
        level: level(diagnostic.severity), message: Text(text: nonEmpty(message, diagnostic.ruleID)),
        locations: [
          Location(
            physicalLocation: PhysicalLocation(
              artifactLocation: ArtifactLocation(uri: uri(FileSystemPath.relative(location.file, to: root))),
              region: Region(
                startLine: location.line, startColumn: Self.codePointColumn(location.column, in: line),
                endLine: location.endLine,
                endColumn: location.endColumn.map { Self.codePointColumn($0, in: endLine) })))
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

  /// The 1-based code-point column of the 1-based UTF-8 byte column `byteColumn` in `line`
  /// (the byte column itself when the line is unknown; past the line's end, one per byte).
  public static func codePointColumn(_ byteColumn: Int, in line: [UInt8]?) -> Int {
    guard let line, byteColumn > 1 else { return byteColumn }
    let before = min(byteColumn - 1, line.count)
    var points = 0
    for byte in line[..<before] where byte & 0xC0 != 0x80 { points += 1 }
    return points + (byteColumn - 1 - before) + 1
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
