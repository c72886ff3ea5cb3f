/// Parses the condition language:
///
/// ```
/// expr    := or
/// or      := and ("or" and)*
/// and     := unary ("and" unary)*
/// unary   := "not" unary | "(" expr ")" | name ("==" | "!=") value | name "in" "[" values "]"
/// value   := "quoted" | 'quoted' | bare-word
/// ```
public enum ConditionParser {
  /// A syntax error, with the 0-based byte offset in the condition text.
  public struct SyntaxError: Error, Hashable, Sendable {
    /// What is wrong, in words.
    public var message: String
    /// The 0-based UTF-8 offset in the condition text.
    public var offset: Int
  }

  /// Parses a condition.
  /// - Throws: ``SyntaxError``.
  public static func parse(_ text: String) throws -> Condition {
    var parser = Parser(tokens: try tokenize(text), end: text.utf8.count)
    let condition = try parser.parseOr(depth: 0)
    if let token = parser.peek() {
      throw SyntaxError(message: "unexpected '\(token.text)' after a complete condition", offset: token.offset)
    }
    return condition
  }

  struct Token: Hashable {
    enum Kind: Hashable { case word, string, symbol }
    var kind: Kind
    var text: String
    var offset: Int
  }

  static func tokenize(_ text: String) throws -> [Token] {
    let bytes = Array(text.utf8)
    var tokens: [Token] = []
    var index = 0
    func isWordByte(_ byte: UInt8) -> Bool {
      (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
        || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte >= 0x80
    }
    while index < bytes.count {
      let byte = bytes[index]
      if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
        index += 1
        continue
      }
      let start = index
      if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
        index += 1
        while index < bytes.count && bytes[index] != byte { index += 1 }
        guard index < bytes.count else {
          throw SyntaxError(message: "a quoted value is not closed", offset: start)
        }
        tokens.append(
          Token(kind: .string, text: String(decoding: bytes[(start + 1)..<index], as: UTF8.self), offset: start))
        index += 1
      } else if byte == UInt8(ascii: "=") || byte == UInt8(ascii: "!") {
        guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "=") else {
          throw SyntaxError(message: "use '==' or '!=' to compare", offset: start)
        }
        tokens.append(Token(kind: .symbol, text: byte == UInt8(ascii: "=") ? "==" : "!=", offset: start))
        index += 2
      } else if "[](),".utf8.contains(byte) {
        tokens.append(Token(kind: .symbol, text: String(UnicodeScalar(byte)), offset: start))
        index += 1
      } else if isWordByte(byte) {
        while index < bytes.count && isWordByte(bytes[index]) { index += 1 }
        tokens.append(Token(kind: .word, text: String(decoding: bytes[start..<index], as: UTF8.self), offset: start))
      } else {
        throw SyntaxError(message: "unexpected character", offset: start)
      }
    }
    return tokens
  }

  struct Parser {
    var tokens: [Token]
    var position = 0
    let end: Int

    init(tokens: [Token], end: Int) {
      self.tokens = tokens
      self.end = end
    }

    func peek() -> Token? { position < tokens.count ? tokens[position] : nil }

    mutating func take() -> Token? {
      defer { position += 1 }
      return peek()
    }

    func offset() -> Int { peek()?.offset ?? end }

    mutating func parseOr(depth: Int) throws -> Condition {
      guard depth < 64 else { throw SyntaxError(message: "the condition is nested too deeply", offset: offset()) }
      var result = try parseAnd(depth: depth)
      while peek()?.kind == .word && peek()?.text == "or" {
        position += 1
        result = .or(result, try parseAnd(depth: depth))
      }
      return result
    }

    mutating func parseAnd(depth: Int) throws -> Condition {
      var result = try parseUnary(depth: depth)
      while peek()?.kind == .word && peek()?.text == "and" {
        position += 1
        result = .and(result, try parseUnary(depth: depth))
      }
      return result
    }

    mutating func parseUnary(depth: Int) throws -> Condition {
      guard depth < 64 else { throw SyntaxError(message: "the condition is nested too deeply", offset: offset()) }
      guard let token = peek() else {
        throw SyntaxError(message: "a comparison is missing", offset: end)
      }
      if token.kind == .word && token.text == "not" {
        position += 1
        return .not(try parseUnary(depth: depth + 1))
      }
      if token.kind == .symbol && token.text == "(" {
        position += 1
        let inner = try parseOr(depth: depth + 1)
        guard let close = take(), close.text == ")" else {
          throw SyntaxError(message: "a '(' is not closed", offset: token.offset)
        }
        return inner
      }
      guard token.kind == .word, !["and", "or", "in"].contains(token.text) else {
        throw SyntaxError(message: "expected a variable name, found '\(token.text)'", offset: token.offset)
      }
      position += 1
      let name = token.text
      guard let operation = take() else {
        throw SyntaxError(message: "expected '==', '!=' or 'in' after '\(name)'", offset: end)
      }
      switch (operation.kind, operation.text) {
      case (.symbol, "=="): return .equals(variable: name, value: try value())
      case (.symbol, "!="): return .notEquals(variable: name, value: try value())
      case (.word, "in"):
        guard let open = take(), open.text == "[" else {
          throw SyntaxError(message: "expected '[' after 'in'", offset: operation.offset)
        }
        var values: [String] = []
        while true {
          if peek()?.text == "]" && peek()?.kind == .symbol && values.isEmpty {
            throw SyntaxError(message: "the list after 'in' is empty", offset: offset())
          }
          values.append(try value())
          guard let separator = take() else {
            throw SyntaxError(message: "a '[' is not closed", offset: open.offset)
          }
          if separator.text == "]" { break }
          guard separator.text == "," else {
            throw SyntaxError(message: "expected ',' or ']' in the list", offset: separator.offset)
          }
        }
        return .isIn(variable: name, values: values)
      default:
        throw SyntaxError(message: "expected '==', '!=' or 'in' after '\(name)'", offset: operation.offset)
      }
    }

    mutating func value() throws -> String {
      guard let token = take() else { throw SyntaxError(message: "a value is missing", offset: end) }
      guard token.kind == .string || token.kind == .word else {
        throw SyntaxError(message: "expected a value, found '\(token.text)'", offset: token.offset)
      }
      return token.text
    }
  }
}
