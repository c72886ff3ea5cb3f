import Foundation
import OnboardDiagnostics
import OnboardSupport

/// `--baseline FILE`: the findings a team has accepted, so that only new ones are reported.
///
/// A finding is matched by its file (relative to the current folder), its rule id and a
/// fingerprint of the key on its line (the text before the line's first `=` or `:`, without
/// `export ` and spaces; none for a finding about the whole file), never by line number, so lines added or removed elsewhere do not
/// break the match. The fingerprint is the first 16 hex digits of the key's SHA-256: a key that
/// is really a pasted secret is never stored. No value is stored at all. Each
/// (file, rule, fingerprint) keeps a count: a second finding of the same kind on another line
/// with the same key is new.
public struct LintBaseline: Sendable, Equatable {
  /// One accepted kind of finding.
  public struct Entry: Codable, Sendable, Hashable {
    /// The file, relative to the current folder.
    public var file: String
    /// The rule id.
    public var rule: String
    /// The key's fingerprint (empty for a finding on a line without a key).
    public var key: String
    /// How many such findings are accepted.
    public var count: Int
  }

  private struct Document: Codable {
    var version: Int
    var tool: String
    var findings: [Entry]
  }

  /// A baseline that cannot be read.
  public struct ReadError: Error, Sendable, CustomStringConvertible {
    /// Why, in words (never the file's content).
    public var description: String
  }

  /// The accepted findings.
  public private(set) var entries: [Entry]

  /// Creates a baseline from findings; `readLine` gives a file's line (to fingerprint its key).
  public init(_ diagnostics: [Diagnostic], readLine: (String, Int) -> [UInt8]?) {
    var counts: [Identity: Int] = [:]
    for diagnostic in diagnostics { counts[Self.identity(diagnostic, readLine: readLine), default: 0] += 1 }
    entries = counts.map { Entry(file: $0.key.file, rule: $0.key.rule, key: $0.key.key, count: $0.value) }
      .sorted { ($0.file, $0.rule, $0.key) < ($1.file, $1.rule, $1.key) }
  }

  /// Reads a baseline written by ``encoded()``.
  public init(contentsOf path: String) throws {
    let bytes: [UInt8]
    do {
      bytes = try InputFile.read(path, limits: .dataFile)
    } catch let error as InputFile.ReadError {
      throw ReadError(description: "the baseline: \(error.description)")
    }
    guard let document = try? JSONDecoder().decode(Document.self, from: Data(bytes)), document.version == 1 else {
      throw ReadError(
        description: "\(path) is not an onboard lint baseline (write one with onboard lint --write-baseline \(path))")
    }
    entries = document.findings
  }

  /// The findings the baseline does not accept, in their order.
  public func newFindings(_ diagnostics: [Diagnostic], readLine: (String, Int) -> [UInt8]?) -> [Diagnostic] {
    var remaining: [Identity: Int] = [:]
    for entry in entries {
      remaining[Identity(file: entry.file, rule: entry.rule, key: entry.key), default: 0] += entry.count
    }
    return diagnostics.filter { diagnostic in
      let identity = Self.identity(diagnostic, readLine: readLine)
      guard let left = remaining[identity], left > 0 else { return true }
      remaining[identity] = left - 1
      return false
    }
  }

  /// The baseline as JSON text, sorted, ending with a line break.
  public func encoded() -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let data = (try? encoder.encode(Document(version: 1, tool: "onboard lint", findings: entries))) ?? Data("{}".utf8)
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  private struct Identity: Hashable {
    var file: String
    var rule: String
    var key: String
  }

  private static func identity(_ diagnostic: Diagnostic, readLine: (String, Int) -> [UInt8]?) -> Identity {
    let file = FileSystemPath.relative(diagnostic.location.file, to: FileSystemPath.currentDirectory())
    let location = diagnostic.location
    // A point at the very start is about the whole file (a missing credential, a byte-order
    // mark): whatever line 1 holds today is not its key.
    let isWholeFile = location.line == 1 && location.column == 1 && location.endLine == nil
    let key = isWholeFile ? "" : readLine(location.file, location.line).map(keyFingerprint) ?? ""
    return Identity(file: file, rule: diagnostic.ruleID, key: key)
  }

  /// The fingerprint of the key on a line: the SHA-256 prefix of the text before its first `=`
  /// or `:` (trimmed, without `export `), or "" when the line has no key.
  static func keyFingerprint(_ line: [UInt8]) -> String {
    var text = String(decoding: line, as: UTF8.self)
    if let end = text.firstIndex(where: { $0 == "=" || $0 == ":" }) { text = String(text[..<end]) } else { return "" }
    text = text.trimmingCharacters(in: .whitespaces)
    if text.hasPrefix("export ") { text = String(text.dropFirst(7)).trimmingCharacters(in: .whitespaces) }
    if text.hasPrefix("-") { text = String(text.dropFirst()).trimmingCharacters(in: .whitespaces) }
    guard !text.isEmpty else { return "" }
    return String(SHA256.hexDigest(text).prefix(16))
  }
}
