extension Condition {
  /// The condition in the guide's syntax, without the parentheses ``description`` puts around
  /// the whole of an `and` or `or`: `a == "x" and b != "y"`.
  public var text: String {
    switch self {
    case .and, .or:
      let full = description
      return String(full.dropFirst().dropLast())
    default:
      return description
    }
  }

  /// The parsed form as pretty-printed JSON with sorted keys, each line after the first
  /// indented by `indent` spaces: `{"op": "==", "value": …, "variable": …}`, `{"op": "in",
  /// "values": […], …}`, `{"op": "and", "operands": […]}` (nested `and`s, and `or`s, are
  /// flattened), `{"op": "not", "operand": …}`.
  public func parsedJSON(indent: Int) -> String {
    let pad = String(repeating: " ", count: indent + 2)
    let close = String(repeating: " ", count: indent) + "}"
    func quoted(_ text: String) -> String { Self.jsonQuoted(text) }
    switch self {
    case .equals(let variable, let value), .notEquals(let variable, let value):
      let op = if case .equals = self { "==" } else { "!=" }
      return
        "{\n\(pad)\"op\" : \"\(op)\",\n\(pad)\"value\" : \(quoted(value)),\n\(pad)\"variable\" : \(quoted(variable))\n\(close)"
    case .isIn(let variable, let values):
      let items = values.map { "\(pad)  \(quoted($0))" }.joined(separator: ",\n")
      return
        "{\n\(pad)\"op\" : \"in\",\n\(pad)\"values\" : [\n\(items)\n\(pad)],\n\(pad)\"variable\" : \(quoted(variable))\n\(close)"
    case .and, .or:
      let isAnd = if case .and = self { true } else { false }
      let operands = flattened(and: isAnd).map { "\(pad)  " + $0.parsedJSON(indent: indent + 4) }
      return
        "{\n\(pad)\"op\" : \"\(isAnd ? "and" : "or")\",\n\(pad)\"operands\" : [\n\(operands.joined(separator: ",\n"))\n\(pad)]\n\(close)"
    case .not(let inner):
      return "{\n\(pad)\"op\" : \"not\",\n\(pad)\"operand\" : \(inner.parsedJSON(indent: indent + 2))\n\(close)"
    }
  }

  /// The operands of a chain of `and`s (or of `or`s), left to right.
  private func flattened(and: Bool) -> [Condition] {
    switch self {
    case .and(let lhs, let rhs) where and, .or(let lhs, let rhs) where !and:
      return lhs.flattened(and: and) + rhs.flattened(and: and)
    default:
      return [self]
    }
  }

  /// A JSON string literal.
  static func jsonQuoted(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      case let control where control.value < 0x20:
        let hex = String(control.value, radix: 16)
        result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result + "\""
  }
}
