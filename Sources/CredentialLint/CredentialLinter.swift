import CredentialSpecs
import Foundation
import OnboardDiagnostics
import OnboardSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Lints filled-in credential files (YAML account sections, dotenv, JSON secrets) against a
/// guide's credential specs and a service's layout.
///
/// Every finding has a file, a 1-based line and a 1-based UTF-8 byte column, a rule id, a
/// severity, a message and (where one exists) a fix. No finding contains a credential value.
public struct CredentialLinter: Sendable {
  /// Options.
  public struct Options: Sendable {
    /// Whether to check the file's permissions (`file/permissions`).
    public var checkPermissions: Bool

    /// Creates options.
    public init(checkPermissions: Bool = true) {
      self.checkPermissions = checkPermissions
    }
  }

  /// A file that could not be read.
  public struct ReadError: Error, Sendable, CustomStringConvertible {
    /// The path.
    public var path: String
    /// Why, in the system's words (never the content).
    public var reason: String

    public var description: String { "cannot read \(path): \(reason)" }

    /// Creates an error.
    public init(path: String, reason: String) {
      self.path = path
      self.reason = reason
    }
  }

  /// The guide's credential specs.
  public let specs: CredentialSpecSet
  /// The service's layout.
  public let layout: ServiceLayout
  /// Options.
  public let options: Options
  /// The rules that run.
  public let rules: [any LintRule]
  private let names: CredentialNames
  private let validator: ValueValidator

  /// Creates a linter.
  public init(
    specs: CredentialSpecSet, layout: ServiceLayout, options: Options = Options(),
    rules: [any LintRule] = LintRuleCatalogue.all
  ) {
    self.specs = specs
    self.layout = layout
    self.options = options
    self.rules = rules
    self.names = CredentialNames(specs: specs, layout: layout)
    self.validator = ValueValidator(specs: specs)
  }

  /// The descriptors of the rules that run, and of the configuration's own findings.
  public var ruleDescriptors: [RuleDescriptor] { rules.map(\.descriptor) + LintConfigurationRules.descriptors }

  /// Every rule id a disable comment or a configuration may name.
  public var knownRuleIDs: Set<String> { Set(LintRuleCatalogue.all.map(\.descriptor.id)) }

  /// Lints a file on disk.
  /// - Parameters:
  ///   - path: the file.
  ///   - layoutName: `--as`: a layout name (`yaml`, `env`, `json`); detected when `nil`.
  /// - Returns: the findings, in report order.
  /// - Throws: ``ReadError`` when the file cannot be read, ``FormatDetector/UnknownFormat``.
  public func lint(file path: String, as layoutName: String? = nil) throws -> [Diagnostic] {
    try lintFile(path, as: layoutName).diagnostics
  }

  /// Lints many files on disk, on `workers` threads (default: one per processor); the results
  /// are in the order of `paths`. Each thread gets at least 32 files, so fewer than 64 are
  /// linted on this thread, and the processors are not counted for them (counting costs
  /// about a tenth of linting one small file).
  /// - Returns: each file's findings, or the error that stopped it (``ReadError``,
  ///   ``FormatDetector/UnknownFormat``).
  public func lintFiles(
    _ paths: [String], as layoutName: String? = nil, workers: Int? = nil
  ) -> [Result<[Diagnostic], any Error>] {
    let batches = paths.count / 32
    let workerCount =
      batches < 2 ? 1 : max(1, min(workers ?? ProcessInfo.processInfo.activeProcessorCount, 16, batches))
    guard workerCount > 1 else { return paths.map { path in Result { try lint(file: path, as: layoutName) } } }
    // Each worker lints every workerCount-th file and stores its results under the lock.
    let results = Locked<[Result<[Diagnostic], any Error>?]>(Array(repeating: nil, count: paths.count))
    DispatchQueue.concurrentPerform(iterations: workerCount) { worker in
      var local: [(Int, Result<[Diagnostic], any Error>)] = []
      var index = worker
      while index < paths.count {
        local.append((index, Result { try self.lint(file: paths[index], as: layoutName) }))
        index += workerCount
      }
      results.withLock { results in
        for (index, result) in local { results[index] = result }
      }
    }
    return results.withLock { $0.map { $0 ?? .success([]) } }
  }

  /// Lints a file on disk and returns the parsed document too (for `--fix`).
  public func lintFile(_ path: String, as layoutName: String? = nil) throws -> (
    document: CredentialDocument, diagnostics: [Diagnostic]
  ) {
    let (bytes, mode) = try Self.read(path)
    let layoutFile = try chooseLayout(path: path, bytes: bytes, as: layoutName)
    let document = parse(bytes: bytes, file: path, layout: layoutFile)
    return (document, lint(document, permissions: options.checkPermissions ? mode : nil))
  }

  /// Lints bytes as if read from `file`.
  /// - Parameters:
  ///   - bytes: the file's content.
  ///   - file: the path shown in findings (it also picks the format when `layoutName` is nil).
  ///   - layoutName: `--as`: a layout name; detected when `nil`.
  ///   - permissions: the file's mode bits, to check them; `nil` skips the check.
  public func lint(bytes: [UInt8], file: String, as layoutName: String? = nil, permissions: UInt16? = nil) throws
    -> [Diagnostic]
  {
    let layoutFile = try chooseLayout(path: file, bytes: bytes, as: layoutName)
    return lint(parse(bytes: bytes, file: file, layout: layoutFile), permissions: permissions)
  }

  /// The layout a file is read as.
  public func chooseLayout(path: String, bytes: [UInt8], as layoutName: String?) throws -> ServiceLayout.FileLayout {
    if let layoutName { return try FormatDetector.layout(named: layoutName, in: layout) }
    return FormatDetector.detect(path: path, bytes: bytes, in: layout)
  }

  /// Parses a file into a document, with every entry matched to its spec.
  public func parse(bytes: [UInt8], file: String, layout fileLayout: ServiceLayout.FileLayout) -> CredentialDocument {
    let source = SourceFile(path: file, bytes: bytes)
    var document: CredentialDocument
    switch CredentialFileFormat(kind: fileLayout.kind) {
    case .yaml where fileLayout.kind == .pythonDict:
      document = PythonDictReader(source: source, layout: fileLayout).read()
    case .yaml:
      let names = self.names
      document = YAMLCredentialReader(
        source: source, layout: fileLayout,
        isCredentialKey: { name in
          names.match(name, format: .yaml) != nil || names.caseCorrection(name, format: .yaml) != nil
            || names.specs.specs.contains { $0.aliases.contains(name) }
        }
      ).read()
    case .dotenv:
      document = DotenvReader(source: source, layout: fileLayout).read()
    case .json:
      document = JSONSecretReader(source: source, layout: fileLayout).read()
    }
    for index in document.entries.indices {
      if let match = names.match(document.entries[index].name, format: document.format) {
        document.entries[index].specKey = match.key
        if document.format == .dotenv { document.entries[index].account = match.account }
      }
    }
    for index in document.yaml.strayEntries.indices {
      document.yaml.strayEntries[index].specKey =
        names.match(document.yaml.strayEntries[index].name, format: .yaml)?.key
    }
    return document
  }

  /// Runs every rule on a parsed document.
  public func lint(_ document: CredentialDocument, permissions: UInt16?) -> [Diagnostic] {
    let context = LintContext(
      document: document, specs: specs, layout: layout, names: names, permissions: permissions,
      valueChecks: valueChecks(document))
    var diagnostics: [Diagnostic] = []
    for rule in rules { diagnostics += rule.check(context) }
    if document.format != .json {
      let suppressions = InlineSuppressions(source: document.source, known: knownRuleIDs)
      diagnostics = diagnostics.filter { !suppressions.isSilenced($0) } + suppressions.problems
    }
    return Diagnostic.sortedForReport(diagnostics)
  }

  private func valueChecks(_ document: CredentialDocument) -> [LintContext.ValueCheck] {
    var checks: [LintContext.ValueCheck] = []
    for entry in document.effectiveEntries {
      guard let key = entry.specKey, let spec = specs[key: key], !spec.isDeprecated,
        entry.loadedType == .string, !entry.isEmpty
      else { continue }
      if document.format == .yaml, document.layout.kind == .accountsYAML, entry.account == nil { continue }
      checks.append(LintContext.ValueCheck(entry: entry, spec: spec, findings: validator.check(entry.value, as: spec)))
    }
    return checks
  }

  /// Reads a file's bytes and permission bits: a regular file within the limits for a
  /// credential file (``InputFile``).
  static func read(_ path: String) throws -> ([UInt8], UInt16) {
    do {
      let contents = try InputFile.readWithMode(path, limits: .credentialFile)
      return (contents.bytes, contents.mode)
    } catch let error as InputFile.ReadError {
      throw ReadError(path: path, reason: error.reason)
    }
  }
}
