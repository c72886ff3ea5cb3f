/// Fills the `{{variables}}` of a `python` run block, each value as Python string text for
/// where it stands, so that no value can become Python code:
///
/// - outside strings: a string literal, `'…'`;
/// - inside a plain `'…'` or `"…"` string (or a triple-quoted one): the value escaped for that
///   string (`\\`, `\'`, `\"`, `\n`, and `\x`/`\u` for other control characters);
/// - inside a string with an `r` or `f` prefix: the string is closed, the value added as a
///   literal beside it (Python joins neighbouring literals), and the string reopened;
/// - in a comment: a string literal, which has no line break, so the comment cannot end.
///
/// A variable inside an f-string's `{…}` expression or a bytes literal is not filled:
/// ``RunFillError/unsafePlace(variable:place:)``.
struct PythonTemplate {
  private enum State: Equatable {
    case plain
    case comment
    /// A string literal: its quote, whether tripled, its prefix letters (lowercased).
    case string(quote: Character, triple: Bool, prefix: String)
  }

  /// The code with every variable filled from `variables`.
  static func fill(_ code: String, variables: [String: String]) throws(RunFillError) -> String {
    var output = ""
    var state = State.plain
    // Characters of the current literal piece not yet looked at (for triple quotes, prefixes).
    var fieldDepth = 0
    for piece in TemplatePieces(code).pieces {
      switch piece {
      case .literal(let text):
        output += text
        let characters = Array(text)
        var index = 0
        while index < characters.count {
          let character = characters[index]
          switch state {
          case .plain:
            if character == "#" {
              state = .comment
            } else if character == "'" || character == "\"" {
              let triple =
                index + 2 < characters.count && characters[index + 1] == character
                && characters[index + 2] == character
              state = .string(quote: character, triple: triple, prefix: prefix(before: index, in: characters))
              fieldDepth = 0
              if triple { index += 2 }
            }
          case .comment:
            if character == "\n" { state = .plain }
          case .string(let quote, let triple, let prefix):
            if character == "\\" {
              index += 1  // the next character is escaped (in raw strings too, for the quote)
            } else if prefix.contains("f") && character == "{" {
              if index + 1 < characters.count && characters[index + 1] == "{" && fieldDepth == 0 {
                index += 1
              } else {
                fieldDepth += 1
              }
            } else if prefix.contains("f") && character == "}" && fieldDepth > 0 {
              fieldDepth -= 1
            } else if character == quote && fieldDepth == 0 {
              if !triple {
                state = .plain
              } else if index + 2 < characters.count && characters[index + 1] == quote
                && characters[index + 2] == quote
              {
                state = .plain
                index += 2
              }
            }
          }
          index += 1
        }
      case .variable(let name):
        guard let value = variables[name] else { throw .unknownVariable(name) }
        switch state {
        case .plain, .comment:
          output += literal(value)
        case .string(let quote, let triple, let prefix):
          if prefix.contains("b") { throw .unsafePlace(variable: name, place: "inside a bytes literal") }
          if fieldDepth > 0 { throw .unsafePlace(variable: name, place: "inside an f-string's {…} expression") }
          if prefix.isEmpty || prefix == "u" {
            output += escaped(value)
          } else {
            let fence = String(repeating: String(quote), count: triple ? 3 : 1)
            output += fence + " " + literal(value) + " " + prefix + fence
          }
        }
      }
    }
    return output
  }

  /// The string prefix letters (`r`, `f`, `rb`, …) right before the quote at `index`, lowercased.
  private static func prefix(before index: Int, in characters: [Character]) -> String {
    var start = index
    while start > 0, "rRbBuUfF".contains(characters[start - 1]), index - start < 2 { start -= 1 }
    if start > 0 {
      let before = characters[start - 1]
      if before.isLetter || before.isNumber || before == "_" { return "" }  // part of a name
    }
    return String(characters[start..<index]).lowercased()
  }

  /// `value` as a single-quoted Python string literal.
  static func literal(_ value: String) -> String {
    "'" + escaped(value) + "'"
  }

  /// `value` escaped for the inside of any non-raw Python string literal.
  static func escaped(_ value: String) -> String {
    var output = ""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\\": output += "\\\\"
      case "'": output += "\\'"
      case "\"": output += "\\\""
      case "\n": output += "\\n"
      case "\r": output += "\\r"
      case "\t": output += "\\t"
      default:
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F:
          output += "\\x" + hex(scalar.value, width: 2)
        case 0x2028, 0x2029, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF:
          output += "\\u" + hex(scalar.value, width: 4)
        default:
          output.unicodeScalars.append(scalar)
        }
      }
    }
    return output
  }

  private static func hex(_ value: UInt32, width: Int) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }
}
