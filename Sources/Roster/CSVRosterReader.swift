import CredentialSpecs
import OnboardDiagnostics
import OnboardSupport

/// Reads a CSV roster (RFC 4180): a header row naming the fields, then one seller per record.
///
/// Fields are separated by commas; a field in double quotes may hold commas, line breaks and
/// doubled quotes (`""`). Records end with CRLF or LF; blank lines are skipped; a UTF-8 byte
/// order mark at the start is ignored. The file is read in 64 KiB chunks and one record at a time,
/// so memory stays flat however long the roster is. Every cell keeps the line and byte column
/// where it starts. A cell that is empty is an absent field.
final class CSVRosterReader: RosterSource {
  /// One cell as read.
  struct Cell {
    var text: String
    var line: Int
    var column: Int
  }

  private let reader: ByteReader
  private let file: String
  private var line = 1
  private var column = 1
  private var header: [Cell]?
  private var row = 0
  private var atStart = true
  private var done = false

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
    while !done {
      let parsed = readRecord()
      if let problem = parsed.problem { return .problem(problem) }
      guard let cells = parsed.cells else { return nil }
      if cells.count == 1 && cells[0].text.isEmpty { continue }
      guard let header else {
        header = cells.map { Cell(text: $0.text.trimmingAny(of: " \t"), line: $0.line, column: $0.column) }
        if let problem = checkHeader() { return .problem(problem) }
        continue
      }
      row += 1
      let location = DiagnosticLocation(file: file, line: cells[0].line, column: 1)
      if cells.count > header.count {
        let extra = cells[header.count]
        return .problem(
          Diagnostic(
            severity: .error, ruleID: RosterRules.syntax,
            message: "Row \(row) has \(cells.count) cells but the header names \(header.count) columns.",
            location: DiagnosticLocation(file: file, line: extra.line, column: extra.column),
            fix: "Quote cells that contain commas, or add a column to the header."))
      }
      var fields: [RosterRecord.RosterField] = []
      for (index, cell) in cells.enumerated() where !cell.text.isEmpty {
        let name = header[index].text
        guard !name.isEmpty else { continue }
        fields.append(
          RosterRecord.RosterField(
            name: name, value: .text(cell.text),
            location: DiagnosticLocation(file: file, line: cell.line, column: cell.column)))
      }
      return .record(RosterRecord(row: row, location: location, fields: fields))
    }
    return nil
  }

  private func checkHeader() -> Diagnostic? {
    guard let header else { return nil }
    var seen: Set<String> = []
    for cell in header where !cell.text.isEmpty {
      if !seen.insert(cell.text).inserted {
        return Diagnostic(
          severity: .error, ruleID: RosterRules.duplicateField,
          message: "The header names the column \(Redaction.name(cell.text, specs: CredentialSpecSet())) twice.",
          location: DiagnosticLocation(file: file, line: cell.line, column: cell.column))
      }
    }
    return nil
  }

  // MARK: - RFC 4180

  private func take() -> UInt8? {
    guard let byte = reader.next() else { return nil }
    if byte == 0x0A {
      line += 1
      column = 1
    } else {
      column += 1
    }
    return byte
  }

  /// Reads one record: its cells, or a problem (after which the rest of the record is skipped),
  /// or neither at the end of the file.
  private func readRecord() -> (cells: [Cell]?, problem: Diagnostic?) {
    if atStart {
      atStart = false
      if reader.peek() == 0xEF {
        _ = reader.next()
        if reader.peek() == 0xBB { _ = reader.next() }
        if reader.peek() == 0xBF { _ = reader.next() }
      }
    }
    guard reader.peek() != nil else {
      done = true
      return (nil, nil)
    }
    var cells: [Cell] = []
    while true {
      let startLine = line
      let startColumn = column
      var bytes: [UInt8] = []
      let startedQuoted = reader.peek() == UInt8(ascii: "\"")
      if startedQuoted {
        _ = take()
        var closed = false
        while let byte = take() {
          if byte == UInt8(ascii: "\"") {
            if reader.peek() == UInt8(ascii: "\"") {
              _ = take()
              bytes.append(byte)
            } else {
              closed = true
              break
            }
          } else {
            bytes.append(byte)
          }
        }
        if !closed {
          done = true
          return (
            nil,
            Diagnostic(
              severity: .error, ruleID: RosterRules.syntax,
              message: "A quoted cell is not closed before the end of the file.",
              location: DiagnosticLocation(file: file, line: startLine, column: startColumn),
              fix: "Add the closing double quote; write a quote inside a quoted cell as \"\".")
          )
        }
        if let after = reader.peek(), after != UInt8(ascii: ","), after != 0x0A, after != 0x0D {
          let problem = Diagnostic(
            severity: .error, ruleID: RosterRules.syntax,
            message: "Text follows the closing quote of a cell.",
            location: DiagnosticLocation(file: file, line: line, column: column),
            fix: "Put the whole cell in quotes and write a quote inside it as \"\".")
          skipRestOfRecord()
          return (nil, problem)
        }
      } else {
        while let byte = reader.peek(), byte != UInt8(ascii: ","), byte != 0x0A, byte != 0x0D {
          _ = take()
          bytes.append(byte)
        }
      }
      if let offset = UTF8Scan.firstInvalid(bytes[...]) {
        done = true
        let position = Self.position(
          of: offset, in: bytes, line: startLine, column: startColumn, quoted: startedQuoted)
        return (nil, RosterEncoding.problem(file: file, line: position.line, byteColumn: position.column))
      }
      cells.append(Cell(text: String(decoding: bytes, as: UTF8.self), line: startLine, column: startColumn))
      guard let terminator = take() else { return (cells, nil) }
      switch terminator {
      case UInt8(ascii: ","):
        continue
      case 0x0D:
        if reader.peek() == 0x0A {
          _ = take()
        } else {
          line += 1
          column = 1
        }
        return (cells, nil)
      default:
        return (cells, nil)
      }
    }
  }

  /// The line and byte column in the file of byte `offset` of a cell's text, given where the
  /// cell starts (a quoted cell's text starts after its quote, and each `"` in it was written `""`).
  static func position(of offset: Int, in bytes: [UInt8], line: Int, column: Int, quoted: Bool) -> (
    line: Int, column: Int
  ) {
    var line = line
    var column = column + (quoted ? 1 : 0)
    for byte in bytes[..<offset] {
      if byte == 0x0A {
        line += 1
        column = 1
      } else {
        column += byte == UInt8(ascii: "\"") && quoted ? 2 : 1
      }
    }
    return (line, column)
  }

  private func skipRestOfRecord() {
    var inQuotes = false
    while let byte = take() {
      if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
      if byte == 0x0A && !inQuotes { return }
    }
  }
}

extension String {
  /// The string without leading and trailing characters from `set`.
  func trimmingAny(of set: String) -> String {
    let characters = Set(set)
    var slice = Substring(self)
    while let first = slice.first, characters.contains(first) { slice.removeFirst() }
    while let last = slice.last, characters.contains(last) { slice.removeLast() }
    return String(slice)
  }
}
