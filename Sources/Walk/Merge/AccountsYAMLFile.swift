import CredentialSpecs
import Escaping
import OnboardDiagnostics
import PacketPlanning
import Yams

/// An accounts-yaml credential file (a YAML mapping of account name to credential keys),
/// edited as text so that everything outside the accounts it changes stays byte for byte as
/// it was: other accounts, comments, blank lines, quoting styles, line endings, a byte-order
/// mark.
///
/// Yams is used only to read the structure (``Yams/compose(yaml:_:_:_:)`` gives the line of
/// each top-level key) and to verify the result; the file is never re-emitted by Yams, which
/// would drop comments and change quoting.
///
/// An account's block runs from its key line to the line before the next top-level key, less
/// the blank lines and unindented comments at its end (those belong to what follows). Changing
/// an account replaces exactly that block; adding one appends a block at the end of the file
/// (before a final `...` document-end line), after a blank line. Values are written as
/// single-quoted YAML scalars (`'` doubled), keys plain when they are safe identifiers,
/// nested keys indented as the file already indents them (2 spaces otherwise).
///
/// ``verifiedText()`` renders the result and reads it back with Yams: every account that was
/// not changed must load to the same value as before, and every changed account must load to
/// exactly the values given; otherwise the edit is refused.
public struct AccountsYAMLFile {
  /// An account the file has.
  public struct ExistingAccount: Sendable, Equatable {
    /// The account name.
    public var name: String
    /// The 1-based line of its key.
    public var line: Int
  }

  /// Why a file cannot be edited. Messages never contain file content.
  public enum EditError: Error, Sendable, CustomStringConvertible {
    /// The file is not valid YAML (or not UTF-8); the diagnostic says where.
    case invalid(Diagnostic)
    /// The file's structure is not a block mapping of accounts at the top level.
    case unsupported(location: DiagnosticLocation, reason: String)
    /// The edited text did not read back as intended (an internal safeguard).
    case verificationFailed(file: String, reason: String)

    public var description: String {
      switch self {
      case .invalid(let diagnostic):
        return "\(diagnostic.location): \(diagnostic.message)"
      case .unsupported(let location, let reason):
        return "\(location): \(reason)"
      case .verificationFailed(let file, let reason):
        return "\(file): the edited file would not read back as intended (\(reason)); nothing was written"
      }
    }
  }

  /// Rule id of the diagnostic for a target file that is not valid YAML.
  public static let invalidRule = "merge/invalid-target"

  /// The path shown in messages.
  public let file: String
  private var hasByteOrderMark: Bool
  /// The lines, without their `\n` (a `\r` before it stays part of the line).
  private var lines: [String]
  private var hasFinalNewline: Bool
  private let usesCRLF: Bool
  private let indentUnit: Int
  private var blocks: [Block]
  private let originalRoot: Node.Mapping?
  private var changed: [String: AccountCredentials] = [:]

  /// An account's key line and block, as 0-based line indices (inclusive).
  private struct Block: Sendable {
    var name: String
    var start: Int
    var end: Int
  }

  /// Reads a file's text. `nil` or empty text is an empty file.
  /// - Throws: ``EditError``.
  public init(bytes: [UInt8]?, file: String) throws {
    self.file = file
    var content = bytes ?? []
    hasByteOrderMark = content.starts(with: [0xEF, 0xBB, 0xBF])
    if hasByteOrderMark { content.removeFirst(3) }
    guard let text = String(validating: content, as: UTF8.self) else {
      throw EditError.invalid(
        Diagnostic(
          severity: .error, ruleID: Self.invalidRule, message: "The file is not UTF-8 text.",
          location: DiagnosticLocation(file: file, line: 1, column: 1)))
    }
    // Split the bytes at line feeds (a Swift Character "\r\n" would not split at "\n"); a
    // carriage return stays at the end of its line, so CRLF lines are kept as they are.
    var split = content.split(separator: 0x0A, omittingEmptySubsequences: false).map {
      String(decoding: $0, as: UTF8.self)
    }
    hasFinalNewline = content.last == 0x0A
    if hasFinalNewline || content.isEmpty { split.removeLast() }
    lines = split
    let crlf = split.filter { $0.utf8.last == 0x0D }.count
    usesCRLF = !split.isEmpty && crlf * 2 > split.count

    let position = YAMLPosition(file: file, text: text)
    if let found = YAMLAliasScan.first(in: text) {
      // An alias could stand for a huge document (and hang Yams as a mapping key).
      throw EditError.invalid(
        Diagnostic(
          severity: .error, ruleID: Self.invalidRule,
          message: "The file uses \(found.kind); credential files may not use YAML anchors or aliases.",
          location: DiagnosticLocation(
            file: file, line: found.line, column: found.column + (found.line == 1 && hasByteOrderMark ? 3 : 0))))
    }
    let root: Node?
    do {
      root = try Yams.compose(yaml: text)
    } catch {
      throw EditError.invalid(position.syntaxDiagnostic(error, ruleID: Self.invalidRule, what: "The file"))
    }
    var found: [Block] = []
    var indent: Int?
    if let root {
      guard let mapping = root.mapping else {
        throw EditError.unsupported(
          location: position.location(root.mark),
          reason: "the file's top level is \(Self.shape(of: root)), not a mapping of account names")
      }
      // Yams reports no usable style for a mapping, so look at where it starts: a flow
      // mapping starts with '{'.
      guard !Self.startsWithBrace(split, at: mapping.mark) else {
        throw EditError.unsupported(
          location: position.location(mapping.mark),
          reason: "the file's top level is a flow mapping ({...}); onboard edits block-style files only")
      }
      for (key, value) in mapping {
        guard let name = key.scalar?.string, let mark = key.mark, mark.column == 1 else {
          throw EditError.unsupported(
            location: position.location(key.mark),
            reason: "a top-level key is not a plain or quoted name at the start of a line")
        }
        found.append(Block(name: name, start: mark.line - 1, end: mark.line - 1))
        if indent == nil, let nested = value.mapping, let firstKey = nested.first?.key,
          let nestedMark = firstKey.mark, nestedMark.line > mark.line, nestedMark.column > 1,
          !Self.startsWithBrace(split, at: nested.mark)
        {
          let column = nestedMark.column
          indent = column - 1
        }
      }
      originalRoot = mapping
    } else {
      originalRoot = nil
    }
    indentUnit = min(max(indent ?? 2, 1), 8)
    blocks = found
    for index in blocks.indices {
      let limit = index + 1 < blocks.count ? blocks[index + 1].start - 1 : lines.count - 1
      var end = max(limit, blocks[index].start)
      while end > blocks[index].start, Self.belongsToWhatFollows(lines[end]) { end -= 1 }
      blocks[index].end = end
    }
  }

  /// The accounts the file has, in file order (after any edits).
  public var accounts: [ExistingAccount] {
    blocks.map { ExistingAccount(name: $0.name, line: $0.start + 1) }
  }

  /// The account with this name, if the file has it.
  public func account(named name: String) -> ExistingAccount? {
    accounts.first { $0.name == name }
  }

  /// Replaces the account's block, or appends one when the file has no such account.
  public mutating func upsert(_ account: AccountCredentials) {
    let newLines = render(account)
    if let index = blocks.firstIndex(where: { $0.name == account.name }) {
      let block = blocks[index]
      lines.replaceSubrange(block.start...block.end, with: newLines)
      let shift = newLines.count - (block.end - block.start + 1)
      blocks[index].end = block.start + newLines.count - 1
      for later in blocks.indices where later > index {
        blocks[later].start += shift
        blocks[later].end += shift
      }
    } else {
      var insertAt = lines.count
      if let last = lines.lastIndex(where: { !Self.isBlank($0) }), Self.isDocumentEnd(lines[last]) {
        insertAt = last
      }
      var inserted = newLines
      if insertAt > 0, !Self.isBlank(lines[insertAt - 1]) { inserted.insert(usesCRLF ? "\r" : "", at: 0) }
      lines.insert(contentsOf: inserted, at: insertAt)
      let start = insertAt + inserted.count - newLines.count
      blocks.append(Block(name: account.name, start: start, end: start + newLines.count - 1))
      hasFinalNewline = true
    }
    changed[account.name] = account
  }

  /// The file's text as edited, without verification.
  public func renderedBytes() -> [UInt8] {
    var text = lines.joined(separator: "\n")
    if hasFinalNewline && !lines.isEmpty { text += "\n" }
    return (hasByteOrderMark ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8)
  }

  /// The file's text as edited, after checking that it reads back as intended.
  /// - Throws: ``EditError/verificationFailed(file:reason:)``.
  public func verifiedBytes() throws -> [UInt8] {
    let bytes = renderedBytes()
    let body = hasByteOrderMark ? Array(bytes.dropFirst(3)) : bytes
    func fail(_ reason: String) -> EditError { .verificationFailed(file: file, reason: reason) }
    let root: Node?
    do {
      root = try Yams.compose(yaml: String(decoding: body, as: UTF8.self))
    } catch {
      throw fail("it is not valid YAML")
    }
    guard let mapping = root?.mapping else { throw fail("its top level is not a mapping") }
    var resultKeys: [String] = []
    for (key, _) in mapping {
      guard let name = key.scalar?.string else { throw fail("a top-level key is not a name") }
      resultKeys.append(name)
    }
    let expectedKeys = blocks.map(\.name)
    guard resultKeys == expectedKeys else { throw fail("the top-level keys are not the expected ones") }
    for (key, value) in mapping {
      guard let name = key.scalar?.string else { continue }
      if let account = changed[name] {
        guard let written = value.mapping, written.count == account.values.count else {
          throw fail("account \(Redaction.name(name, specs: CredentialSpecSet())) does not hold the keys written")
        }
        for ((writtenKey, writtenValue), expected) in zip(written, account.values) {
          guard writtenKey.scalar?.string == expected.key, let scalar = writtenValue.scalar,
            scalar.string == expected.value, scalar.style == .singleQuoted || scalar.style == .doubleQuoted
          else {
            throw fail(
              "a value of account \(Redaction.name(name, specs: CredentialSpecSet())) does not read back as written")
          }
        }
      } else if let before = Self.lookup(originalRoot, name) {
        guard before == value else {
          throw fail("account \(Redaction.name(name, specs: CredentialSpecSet())) would change")
        }
      }
    }
    return bytes
  }

  // MARK: - Rendering

  private func render(_ account: AccountCredentials) -> [String] {
    let ending = usesCRLF ? "\r" : ""
    let pad = String(repeating: " ", count: indentUnit)
    let escaper = YAMLEscaper()
    guard !account.values.isEmpty else { return [YAMLEscaper.key(account.name) + ": {}" + ending] }
    var rendered = [YAMLEscaper.key(account.name) + ":" + ending]
    for (key, value) in account.values {
      rendered.append(pad + YAMLEscaper.key(key) + ": " + escaper.escape(value) + ending)
    }
    return rendered
  }

  // MARK: - Line kinds

  private static func isBlank(_ line: String) -> Bool {
    line.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
  }

  private static func isDocumentEnd(_ line: String) -> Bool {
    line.hasPrefix("...") && isBlank(String(line.dropFirst(3)))
  }

  /// Blank lines, comments that start at the line's start, and a document-end marker end a
  /// block: they introduce (or close) what follows.
  private static func belongsToWhatFollows(_ line: String) -> Bool {
    isBlank(line) || line.hasPrefix("#") || isDocumentEnd(line)
  }

  private static func startsWithBrace(_ lines: [String], at mark: Mark?) -> Bool {
    guard let mark, mark.line >= 1, mark.line <= lines.count else { return false }
    let scalars = Array(lines[mark.line - 1].unicodeScalars)
    guard mark.column >= 1, mark.column <= scalars.count else { return false }
    return scalars[mark.column - 1] == "{"
  }

  private static func lookup(_ mapping: Node.Mapping?, _ name: String) -> Node? {
    mapping?.first { $0.key.scalar?.string == name }?.value
  }

  private static func shape(of node: Node) -> String {
    switch node {
    case .scalar: return "a single value"
    case .sequence: return "a list"
    case .mapping: return "a mapping"
    case .alias: return "an alias"
    }
  }
}
