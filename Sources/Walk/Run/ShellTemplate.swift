/// Fills the `{{variables}}` of a `sh` run block, each value quoted for where it stands, so that
/// no value can become shell code:
///
/// - outside quotes: one single-quoted word, `'…'`, a `'` inside written `'\''`;
/// - inside single quotes: the value with each `'` written `'\''`;
/// - inside double quotes: `"'…'"` (the double quotes are closed around a single-quoted word);
/// - in a comment: the single-quoted word with line breaks written `\n`, so the comment cannot end.
///
/// A variable after a backslash, inside backquotes, `${…}` or `$'…'`, after a here-document
/// operator (`<<`), or in a block with a `$(…)` or backquote inside double quotes is not filled:
/// ``RunFillError/unsafePlace(variable:place:)``.
struct ShellTemplate {
  private enum State {
    case plain, singleQuoted, doubleQuoted, comment, backquoted, parameter
    /// `$'…'` (bash's ANSI-C quoting), where a backslash escapes the quote.
    case ansiQuoted
  }

  /// The code with every variable filled from `variables`.
  static func fill(_ code: String, variables: [String: String]) throws(RunFillError) -> String {
    var output = ""
    // Nested `$(…)` contexts: each entry is the state to return to at its `)`.
    var stack: [State] = []
    var state = State.plain
    var escaped = false
    var previous: Character = "\n"
    var hereDocument = false
    // A `$(…)` or backquote inside double quotes makes the quoting depend on parentheses this
    // scanner does not pair (`case` patterns): no variable is filled in such a block.
    var substitutionInDoubleQuotes = false
    for piece in TemplatePieces(code).pieces {
      switch piece {
      case .literal(let text):
        output += text
        for character in text {
          defer { previous = character }
          if escaped {
            escaped = false
            continue
          }
          switch state {
          case .plain:
            switch character {
            case "\\": escaped = true
            case "'" where previous == "$": state = .ansiQuoted
            case "'": state = .singleQuoted
            case "\"": state = .doubleQuoted
            case "`":
              stack.append(state)
              state = .backquoted
            case "#" where previous.isWhitespace || ";&|()".contains(previous): state = .comment
            case "(" where previous == "$": stack.append(.plain)
            case "{" where previous == "$":
              stack.append(state)
              state = .parameter
            case ")" where !stack.isEmpty: state = stack.removeLast()
            case "<" where previous == "<": hereDocument = true
            default: break
            }
          case .singleQuoted:
            if character == "'" { state = .plain }
          case .doubleQuoted:
            switch character {
            case "\\": escaped = true
            case "\"": state = .plain
            case "`":
              substitutionInDoubleQuotes = true
              stack.append(state)
              state = .backquoted
            case "(" where previous == "$":
              substitutionInDoubleQuotes = true
              stack.append(.doubleQuoted)
              state = .plain
            case "{" where previous == "$":
              stack.append(state)
              state = .parameter
            default: break
            }
          case .comment:
            if character == "\n" { state = .plain }
          case .backquoted:
            if character == "\\" {
              escaped = true
            } else if character == "`" {
              state = stack.popLast() ?? .plain
            }
          case .parameter:
            if character == "}" { state = stack.popLast() ?? .plain }
          case .ansiQuoted:
            if character == "\\" {
              escaped = true
            } else if character == "'" {
              state = .plain
            }
          }
        }
      case .variable(let name):
        guard let value = variables[name] else { throw .unknownVariable(name) }
        if hereDocument { throw .unsafePlace(variable: name, place: "after a here-document (<<)") }
        if escaped { throw .unsafePlace(variable: name, place: "right after a backslash") }
        if substitutionInDoubleQuotes {
          throw .unsafePlace(variable: name, place: "in a block with a command substitution inside double quotes")
        }
        let quoted = "'" + value.replacingOccurrences(of: "'", with: "'\\''") + "'"
        switch state {
        case .plain: output += quoted
        case .singleQuoted: output += value.replacingOccurrences(of: "'", with: "'\\''")
        case .doubleQuoted: output += "\"" + quoted + "\""
        case .comment:
          output +=
            quoted.replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\n", with: "\\n")
        case .backquoted: throw .unsafePlace(variable: name, place: "inside backquotes")
        case .parameter: throw .unsafePlace(variable: name, place: "inside ${…}")
        case .ansiQuoted: throw .unsafePlace(variable: name, place: "inside $'…'")
        }
        // The filled value is quoted text: what comes next sees an ordinary character.
        previous = "a"
      }
    }
    return output
  }
}
