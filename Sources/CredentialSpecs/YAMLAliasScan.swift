/// Finds the first YAML anchor (`&name`) or alias (`*name`) in a text, without a YAML parser.
///
/// Credential files and rosters refuse anchors and aliases: an alias repeats a node, so a
/// file of a few hundred bytes can stand for billions of nodes, and Yams expands an alias used
/// as a mapping key when it looks for duplicate keys (it never returns). The scan runs before
/// Yams sees the text.
///
/// An anchor or alias can only start a node: at the start of a line (unless the line carries
/// on a plain scalar of the line before), after `- `, `? `, `: `, a tag, or `[`, `{` and `,` in
/// a flow collection. The scan follows quoted scalars (over several lines), block scalars
/// (`|`, `>`, by indentation), comments and flow collections, so an `&` or `*` inside text is
/// not mistaken for one. Where it cannot tell, it errs towards reporting: a refusal names the
/// position and a rule, while a missed alias could hang the reader.
public enum YAMLAliasScan {
  /// An anchor or alias found.
  public struct Finding: Sendable, Equatable {
    /// 1-based line.
    public var line: Int
    /// 1-based UTF-8 byte column.
    public var column: Int
    /// `true` for `&name`, `false` for `*name`.
    public var isAnchor: Bool

    /// How a message names it.
    public var kind: String { isAnchor ? "an anchor (&)" : "an alias (*)" }
  }

  /// The first anchor or alias in `text`, or `nil` when it has none.
  public static func first(in text: String) -> Finding? {
    // Most files hold neither byte at all.
    guard text.utf8.contains(UInt8(ascii: "&")) || text.utf8.contains(UInt8(ascii: "*")) else { return nil }
    var scanner = Scanner()
    var lineNumber = 0
    for line in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
      lineNumber += 1
      if let column = scanner.scan(Array(line)) {
        let isAnchor = line[line.index(line.startIndex, offsetBy: column)] == UInt8(ascii: "&")
        return Finding(line: lineNumber, column: column + 1, isAnchor: isAnchor)
      }
    }
    return nil
  }

  /// The scan's state between lines.
  private struct Scanner {
    enum Quote { case single, double }
    /// Inside a quoted scalar that goes on past the line.
    var quote: Quote?
    /// Inside a block scalar: the indentation of the node that holds it, and that of its
    /// content once its first line is seen.
    var block: (parent: Int, content: Int?)?
    /// Depth of open flow collections.
    var flowDepth = 0
    /// In a flow collection: whether a node may start next (kept over line breaks).
    var flowExpectsNode = true
    /// In block context: the indentation of the line whose plain scalar may go on.
    var plainIndent: Int?

    /// Scans one line; returns the byte offset of an anchor or alias in it.
    mutating func scan(_ line: [UInt8]) -> Int? {
      var index = 0
      while index < line.count, line[index] == 0x20 { index += 1 }
      let indent = index
      let blank = index == line.count || line[index] == 0x0D
      if let current = block {
        if blank { return nil }
        if let content = current.content {
          if indent >= content { return nil }
        } else if indent > current.parent {
          block = (current.parent, indent)
          return nil
        }
        block = nil
      }
      var expectsNode: Bool
      if quote != nil {
        expectsNode = false
      } else if flowDepth > 0 {
        expectsNode = flowExpectsNode
      } else {
        if blank { return nil }
        if let open = plainIndent, indent > open {
          expectsNode = false
        } else {
          plainIndent = nil
          expectsNode = true
          if indent == 0, line.starts(with: Array("%".utf8)) { return nil }
          if indent == 0, line.count >= 3, line.starts(with: Array("---".utf8)) || line.starts(with: Array("...".utf8)),
            line.count == 3 || line[3] == 0x20 || line[3] == 0x09 || line[3] == 0x0D
          {
            index = 3
          }
        }
      }
      var entryColumn = indent
      var inPlain = plainIndent != nil && quote == nil && flowDepth == 0
      let lineIndent = plainIndent ?? indent

      func isBreak(_ at: Int) -> Bool {
        at >= line.count || line[at] == 0x20 || line[at] == 0x09 || line[at] == 0x0D
      }

      while index < line.count {
        let byte = line[index]
        if let open = quote {
          // Inside a quoted scalar: look for its end.
          if open == .double {
            if byte == UInt8(ascii: "\\") {
              index += 2
              continue
            }
            if byte == UInt8(ascii: "\"") { quote = nil }
          } else if byte == UInt8(ascii: "'") {
            if index + 1 < line.count, line[index + 1] == UInt8(ascii: "'") {
              index += 2
              continue
            }
            quote = nil
          }
          index += 1
          continue
        }
        if byte == 0x20 || byte == 0x09 || byte == 0x0D {
          index += 1
          continue
        }
        if byte == UInt8(ascii: "#"), index == 0 || line[index - 1] == 0x20 || line[index - 1] == 0x09 {
          inPlain = false
          break
        }
        if expectsNode {
          switch byte {
          case UInt8(ascii: "&"), UInt8(ascii: "*"):
            return index
          case UInt8(ascii: "!"):
            while index < line.count, !isBreak(index) { index += 1 }
            continue
          case UInt8(ascii: "\""), UInt8(ascii: "'"):
            quote = byte == UInt8(ascii: "\"") ? .double : .single
            entryColumn = index
            expectsNode = false
            inPlain = false
            index += 1
            continue
          case UInt8(ascii: "|"), UInt8(ascii: ">"):
            if flowDepth == 0 {
              block = (parent: entryColumn, content: nil)
              plainIndent = nil
              return nil
            }
          case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"):
            if isBreak(index + 1) {
              if byte == UInt8(ascii: "-") { entryColumn = index }
              index += 1
              continue
            }
          case UInt8(ascii: "["), UInt8(ascii: "{"):
            flowDepth += 1
            index += 1
            continue
          default:
            break
          }
        }
        // Structure after (or instead of) a node.
        switch byte {
        case UInt8(ascii: "["), UInt8(ascii: "{"):
          if flowDepth > 0 || expectsNode {
            flowDepth += 1
            expectsNode = true
            index += 1
            continue
          }
        case UInt8(ascii: "]"), UInt8(ascii: "}"):
          if flowDepth > 0 {
            flowDepth -= 1
            expectsNode = false
            inPlain = false
            index += 1
            continue
          }
        case UInt8(ascii: ","):
          if flowDepth > 0 {
            expectsNode = true
            inPlain = false
            index += 1
            continue
          }
        case UInt8(ascii: ":"):
          if isBreak(index + 1) || flowDepth > 0 {
            expectsNode = true
            inPlain = false
            index += 1
            continue
          }
        default:
          break
        }
        if expectsNode {
          // A plain scalar starts here.
          entryColumn = index
          expectsNode = false
          inPlain = flowDepth == 0
        }
        index += 1
      }
      if flowDepth > 0 {
        flowExpectsNode = expectsNode
        plainIndent = nil
      } else {
        flowExpectsNode = true
        plainIndent = inPlain && quote == nil ? lineIndent : nil
      }
      return nil
    }
  }
}
