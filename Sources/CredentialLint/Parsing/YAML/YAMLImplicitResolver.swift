/// Predicts what PyYAML's `SafeLoader` (YAML 1.1) makes of a plain scalar, using the same
/// rules as PyYAML's implicit resolvers (`yaml/resolver.py`), not YAML 1.2's or Yams's.
///
/// `12e45` stays a string (PyYAML's float needs a dot), `0123` is octal 83, `1:20` is the
/// sexagesimal integer 80, `yes`/`No`/`ON`/`off` are booleans, `~`, `null` and an empty value
/// are null, and `2024-01-02` is a date.
public enum YAMLImplicitResolver {
  /// What PyYAML loads from the plain scalar `text`.
  public static func resolve(_ text: String) -> LoadedType {
    let bytes = Array(text.utf8)
    guard let first = bytes.first else { return .null }
    switch first {
    case UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "n"), UInt8(ascii: "N"),
      UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"),
      UInt8(ascii: "o"), UInt8(ascii: "O"):
      if let value = boolean(text) { return .boolean(value) }
      if first == UInt8(ascii: "n") || first == UInt8(ascii: "N"), isNull(text) { return .null }
      return .string
    case UInt8(ascii: "~"):
      return text == "~" ? .null : .string
    case UInt8(ascii: "<"):
      return text == "<<" ? .other("a merge key ('<<')") : .string
    case UInt8(ascii: "="):
      return text == "=" ? .other("the YAML 'value' type, which the loader cannot build") : .string
    case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "0")...UInt8(ascii: "9"):
      if isFloat(bytes) { return .float }
      if first != UInt8(ascii: "."), isInteger(bytes) { return .integer }
      if first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9"), isTimestamp(bytes) { return .timestamp }
      return .string
    default:
      return .string
    }
  }

  /// `^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$`
  static func boolean(_ text: String) -> Bool? {
    switch text {
    case "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON": return true
    case "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF": return false
    default: return nil
    }
  }

  /// `^(?: ~ |null|Null|NULL | )$` (the empty case is handled by the caller).
  static func isNull(_ text: String) -> Bool {
    text == "null" || text == "Null" || text == "NULL"
  }

  private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

  /// PyYAML's int:
  /// ```
  /// [-+]?0b[0-1_]+ | [-+]?0[0-7_]+ | [-+]?(?:0|[1-9][0-9_]*) | [-+]?0x[0-9a-fA-F_]+
  /// | [-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+
  /// ```
  static func isInteger(_ bytes: [UInt8]) -> Bool {
    var index = 0
    if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
    let body = Array(bytes[index...])
    guard let first = body.first else { return false }
    if body.count >= 3, first == UInt8(ascii: "0"), body[1] == UInt8(ascii: "b") {
      return body[2...].allSatisfy { $0 == UInt8(ascii: "0") || $0 == UInt8(ascii: "1") || $0 == UInt8(ascii: "_") }
    }
    if body.count >= 3, first == UInt8(ascii: "0"), body[1] == UInt8(ascii: "x") {
      return body[2...].allSatisfy {
        isDigit($0) || (0x61...0x66).contains($0) || (0x41...0x46).contains($0) || $0 == UInt8(ascii: "_")
      }
    }
    if body.count >= 2, first == UInt8(ascii: "0") {
      return body[1...].allSatisfy { (0x30...0x37).contains($0) || $0 == UInt8(ascii: "_") }
    }
    if body == [UInt8(ascii: "0")] { return true }
    guard (0x31...0x39).contains(first) else { return false }
    // Decimal, or sexagesimal: [1-9][0-9_]* then (:[0-5]?[0-9])+
    var position = 1
    while position < body.count, isDigit(body[position]) || body[position] == UInt8(ascii: "_") { position += 1 }
    if position == body.count { return true }
    return isSexagesimalTail(body, from: position, allowFraction: false)
  }

  /// Matches `(?::[0-5]?[0-9])+` to the end (with `allowFraction`, then `\.[0-9_]*`).
  private static func isSexagesimalTail(_ body: [UInt8], from start: Int, allowFraction: Bool) -> Bool {
    var position = start
    var groups = 0
    while position < body.count, body[position] == UInt8(ascii: ":") {
      position += 1
      var digits = 0
      let groupStart = position
      while position < body.count, isDigit(body[position]), digits < 2 {
        position += 1
        digits += 1
      }
      if digits == 0 { return false }
      if digits == 2, body[groupStart] > UInt8(ascii: "5") { return false }
      groups += 1
    }
    guard groups > 0 else { return false }
    if !allowFraction { return position == body.count }
    guard position < body.count, body[position] == UInt8(ascii: ".") else { return false }
    return body[(position + 1)...].allSatisfy { isDigit($0) || $0 == UInt8(ascii: "_") }
  }

  /// PyYAML's float:
  /// ```
  /// [-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)? | \.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
  /// | [-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]* | [-+]?\.(?:inf|Inf|INF) | \.(?:nan|NaN|NAN)
  /// ```
  static func isFloat(_ bytes: [UInt8]) -> Bool {
    let text = String(decoding: bytes, as: UTF8.self)
    if [".nan", ".NaN", ".NAN"].contains(text) { return true }
    var index = 0
    var signed = false
    if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
      index += 1
      signed = true
    }
    let body = Array(bytes[index...])
    let bodyText = String(decoding: body, as: UTF8.self)
    if [".inf", ".Inf", ".INF"].contains(bodyText) { return true }
    guard let first = body.first else { return false }
    if first == UInt8(ascii: ".") {
      // \.[0-9][0-9_]*(?:[eE][-+][0-9]+)?  (no sign allowed)
      guard !signed, body.count >= 2, isDigit(body[1]) else { return false }
      var position = 2
      while position < body.count, isDigit(body[position]) || body[position] == UInt8(ascii: "_") { position += 1 }
      return exponentTail(body, from: position)
    }
    guard isDigit(first) else { return false }
    var position = 1
    while position < body.count, isDigit(body[position]) || body[position] == UInt8(ascii: "_") { position += 1 }
    if position < body.count, body[position] == UInt8(ascii: ".") {
      position += 1
      while position < body.count, isDigit(body[position]) || body[position] == UInt8(ascii: "_") { position += 1 }
      return exponentTail(body, from: position)
    }
    if position < body.count, body[position] == UInt8(ascii: ":") {
      return isSexagesimalTail(body, from: position, allowFraction: true)
    }
    return false
  }

  /// Matches `(?:[eE][-+][0-9]+)?` to the end.
  private static func exponentTail(_ body: [UInt8], from start: Int) -> Bool {
    if start == body.count { return true }
    var position = start
    guard body[position] == UInt8(ascii: "e") || body[position] == UInt8(ascii: "E") else { return false }
    position += 1
    guard position < body.count, body[position] == UInt8(ascii: "-") || body[position] == UInt8(ascii: "+") else {
      return false
    }
    position += 1
    guard position < body.count else { return false }
    return body[position...].allSatisfy(isDigit)
  }

  /// PyYAML's timestamp:
  /// ```
  /// [0-9]{4}-[0-9][0-9]-[0-9][0-9]
  /// | [0-9]{4}-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9]
  ///   (?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?
  /// ```
  static func isTimestamp(_ bytes: [UInt8]) -> Bool {
    var position = 0
    func digits(_ minimum: Int, _ maximum: Int) -> Bool {
      var taken = 0
      while position < bytes.count, taken < maximum, isDigit(bytes[position]) {
        position += 1
        taken += 1
      }
      return taken >= minimum
    }
    func expect(_ character: Character) -> Bool {
      guard position < bytes.count, let ascii = character.asciiValue, bytes[position] == ascii else { return false }
      position += 1
      return true
    }
    guard digits(4, 4), expect("-") else { return false }
    let afterYear = position
    // Date only: exactly two-digit month and day.
    if digits(2, 2), expect("-"), digits(2, 2), position == bytes.count { return true }
    position = afterYear
    guard digits(1, 2), expect("-"), digits(1, 2) else { return false }
    guard position < bytes.count else { return false }
    if bytes[position] == UInt8(ascii: "T") || bytes[position] == UInt8(ascii: "t") {
      position += 1
    } else {
      let before = position
      while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x09 { position += 1 }
      if position == before { return false }
    }
    guard digits(1, 2), expect(":"), digits(2, 2), expect(":"), digits(2, 2) else { return false }
    if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
      position += 1
      while position < bytes.count, isDigit(bytes[position]) { position += 1 }
    }
    if position == bytes.count { return true }
    while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x09 { position += 1 }
    guard position < bytes.count else { return false }
    if bytes[position] == UInt8(ascii: "Z") { return position + 1 == bytes.count }
    guard bytes[position] == UInt8(ascii: "-") || bytes[position] == UInt8(ascii: "+") else { return false }
    position += 1
    guard digits(1, 2) else { return false }
    if position == bytes.count { return true }
    guard expect(":"), digits(2, 2) else { return false }
    return position == bytes.count
  }
}
