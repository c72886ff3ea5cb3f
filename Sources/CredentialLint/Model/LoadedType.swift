/// What a consumer loads from a value token: a string, or something a credential must not be.
public enum LoadedType: Hashable, Sendable {
  /// A string (the only thing a credential may be).
  case string
  /// Nothing: `null`, `~` or an empty plain scalar.
  case null
  /// A boolean, with the value it becomes.
  case boolean(Bool)
  /// A whole number.
  case integer
  /// A floating-point number.
  case float
  /// A date or a timestamp.
  case timestamp
  /// A list.
  case list
  /// A mapping or object.
  case mapping
  /// Something else a parser makes of it, described in words (an explicit tag, a merge key).
  case other(String)

  /// Whether the consumer loads a string.
  public var isString: Bool { self == .string }

  /// The type in words, for messages: "boolean false", "an integer".
  public var phrase: String {
    switch self {
    case .string: return "a string"
    case .null: return "null (no value)"
    case .boolean(let value): return "boolean \(value ? "true" : "false")"
    case .integer: return "an integer"
    case .float: return "a floating-point number"
    case .timestamp: return "a date"
    case .list: return "a list"
    case .mapping: return "a mapping"
    case .other(let text): return text
    }
  }
}
