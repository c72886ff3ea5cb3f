import CredentialSpecs
import Foundation
import OnboardDiagnostics
import OnboardSupport
import Yams

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `.onboard-lint.yml`: which rules run, and at which severity, per path glob.
///
/// ```yaml
/// rules:
///   schema/optional-absent: off
///   env/shell-unsafe: error
/// overrides:
///   - files: ['legacy/*.env']
///     rules: {schema/deprecated-key: off}
/// ```
/// A severity is `off`, `error`, `warning` or `note`. Globs are `fnmatch` patterns matched
/// against a file's path relative to the configuration's folder (`*` also crosses `/`); later
/// overrides win over earlier ones and over `rules`. Unknown keys, rule ids and severities are
/// errors (`config/unknown-key`, `config/unknown-rule`) at their line and column.
public struct LintConfiguration: Sendable {
  /// The file name looked for.
  public static let fileName = ".onboard-lint.yml"

  /// A rule's setting.
  public enum Setting: String, Sendable {
    case off, error, warning, note
  }

  /// One `overrides:` entry.
  public struct Override: Sendable {
    /// The globs.
    public var files: [String]
    /// The settings.
    public var rules: [String: Setting]
  }

  /// The folder globs are relative to.
  public var folder: String
  /// The top-level settings.
  public var rules: [String: Setting] = [:]
  /// The overrides, in order.
  public var overrides: [Override] = []

  /// A configuration with no settings.
  public init(folder: String) {
    self.folder = folder
  }

  /// The configuration file that applies: `explicit` if given, else `.onboard-lint.yml` in the
  /// current folder, else at the top of its git repository (the first folder upwards with a
  /// `.git`); `nil` when there is none.
  public static func locate(explicit: String?, from current: String = FileSystemPath.currentDirectory()) -> String? {
    if let explicit { return explicit }
    let here = current + "/" + fileName
    if FileManager.default.fileExists(atPath: here) { return here }
    var folder = URL(fileURLWithPath: current).standardizedFileURL
    while true {
      if FileManager.default.fileExists(atPath: folder.appendingPathComponent(".git").path) {
        let top = folder.appendingPathComponent(fileName).path
        return FileManager.default.fileExists(atPath: top) ? top : nil
      }
      let parent = folder.deletingLastPathComponent()
      if parent.path == folder.path { return nil }
      folder = parent
    }
  }

  /// Reads a configuration file; `known` are the rule ids that exist.
  /// - Returns: the configuration and its errors (the configuration is not to be used when there
  ///   are any).
  /// - Throws: ``InputFile/ReadError``.
  public static func read(_ path: String, known: Set<String>) throws -> (LintConfiguration, [Diagnostic]) {
    let bytes = try InputFile.read(path, limits: .dataFile)
    let text = String(decoding: bytes, as: UTF8.self)
    let folder = (path as NSString).deletingLastPathComponent
    var configuration = LintConfiguration(folder: folder.isEmpty ? "." : folder)
    let position = YAMLPosition(file: path, text: text)
    var problems: [Diagnostic] = []
    func problem(_ rule: RuleDescriptor, _ message: String, _ node: Node?, fix: String) {
      problems.append(
        Diagnostic(
          severity: .error, ruleID: rule.id, message: message, location: position.location(node?.mark), fix: fix))
    }
    let root: Node?
    do {
      root = try Yams.compose(yaml: text, .default, .default, .utf8)
    } catch {
      return (
        configuration, [position.syntaxDiagnostic(error, ruleID: "config/unknown-key", what: "The configuration")]
      )
    }
    guard let root else { return (configuration, []) }
    guard let mapping = root.mapping else {
      problem(
        LintConfigurationRules.unknownKey, "The configuration must be a mapping with 'rules' and 'overrides'.", root,
        fix: "Write rules: {rule-id: off} and overrides: [{files: [glob], rules: {…}}].")
      return (configuration, problems)
    }
    func settings(_ node: Node) -> [String: Setting] {
      guard let rules = node.mapping else {
        problem(
          LintConfigurationRules.unknownKey, "'rules' must map rule ids to off, error, warning or note.", node,
          fix: "Write rules: {rule-id: off}.")
        return [:]
      }
      var result: [String: Setting] = [:]
      for (key, value) in rules {
        let id = key.string ?? ""
        guard known.contains(id) else {
          problem(
            LintConfigurationRules.unknownRule,
            "\(InlineSuppressions.describe(id).capitalizedFirstLetter) is not a rule.", key,
            fix: "Use a rule id from docs/rules.md.")
          continue
        }
        guard let setting = value.string.flatMap(Setting.init(rawValue:)) else {
          problem(
            LintConfigurationRules.unknownKey, "The setting of '\(id)' must be off, error, warning or note.", value,
            fix: "Write \(id): off (or error, warning, note).")
          continue
        }
        result[id] = setting
      }
      return result
    }
    for (key, value) in mapping {
      switch key.string {
      case "rules":
        configuration.rules = settings(value)
      case "overrides":
        guard let list = value.sequence else {
          problem(
            LintConfigurationRules.unknownKey, "'overrides' must be a list.", value,
            fix: "Write overrides: [{files: [glob], rules: {rule-id: off}}].")
          continue
        }
        for item in list {
          guard let entry = item.mapping else {
            problem(
              LintConfigurationRules.unknownKey, "Each override must be a mapping with 'files' and 'rules'.", item,
              fix: "Write - files: [glob] and rules: {rule-id: off}.")
            continue
          }
          var override = Override(files: [], rules: [:])
          for (entryKey, entryValue) in entry {
            switch entryKey.string {
            case "files":
              let globs = entryValue.sequence?.compactMap(\.string) ?? entryValue.string.map { [$0] }
              guard let globs, !globs.isEmpty else {
                problem(
                  LintConfigurationRules.unknownKey, "'files' must be a glob or a list of globs.", entryValue,
                  fix: "Write files: ['*.env'].")
                continue
              }
              override.files = globs
            case "rules":
              override.rules = settings(entryValue)
            default:
              problem(
                LintConfigurationRules.unknownKey,
                "\(InlineSuppressions.describe(entryKey.string ?? "").capitalizedFirstLetter) is not an override key.",
                entryKey, fix: "An override has 'files' and 'rules'.")
            }
          }
          configuration.overrides.append(override)
        }
      default:
        problem(
          LintConfigurationRules.unknownKey,
          "\(InlineSuppressions.describe(key.string ?? "").capitalizedFirstLetter) is not a configuration key.", key,
          fix: "The configuration has 'rules' and 'overrides'.")
      }
    }
    return (configuration, problems)
  }

  /// The setting for a rule in a file (`nil`: unchanged).
  public func setting(rule: String, file: String) -> Setting? {
    var result = rules[rule]
    let relative = FileSystemPath.relative(file, to: folder)
    for override in overrides where override.rules[rule] != nil {
      if override.files.contains(where: { fnmatch($0, relative, 0) == 0 }) { result = override.rules[rule] }
    }
    return result
  }

  /// The findings with the settings applied: `off` drops a finding, a severity replaces its own.
  public func apply(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
    guard !rules.isEmpty || !overrides.isEmpty else { return diagnostics }
    return diagnostics.compactMap { diagnostic in
      switch setting(rule: diagnostic.ruleID, file: diagnostic.location.file) {
      case nil: return diagnostic
      case .off: return nil
      case .error: return diagnostic.with(severity: .error)
      case .warning: return diagnostic.with(severity: .warning)
      case .note: return diagnostic.with(severity: .note)
      }
    }
  }
}

extension String {
  fileprivate var capitalizedFirstLetter: String { prefix(1).uppercased() + dropFirst() }
}
