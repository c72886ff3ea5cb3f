import CredentialSpecs
import OnboardDiagnostics
import OnboardSupport
import Yams

/// Reads a YAML roster: a list of mappings, one per seller.
///
/// Streaming: when the list is written in block style at the left margin (each seller starts
/// with `-` in column 1, the usual way), the reader collects one item's lines at a time and
/// composes only that item, so memory stays flat however long the roster is. Anything else
/// (a flow list `[...]`, an indented top-level list) is composed whole, which holds the file in
/// memory. In streaming mode anchors and aliases work only within one seller's item.
///
/// Every field keeps its line and column (1-based; columns count UTF-8 bytes). Yams error text
/// is never shown (it quotes the document); syntax problems name only their position.
final class YAMLRosterReader: RosterSource {
  private let reader: ByteReader
  private let file: String
  private var linesRead = 0
  private var pending: (line: [UInt8], number: Int)?
  private var started = false
  private var finished = false
  private var queue: [RosterItem] = []
  private var queueIndex = 0
  private var row = 0
  /// The first byte that is not UTF-8, once a line holding one was read; reading stops there.
  private var encodingProblem: Diagnostic?
  /// Whether items of the usual shape are read without Yams (``SimpleYAMLItem``); tests turn
  /// it off to compare both ways.
  var readsSimpleItemsDirectly = true
  /// How many items were read without Yams.
  private(set) var itemsReadDirectly = 0

  /// Opens `path`.
  /// - Parameters:
  ///   - path: the file to read.
  ///   - displayPath: the path diagnostics show.
  /// - Throws: ``RosterIOError``.
  init(path: String, displayPath: String? = nil) throws {
    self.reader = try ByteReader(path: path)
    self.file = displayPath ?? path
  }

  func next() -> RosterItem? {
    if !started {
      started = true
      start()
    }
    if queueIndex < queue.count {
      defer {
        queueIndex += 1
        if queueIndex == queue.count {
          queue.removeAll()
          queueIndex = 0
        }
      }
      return queue[queueIndex]
    }
    guard !finished, let first = pending else { return takeEncodingProblem() }
    pending = nil
    var lines = [first.line]
    while let line = readLine() {
      if Self.startsItem(line) {
        pending = (line, linesRead)
        break
      }
      if Self.endsDocument(line) {
        finish(afterLine: linesRead)
        break
      }
      lines.append(line)
    }
    if encodingProblem != nil { return takeEncodingProblem() }
    return composeItem(lines: lines, startLine: first.number)
  }

  /// The encoding problem, once (then the end of the roster).
  private func takeEncodingProblem() -> RosterItem? {
    guard let problem = encodingProblem else { return nil }
    encodingProblem = nil
    finished = true
    return .problem(problem)
  }

  // MARK: - Reading lines

  /// The next line; `nil` at the end of the file or at a line that is not UTF-8 (which is
  /// kept as ``encodingProblem``, and nothing after it is read).
  private func readLine() -> [UInt8]? {
    guard encodingProblem == nil, let line = reader.nextLine() else { return nil }
    linesRead += 1
    if let offset = UTF8Scan.firstInvalid(line[...]) {
      encodingProblem = RosterEncoding.problem(file: file, line: linesRead, byteColumn: offset + 1)
      finished = true
      pending = nil
      return nil
    }
    return line
  }

  /// A line that starts a top-level block sequence item: `-` in column 1 then a space, a tab
  /// or the end of the line.
  static func startsItem(_ line: [UInt8]) -> Bool {
    guard line.first == UInt8(ascii: "-") else { return false }
    if line.count == 1 { return true }
    return line[1] == 0x20 || line[1] == 0x09
  }

  /// `...` or `---` at the start of a line.
  static func endsDocument(_ line: [UInt8]) -> Bool {
    guard line.count >= 3 else { return false }
    let head = Array(line.prefix(3))
    guard head == Array("...".utf8) || head == Array("---".utf8) else { return false }
    return line.count == 3 || line[3] == 0x20 || line[3] == 0x09
  }

  /// A blank line or a comment line.
  static func isInsignificant(_ line: [UInt8]) -> Bool {
    for byte in line {
      if byte == 0x20 || byte == 0x09 || byte == 0x0D { continue }
      return byte == UInt8(ascii: "#")
    }
    return true
  }

  private func start() {
    var skipped: [[UInt8]] = []
    while let line = readLine() {
      if Self.isInsignificant(line) || line.first == UInt8(ascii: "%") || line == Array("---".utf8) {
        skipped.append(line)
        continue
      }
      if Self.startsItem(line) {
        pending = (line, linesRead)
        return
      }
      skipped.append(line)
      composeWhole(leading: skipped)
      return
    }
    finished = true
    if let problem = encodingProblem {
      encodingProblem = nil
      queue.append(.problem(problem))
    }
  }

  /// After `---` or `...`: anything else significant is a second document, which a roster
  /// cannot have.
  private func finish(afterLine number: Int) {
    finished = true
    while let line = readLine() {
      if Self.isInsignificant(line) || Self.endsDocument(line) { continue }
      queue.append(
        .problem(
          Diagnostic(
            severity: .error, ruleID: RosterRules.shape,
            message: "The roster holds more than one YAML document; put every seller in one list.",
            location: DiagnosticLocation(file: file, line: linesRead, column: 1))))
      return
    }
  }

  // MARK: - Composing

  private func composeItem(lines: [[UInt8]], startLine: Int) -> RosterItem? {
    if readsSimpleItemsDirectly,
      let record = SimpleYAMLItem.record(lines: lines, startLine: startLine, row: row + 1, file: file)
    {
      row += 1
      itemsReadDirectly += 1
      return .record(record)
    }
    return composeItemWithYams(lines: lines, startLine: startLine)
  }

  /// An item composed by Yams (any YAML).
  private func composeItemWithYams(lines: [[UInt8]], startLine: Int) -> RosterItem? {
    var bytes: [UInt8] = []
    for (index, line) in lines.enumerated() {
      if index > 0 { bytes.append(0x0A) }
      bytes.append(contentsOf: line)
    }
    let text = String(decoding: bytes, as: UTF8.self)
    let position = YAMLPosition(file: file, text: text, lineOffset: startLine - 1)
    row += 1
    if let found = YAMLAliasScan.first(in: text) {
      return .problem(aliasProblem(found, lineOffset: startLine - 1))
    }
    let marks = YAMLByteOrderMarks(text)
    let node: Node?
    do {
      node = try Yams.compose(yaml: marks.text, .default, .default, .utf8)
    } catch {
      if let duplicate = Self.duplicateKeyProblem(error, lines: lines, startLine: startLine, file: file) {
        return .problem(duplicate)
      }
      return .problem(position.syntaxDiagnostic(error, ruleID: RosterRules.syntax, what: "The roster"))
    }
    guard let items = node?.sequence, let item = items.first else {
      return .problem(shapeProblem(row: row, location: position.location(line: 1, scalarColumn: 1)))
    }
    let rowLocation = DiagnosticLocation(file: file, line: startLine, column: 1)
    return record(from: item, row: row, rowLocation: rowLocation, position: position, marks: marks)
  }

  private func composeWhole(leading: [[UInt8]]) {
    var bytes: [UInt8] = []
    for line in leading {
      bytes.append(contentsOf: line)
      bytes.append(0x0A)
    }
    while let line = readLine() {
      bytes.append(contentsOf: line)
      bytes.append(0x0A)
    }
    finished = true
    if let problem = encodingProblem {
      encodingProblem = nil
      queue.append(.problem(problem))
      return
    }
    let text = String(decoding: bytes, as: UTF8.self)
    let position = YAMLPosition(file: file, text: text)
    if let found = YAMLAliasScan.first(in: text) {
      queue.append(.problem(aliasProblem(found, lineOffset: 0)))
      return
    }
    let marks = YAMLByteOrderMarks(text)
    let node: Node?
    do {
      node = try Yams.compose(yaml: marks.text, .default, .default, .utf8)
    } catch {
      queue.append(.problem(position.syntaxDiagnostic(error, ruleID: RosterRules.syntax, what: "The roster")))
      return
    }
    guard let node else { return }
    guard let items = node.sequence else {
      queue.append(
        .problem(
          Diagnostic(
            severity: .error, ruleID: RosterRules.shape,
            message: "The roster must be a list of sellers (each item a mapping with id, name, marketplace, ...).",
            location: position.location(node.mark))))
      return
    }
    for item in items {
      row += 1
      queue.append(
        record(from: item, row: row, rowLocation: position.location(item.mark), position: position, marks: marks))
    }
  }

  /// A duplicate key, located at its second occurrence (Yams names the key but places the
  /// error at the mapping's start). Keys are field names, never values.
  static func duplicateKeyProblem(_ error: Error, lines: [[UInt8]], startLine: Int, file: String) -> Diagnostic? {
    guard case .duplicatedKeysInMapping(let duplicates, _)? = error as? YamlError, let key = duplicates.sorted().first
    else {
      return nil
    }
    var seen = 0
    for (index, line) in lines.enumerated() {
      var column = 0
      while column < line.count && (line[column] == 0x20 || line[column] == UInt8(ascii: "-")) { column += 1 }
      let rest = line[column...]
      let keyBytes = Array(key.utf8)
      guard rest.starts(with: keyBytes) else { continue }
      var after = column + keyBytes.count
      while after < line.count && line[after] == 0x20 { after += 1 }
      guard after < line.count, line[after] == UInt8(ascii: ":") else { continue }
      seen += 1
      if seen == 2 {
        return Diagnostic(
          severity: .error, ruleID: RosterRules.duplicateField,
          message: "The field \(Redaction.name(key, specs: CredentialSpecSet())) is given twice in one seller's entry.",
          location: DiagnosticLocation(file: file, line: startLine + index, column: column + 1),
          fix: "Keep one of the two.")
      }
    }
    return Diagnostic(
      severity: .error, ruleID: RosterRules.duplicateField,
      message: "The field \(Redaction.name(key, specs: CredentialSpecSet())) is given twice in one seller's entry.",
      location: DiagnosticLocation(file: file, line: startLine, column: 1), fix: "Keep one of the two.")
  }

  /// An anchor or alias, which rosters refuse (``YAMLAliasScan``).
  private func aliasProblem(_ found: YAMLAliasScan.Finding, lineOffset: Int) -> Diagnostic {
    Diagnostic(
      severity: .error, ruleID: RosterRules.alias,
      message:
        "The roster uses \(found.kind); rosters may not use YAML anchors or aliases, so this part of the roster was not read.",
      location: DiagnosticLocation(file: file, line: lineOffset + found.line, column: found.column),
      fix: "Write each value out in full; quote a value that starts with & or *.")
  }

  private func shapeProblem(row: Int, location: DiagnosticLocation) -> Diagnostic {
    Diagnostic(
      severity: .error, ruleID: RosterRules.shape,
      message: "Row \(row) is not a mapping of fields; write each seller as 'id: ...', 'name: ...' lines.",
      location: location)
  }

  private func record(
    from item: Node, row: Int, rowLocation: DiagnosticLocation, position: YAMLPosition, marks: YAMLByteOrderMarks
  ) -> RosterItem {
    guard let mapping = item.mapping else {
      return .problem(shapeProblem(row: row, location: position.location(item.mark)))
    }
    var fields: [RosterRecord.RosterField] = []
    for (key, value) in mapping {
      guard let name = key.scalar.map(marks.string) else {
        return .problem(
          Diagnostic(
            severity: .error, ruleID: RosterRules.shape,
            message: "Row \(row) has a field whose name is not text.", location: position.location(key.mark)))
      }
      guard let converted = Self.value(of: value, position: position, marks: marks) else { continue }
      fields.append(
        RosterRecord.RosterField(
          name: name, value: converted, location: position.location(key.mark),
          valueLocation: position.location(value.mark)))
    }
    return .record(RosterRecord(row: row, location: rowLocation, fields: fields))
  }

  /// A node as a field value; `nil` for a null (an absent field).
  static func value(of node: Node, position: YAMLPosition, marks: YAMLByteOrderMarks) -> RosterRecord.Value? {
    switch node {
    case .scalar(let scalar):
      if node.null != nil && scalar.style == .plain { return nil }
      return .text(marks.string(scalar))
    case .mapping(let mapping):
      var entries: [RosterRecord.RosterField] = []
      for (key, value) in mapping {
        guard let name = key.scalar.map(marks.string) else {
          return .unsupported(kind: "a mapping with a non-text key")
        }
        switch value {
        case .scalar(let scalar):
          if value.null != nil && scalar.style == .plain { continue }
          entries.append(
            RosterRecord.RosterField(
              name: name, value: .text(marks.string(scalar)), location: position.location(key.mark),
              valueLocation: position.location(value.mark)))
        case .mapping: return .unsupported(kind: "a nested mapping")
        case .sequence: return .unsupported(kind: "a mapping holding a list")
        case .alias: return .unsupported(kind: "an alias")
        }
      }
      return .mapping(entries)
    case .sequence:
      return .unsupported(kind: "a list")
    case .alias:
      return .unsupported(kind: "an alias")
    }
  }
}
