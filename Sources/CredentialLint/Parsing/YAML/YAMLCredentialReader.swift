import CredentialSpecs
import Yams

/// Reads a YAML credential file (account sections, or one flat mapping) into a
/// ``CredentialDocument``, as PyYAML's SafeLoader would load it.
///
/// Yams (libyaml) checks the syntax and gives every node's position and scalar style. Yams
/// refuses a document with duplicate keys outright, so when it does, ``YAMLBlockScanner``
/// finds every duplicate and the earlier copies (which PyYAML silently drops) are blanked out
/// before Yams reads the rest. Yams's error text quotes the document, so it is never used:
/// messages are built from the error's position and libyaml's fixed problem phrases.
struct YAMLCredentialReader {
  let source: SourceFile
  let layout: ServiceLayout.FileLayout
  /// Whether a top-level name is a credential key (a stray key that lost its indentation).
  let isCredentialKey: (String) -> Bool
  /// The byte order marks of the text last composed (see ``YAMLByteOrderMarks``).
  private let marks = MarksOfText()

  /// Holds the ``YAMLByteOrderMarks`` of the text being read, for the helpers below.
  private final class MarksOfText {
    var marks: YAMLByteOrderMarks?
  }

  /// A scalar's text as PyYAML loads it (a leading U+FEFF kept).
  private func string(_ scalar: Node.Scalar) -> String {
    marks.marks?.string(scalar) ?? scalar.string
  }

  func read() -> CredentialDocument {
    var document = CredentialDocument(source: source, format: .yaml, layout: layout)
    if let invalid = source.firstInvalidUTF8Offset {
      document.syntaxIssues.append(
        SyntaxIssue(
          span: SourceSpan(start: invalid, end: invalid + 1),
          message: "The file is not valid UTF-8, so YAML cannot read it.",
          fix: "Save the file as UTF-8."))
      document.isUnreadable = true
      return document
    }
    var text = source.text
    if let found = YAMLAliasScan.first(in: text) {
      document.yaml.aliasSpan = span(line: found.line, byteColumn: found.column)
      document.yaml.aliasIsAnchor = found.isAnchor
      document.isUnreadable = true
      return document
    }
    var root: Node?
    do {
      root = try compose(text)
    } catch let error as YamlError {
      if case .duplicatedKeysInMapping = error {
        let scanned = YAMLBlockScanner(source: source).scan()
        let (duplicates, blankRanges) = duplicateGroups(scanned)
        document.duplicates = duplicates
        if !blankRanges.isEmpty {
          text = String(decoding: YAMLBlockScanner.blanking(source, lines: blankRanges), as: UTF8.self)
          do {
            root = try compose(text)
          } catch {
            document.syntaxIssues.append(syntaxIssue(error, text: text))
            document.isUnreadable = true
            return document
          }
        } else {
          // The duplicates are where the line scanner cannot see them (a flow mapping).
          let diagnostic = YAMLPosition(file: source.path, text: text).location(errorMark(error))
          document.duplicates.append(
            DuplicateKey(
              name: "", account: nil, isAccountSection: false,
              occurrences: [span(line: diagnostic.line, byteColumn: diagnostic.column)],
              lines: [diagnostic.line]))
          document.isUnreadable = true
          return document
        }
      } else {
        document.syntaxIssues.append(syntaxIssue(error, text: text))
        document.isUnreadable = true
        return document
      }
    } catch {
      document.syntaxIssues.append(syntaxIssue(error, text: text))
      document.isUnreadable = true
      return document
    }
    guard let root else {
      document.yaml.isEmptyDocument = true
      return document
    }
    guard let mapping = root.mapping else {
      document.yaml.rootShape = shape(of: root)
      document.yaml.rootSpan = nodeSpan(root)
      return document
    }
    if layout.kind == .flatYAML {
      document.accounts.append(AccountSection(name: nil, span: nodeSpan(root)))
      for (keyNode, valueNode) in mapping {
        if let entry = entry(account: nil, keyNode: keyNode, valueNode: valueNode) {
          document.entries.append(entry)
        }
      }
      return document
    }
    let allowed = Set(layout.allowedTopLevelKeys)
    for (keyNode, valueNode) in mapping {
      guard let keyScalar = keyNode.scalar else {
        document.accounts.append(
          AccountSection(
            name: "", span: nodeSpan(keyNode), isMapping: false,
            shapeDescription: "a key that is itself a \(shape(of: keyNode))"))
        continue
      }
      let name = string(keyScalar)
      let keySpan = tokenSpan(keyNode)
      let keyType = loadedType(of: keyScalar)
      if !keyType.isString {
        document.yaml.nonStringKeys.append(
          NonStringKey(text: name, loadedType: keyType, span: keySpan, isAccount: valueNode.mapping != nil))
      }
      if allowed.contains(name), valueNode.mapping == nil {
        if let setting = entry(account: nil, keyNode: keyNode, valueNode: valueNode) {
          document.yaml.settings.append(setting)
        }
        continue
      }
      if let section = valueNode.mapping {
        document.accounts.append(AccountSection(name: name, span: keySpan))
        for (innerKey, innerValue) in section {
          if let entry = entry(account: name, keyNode: innerKey, valueNode: innerValue) {
            document.entries.append(entry)
          }
        }
        continue
      }
      if isCredentialKey(name), let stray = entry(account: nil, keyNode: keyNode, valueNode: valueNode) {
        document.yaml.strayEntries.append(stray)
        continue
      }
      document.accounts.append(
        AccountSection(name: name, span: keySpan, isMapping: false, shapeDescription: shape(of: valueNode)))
    }
    return document
  }

  // MARK: - Entries

  private func entry(account: String?, keyNode: Node, valueNode: Node) -> CredentialEntry? {
    guard let keyScalar = keyNode.scalar else { return nil }
    let keySpan = tokenSpan(keyNode)
    switch valueNode {
    case .scalar(let scalar):
      let style = Self.style(scalar.style)
      let type = loadedType(of: scalar)
      let span = tokenSpan(valueNode)
      var comment: SourceSpan?
      if style == .plain, span.end > span.start { comment = trailingComment(after: span.end) }
      if style == .plain, string(scalar).isEmpty {
        return CredentialEntry(
          account: account, name: string(keyScalar), value: "", loadedType: .null, style: .none,
          keySpan: keySpan, valueSpan: nil)
      }
      return CredentialEntry(
        account: account, name: string(keyScalar), value: string(scalar), loadedType: type, style: style,
        keySpan: keySpan, valueSpan: span, trailingComment: comment)
    case .mapping:
      return CredentialEntry(
        account: account, name: string(keyScalar), value: "", loadedType: .mapping, style: .collection,
        keySpan: keySpan, valueSpan: nodeSpan(valueNode))
    case .sequence:
      return CredentialEntry(
        account: account, name: string(keyScalar), value: "", loadedType: .list, style: .collection,
        keySpan: keySpan, valueSpan: nodeSpan(valueNode))
    case .alias:
      return nil
    }
  }

  /// What PyYAML loads from a scalar: implicit resolution for untagged plain scalars, `!!str`
  /// for strings, and anything else for other explicit tags.
  private func loadedType(of scalar: Node.Scalar) -> LoadedType {
    // Yams resolves tags lazily and in place (hashing a key resolves it), so a tag counts as
    // explicit only when the source shows one where the node starts.
    let start = startOffset(scalar.mark)
    let hasExplicitTag = start < source.bytes.count && source.bytes[start] == UInt8(ascii: "!")
    guard hasExplicitTag else {
      return scalar.style == .plain ? YAMLImplicitResolver.resolve(string(scalar)) : .string
    }
    switch scalar.tag.rawValue {
    case "tag:yaml.org,2002:str": return .string
    case "tag:yaml.org,2002:int": return .integer
    case "tag:yaml.org,2002:float": return .float
    case "tag:yaml.org,2002:bool": return .boolean(YAMLImplicitResolver.boolean(string(scalar)) ?? false)
    case "tag:yaml.org,2002:null": return .null
    case "tag:yaml.org,2002:timestamp": return .timestamp
    case "tag:yaml.org,2002:binary": return .other("binary data (an explicit !!binary tag)")
    default: return .other("a value with an explicit tag that the loader does not accept")
    }
  }

  static func style(_ style: Node.Scalar.Style) -> ValueStyle {
    switch style {
    case .singleQuoted: return .singleQuoted
    case .doubleQuoted: return .doubleQuoted
    case .literal: return .literal
    case .folded: return .folded
    case .plain, .any: return .plain
    }
  }

  private func shape(of node: Node) -> String {
    switch node {
    case .scalar(let scalar):
      return scalar.string.isEmpty && scalar.style == .plain ? "nothing" : "a single value"
    case .sequence: return "a list"
    case .mapping: return "a mapping"
    case .alias: return "an alias"
    }
  }

  // MARK: - Positions

  private func span(line: Int, byteColumn: Int) -> SourceSpan {
    guard line >= 1, line <= source.lineCount else { return .point(source.bytes.count) }
    return .point(source.lineStarts[line - 1] + byteColumn - 1)
  }

  private func startOffset(_ mark: Mark?) -> Int {
    guard let mark else { return source.bomLength }
    return source.offset(line: mark.line, scalarColumn: mark.column)
  }

  private func nodeSpan(_ node: Node) -> SourceSpan {
    .point(startOffset(node.mark))
  }

  /// The bytes of a scalar token when it sits on one line: the plain text, or the text with
  /// its quotes. Multi-line and block scalars get a point at their start.
  private func tokenSpan(_ node: Node) -> SourceSpan {
    guard let scalar = node.scalar else { return nodeSpan(node) }
    let start = startOffset(node.mark)
    let bytes = source.bytes
    let line = source.line(ofOffset: start)
    let lineEnd = source.lineContentEnd(line)
    switch scalar.style {
    case .plain, .any:
      let value = Array(string(scalar).utf8)
      guard !value.isEmpty, start + value.count <= lineEnd,
        Array(bytes[start..<(start + value.count)]) == value
      else { return .point(start) }
      return SourceSpan(start: start, end: start + value.count)
    case .singleQuoted:
      var index = start + 1
      while index < lineEnd {
        if bytes[index] == UInt8(ascii: "'") {
          if index + 1 < lineEnd, bytes[index + 1] == UInt8(ascii: "'") {
            index += 2
            continue
          }
          return SourceSpan(start: start, end: index + 1)
        }
        index += 1
      }
      return .point(start)
    case .doubleQuoted:
      var index = start + 1
      while index < lineEnd {
        if bytes[index] == UInt8(ascii: "\\") {
          index += 2
          continue
        }
        if bytes[index] == UInt8(ascii: "\"") { return SourceSpan(start: start, end: index + 1) }
        index += 1
      }
      return .point(start)
    case .literal, .folded:
      return .point(start)
    }
  }

  /// A comment that follows a plain value on its line (`value #comment`), if any.
  private func trailingComment(after end: Int) -> SourceSpan? {
    let line = source.line(ofOffset: max(end - 1, 0))
    let lineEnd = source.lineContentEnd(line)
    var index = end
    while index < lineEnd, source.bytes[index] == 0x20 || source.bytes[index] == 0x09 { index += 1 }
    guard index > end, index < lineEnd, source.bytes[index] == UInt8(ascii: "#") else { return nil }
    return SourceSpan(start: index, end: lineEnd)
  }

  // MARK: - Yams

  /// Composes with the basic resolver (types are predicted with PyYAML's rules, not Yams's,
  /// and the default resolver runs regular expressions on every key) and an explicit UTF-8
  /// encoding (the default one reads the whole environment on every call).
  private func compose(_ text: String) throws -> Node? {
    let prepared = YAMLByteOrderMarks(text)
    marks.marks = prepared
    return try Yams.compose(yaml: prepared.text, .basic, .default, .utf8)
  }

  private func errorMark(_ error: YamlError) -> Mark? {
    switch error {
    case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
      return mark
    case .duplicatedKeysInMapping(_, let context):
      return context.mark
    default:
      return nil
    }
  }

  /// The last tab in a line's leading whitespace on `line` or the line before it (where the
  /// parser stops after a tab-indented line), as a 1-based line and byte column.
  static func indentingTab(in text: String, atOrBefore line: Int) -> (line: Int, column: Int)? {
    var found: (line: Int, column: Int)?
    var number = 0
    for lineText in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
      number += 1
      if number > line { break }
      guard number >= line - 1 else { continue }
      var column = 0
      for byte in lineText {
        column += 1
        if byte == 0x09 {
          found = (number, column)
          break
        }
        if byte != 0x20 { break }
      }
    }
    return found
  }

  private func syntaxIssue(_ error: Error, text: String) -> SyntaxIssue {
    let position = YAMLPosition(file: source.path, text: text)
    let diagnostic = position.syntaxDiagnostic(error, ruleID: "yaml/syntax", what: "The file")
    if let tab = Self.indentingTab(in: text, atOrBefore: diagnostic.location.line) {
      return SyntaxIssue(
        span: span(line: tab.line, byteColumn: tab.column),
        message:
          "The file is not valid YAML: line \(tab.line) is indented with a tab, and YAML forbids tabs for indentation. PyYAML fails on it too, and the consumer then reports the credentials as missing.",
        fix: "Indent with spaces instead of the tab.")
    }
    let at = span(line: diagnostic.location.line, byteColumn: diagnostic.location.column)
    var message = diagnostic.message
    if message.hasPrefix("The file is not valid YAML") {
      message += " PyYAML fails on it too, and the consumer then reports the credentials as missing."
    }
    return SyntaxIssue(span: at, message: message, fix: diagnostic.fix)
  }

  // MARK: - Duplicates

  private func duplicateGroups(_ keys: [YAMLBlockScanner.KeyLine]) -> ([DuplicateKey], [ClosedRange<Int>]) {
    // Keys are the same when they are in the same mapping (the same parent occurrence) and
    // PyYAML compares them equal.
    var groups: [[String]: [Int]] = [:]
    var order: [[String]] = []
    for (index, key) in keys.enumerated() {
      let identity = [key.parent.map(String.init) ?? "-", key.identity]
      if groups[identity] == nil { order.append(identity) }
      groups[identity, default: []].append(index)
    }
    var duplicates: [DuplicateKey] = []
    var blanks: [ClosedRange<Int>] = []
    for identity in order {
      guard let members = groups[identity], members.count > 1, let last = members.last else { continue }
      let occurrences = members.map { keys[$0] }
      let winner = keys[last]
      let isSection =
        layout.kind == .accountsYAML && winner.parent == nil
        && occurrences.contains { $0.hasChildren }
      duplicates.append(
        DuplicateKey(
          name: winner.text, account: layout.kind == .accountsYAML ? winner.displayPath.first : nil,
          isAccountSection: isSection, occurrences: occurrences.map(\.span), lines: occurrences.map(\.line)))
      for member in members.dropLast() { blanks.append(keys[member].line...keys[member].lastLine) }
    }
    return (duplicates, blanks)
  }
}
