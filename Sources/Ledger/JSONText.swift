import Escaping

/// A JSON value as the ledger writes it (event details, `status --format json`): an
/// ``object(_:)``'s keys in sorted order, so equal values give equal bytes; ``fields(_:)`` in
/// the order written.
public indirect enum JSONText: Sendable {
  case null
  case bool(Bool)
  case int(Int)
  case string(String)
  case strings([String])
  case array([JSONText])
  case object([String: JSONText])
  /// An object whose members are written in the order given (a dictionary literal's order),
  /// for the many rows of a report: no sorting per object.
  case fields(KeyValuePairs<String, JSONText>)

  /// The compact JSON text.
  public var rendered: String {
    var text = ""
    write(into: &text, indent: nil)
    return text
  }

  /// The JSON text indented by two spaces per level.
  public var pretty: String {
    var text = ""
    write(into: &text, indent: "")
    return text
  }

  private static let escaper = JSONEscaper()

  private func write(into text: inout String, indent: String?) {
    switch self {
    case .null: text += "null"
    case .bool(let value): text += value ? "true" : "false"
    case .int(let value): text += String(value)
    case .string(let value): text += Self.escaper.escape(value)
    case .strings(let values): JSONText.array(values.map { .string($0) }).write(into: &text, indent: indent)
    case .array(let values):
      guard !values.isEmpty else {
        text += "[]"
        return
      }
      let inner = indent.map { $0 + "  " }
      text += "["
      for (index, value) in values.enumerated() {
        if index > 0 { text += "," }
        if let inner { text += "\n" + inner }
        value.write(into: &text, indent: inner)
      }
      if let indent { text += "\n" + indent }
      text += "]"
    case .fields(let pairs):
      guard !pairs.isEmpty else {
        text += "{}"
        return
      }
      let inner = indent.map { $0 + "  " }
      text += "{"
      for (index, pair) in pairs.enumerated() {
        if index > 0 { text += "," }
        if let inner { text += "\n" + inner }
        text += Self.escaper.escape(pair.key) + ":" + (indent == nil ? "" : " ")
        pair.value.write(into: &text, indent: inner)
      }
      if let indent { text += "\n" + indent }
      text += "}"
    case .object(let members):
      guard !members.isEmpty else {
        text += "{}"
        return
      }
      let inner = indent.map { $0 + "  " }
      text += "{"
      for (index, key) in members.keys.sorted().enumerated() {
        if index > 0 { text += "," }
        if let inner { text += "\n" + inner }
        text += Self.escaper.escape(key) + ":" + (indent == nil ? "" : " ")
        members[key, default: .null].write(into: &text, indent: inner)
      }
      if let indent { text += "\n" + indent }
      text += "}"
    }
  }
}
