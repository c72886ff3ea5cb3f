import OnboardDiagnostics

/// Reads the usual shape of a YAML roster item without a YAML parser: `- key: value` and
/// `  key: value` lines (values plain or single-quoted on one line), and one level of nested
/// mapping (`  owner:` followed by `    name: value` lines), with blank and comment lines
/// between. Anything else — double quotes, block scalars, continuation lines, flow
/// collections, anchors, tags, trailing comments, tabs, duplicate keys, words YAML reads as
/// booleans or null used as keys, characters YAML treats specially — is left to Yams, which
/// gives the same record for every item this reader accepts (tests compare both on many
/// items). It exists because composing each item with Yams costs more than writing its packet.
enum SimpleYAMLItem {
  /// The record of an item, or `nil` when the item is not of the simple shape.
  static func record(lines: [[UInt8]], startLine: Int, row: Int, file: String) -> RosterRecord? {
    var fields: [RosterRecord.RosterField] = []
    var names: Set<String> = []
    // The field whose value is a nested mapping being read, and its entries so far.
    var open: (name: String, location: DiagnosticLocation, valueLocation: DiagnosticLocation?)?
    var nested: [RosterRecord.RosterField] = []
    var nestedNames: Set<String> = []

    func closeOpenField() {
      guard let field = open else { return }
      if let valueLocation = field.valueLocation {
        fields.append(
          RosterRecord.RosterField(
            name: field.name, value: .mapping(nested), location: field.location, valueLocation: valueLocation))
      }
      open = nil
      nested = []
      nestedNames = []
    }

    for (index, line) in lines.enumerated() {
      let lineNumber = startLine + index
      var start = 0
      if index == 0 {
        guard line.count > 2, line[0] == UInt8(ascii: "-"), line[1] == 0x20, line[2] != 0x20 else { return nil }
        start = 2
      } else {
        while start < line.count && line[start] == 0x20 { start += 1 }
        if start == line.count || line[start] == UInt8(ascii: "#") { continue }
      }
      guard start == 2 || (start == 4 && open != nil) else { return nil }
      guard let entry = keyValue(line, from: start) else { return nil }
      let location = DiagnosticLocation(file: file, line: lineNumber, column: start + 1)
      let valueLocation = DiagnosticLocation(file: file, line: lineNumber, column: entry.valueStart + 1)
      if start == 4 {
        guard nestedNames.insert(entry.name).inserted else { return nil }
        if open?.valueLocation == nil { open?.valueLocation = location }
        if let value = entry.value {
          nested.append(
            RosterRecord.RosterField(
              name: entry.name, value: .text(value), location: location, valueLocation: valueLocation))
        }
        continue
      }
      closeOpenField()
      guard names.insert(entry.name).inserted else { return nil }
      if entry.isEmpty {
        open = (entry.name, location, nil)
      } else if let value = entry.value {
        fields.append(
          RosterRecord.RosterField(
            name: entry.name, value: .text(value), location: location, valueLocation: valueLocation))
      }
    }
    closeOpenField()
    return RosterRecord(row: row, location: DiagnosticLocation(file: file, line: startLine, column: 1), fields: fields)
  }

  /// One `key: value` line from `start`: the key, the value (`nil` for a null), whether the
  /// value is empty (so a nested mapping may follow), and where the value starts.
  private static func keyValue(
    _ line: [UInt8], from start: Int
  ) -> (name: String, value: String?, isEmpty: Bool, valueStart: Int)? {
    var index = start
    guard index < line.count, isKeyStart(line[index]) else { return nil }
    while index < line.count && isKeyByte(line[index]) { index += 1 }
    let name = String(decoding: line[start..<index], as: UTF8.self)
    guard index < line.count, line[index] == UInt8(ascii: ":"), !reservedKeys.contains(name.lowercased()) else {
      return nil
    }
    index += 1
    if index == line.count { return (name, nil, true, index) }
    guard line[index] == 0x20 else { return nil }
    while index < line.count && line[index] == 0x20 { index += 1 }
    // Trailing spaces after the colon: an empty value, as YAML reads it; left to Yams.
    guard index < line.count else { return nil }
    let valueStart = index
    let valueBytes = line[valueStart...]
    guard isPrintable(valueBytes) else { return nil }
    if line[valueStart] == UInt8(ascii: "'") {
      guard let text = singleQuoted(valueBytes) else { return nil }
      return (name, text, false, valueStart)
    }
    guard let text = plain(valueBytes) else { return nil }
    let isNull = text == "~" || text == "null" || text == "Null" || text == "NULL"
    return (name, isNull ? nil : text, false, valueStart)
  }

  /// A plain scalar that YAML reads as exactly its bytes, or `nil`.
  private static func plain(_ bytes: ArraySlice<UInt8>) -> String? {
    guard let first = bytes.first, !indicators.contains(first), let last = bytes.last, last != 0x20,
      last != UInt8(ascii: ":")
    else { return nil }
    var previous: UInt8 = 0
    for byte in bytes {
      if byte == UInt8(ascii: "#") && previous == 0x20 { return nil }
      if previous == UInt8(ascii: ":") && byte == 0x20 { return nil }
      if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "{")
        || byte == UInt8(ascii: "}")
      {
        return nil
      }
      previous = byte
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// A single-quoted scalar that ends the line, with `''` read as `'`, or `nil`.
  private static func singleQuoted(_ bytes: ArraySlice<UInt8>) -> String? {
    var output: [UInt8] = []
    var index = bytes.startIndex + 1
    while index < bytes.endIndex {
      let byte = bytes[index]
      if byte == UInt8(ascii: "'") {
        if index + 1 < bytes.endIndex && bytes[index + 1] == UInt8(ascii: "'") {
          output.append(byte)
          index += 2
          continue
        }
        guard index + 1 == bytes.endIndex else { return nil }
        return String(decoding: output, as: UTF8.self)
      }
      output.append(byte)
      index += 1
    }
    return nil
  }

  /// Whether every character is one YAML reads literally inside a scalar on one line: valid
  /// UTF-8, no tab or other control, no line break of YAML 1.1 (NEL, U+2028, U+2029), no byte
  /// order mark and no non-character.
  private static func isPrintable(_ bytes: ArraySlice<UInt8>) -> Bool {
    if bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return true }
    guard let text = String(validating: bytes, as: UTF8.self) else { return false }
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0x20...0x7E, 0xA0...0x2027, 0x202A...0xD7FF, 0xE000...0xFEFE, 0xFF00...0xFFFD, 0x10000...0x10FFFF:
        continue
      default:
        return false
      }
    }
    return true
  }

  /// Bytes that cannot start a plain scalar (or that this reader leaves to Yams there).
  private static let indicators: Set<UInt8> = Set("-?:,[]{}#&*!|>'\"%@`".utf8)

  /// Keys YAML 1.1 reads as a boolean or null.
  private static let reservedKeys: Set<String> = ["y", "n", "yes", "no", "true", "false", "on", "off", "null"]

  private static func isKeyStart(_ byte: UInt8) -> Bool {
    (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == UInt8(ascii: "_")
  }

  private static func isKeyByte(_ byte: UInt8) -> Bool {
    isKeyStart(byte) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-")
  }
}
