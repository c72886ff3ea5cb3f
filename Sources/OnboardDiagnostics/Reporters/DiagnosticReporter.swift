/// Turns a list of diagnostics into one report. Every output format implements it.
public protocol DiagnosticReporter: Sendable {
  /// The format's name on the command line (`text`, `json`, `sarif`, `github`).
  static var identifier: String { get }
  /// Renders the report.
  /// - Parameters:
  ///   - diagnostics: the findings, already sorted.
  ///   - rules: descriptors of every rule that may appear (SARIF lists them).
  func report(_ diagnostics: [Diagnostic], rules: [RuleDescriptor]) -> String
}

/// The report formats, as a choice for command-line options.
public enum ReportFormat: String, CaseIterable, Sendable {
  case text, json, sarif, github

  /// A reporter for this format.
  /// - Parameters:
  ///   - color: colour the text format with ANSI escapes.
  ///   - tool: the tool's name and version, for SARIF.
  ///   - sarifRoot: the folder SARIF `uri`s are relative to (default: the current folder).
  public func makeReporter(color: Bool = false, tool: ToolInfo = .onboard, sarifRoot: String? = nil)
    -> any DiagnosticReporter
  {
    switch self {
    case .text: return TextReporter(color: color)
    case .json: return JSONReporter()
    case .sarif: return SARIFReporter(tool: tool, root: sarifRoot)
    case .github: return GitHubReporter()
    }
  }

  /// `github` when running in GitHub Actions (`GITHUB_ACTIONS=true`), `text` otherwise.
  public static func automatic(environment: [String: String]) -> ReportFormat {
    environment["GITHUB_ACTIONS"] == "true" ? .github : .text
  }
}

/// The tool that produced a report.
public struct ToolInfo: Sendable, Hashable {
  /// Its name.
  public var name: String
  /// Its version.
  public var version: String
  /// Where to read about it.
  public var informationURI: String

  /// Creates a tool description.
  public init(name: String, version: String, informationURI: String) {
    self.name = name
    self.version = version
    self.informationURI = informationURI
  }

  /// This tool.
  public static let onboard = ToolInfo(
    name: "onboard", version: OnboardVersion.current,
    informationURI: "https://github.com/onboard/onboard/blob/main/docs/rules.md")
}

/// The version of onboard.
public enum OnboardVersion {
  /// The version string printed by `onboard --version`.
  public static let current = "0.1.0"
}
