import CommonMark

/// A readable dump of a tree: one node a line, indented by depth, with its range.
enum TreeDump {
  static func dump(_ node: MarkdownNode) -> String {
    var lines: [String] = []
    // Iterative, so the helper works on deep trees too.
    var stack: [(MarkdownNode, Int)] = [(node, 0)]
    while let (current, depth) = stack.popLast() {
      let range = current.range.map { $0.description } ?? "-"
      lines.append(String(repeating: "  ", count: depth) + describe(current.kind) + " " + range)
      for child in current.children.reversed() { stack.append((child, depth + 1)) }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func describe(_ kind: NodeKind) -> String {
    switch kind {
    case .heading(let level): return "heading(\(level))"
    case .list(let info):
      return
        "list(\(info.ordered ? "ordered start=\(info.start)" : "bullet")\(info.tight ? " tight" : ""))"
    case .codeBlock(let info, let literal): return "code_block \(quoted(info)) \(quoted(literal))"
    case .htmlBlock(let literal): return "html_block \(quoted(literal))"
    case .text(let literal): return "text \(quoted(literal))"
    case .code(let literal): return "code \(quoted(literal))"
    case .htmlInline(let literal): return "html_inline \(quoted(literal))"
    case .link(let destination, let title): return "link \(quoted(destination)) \(quoted(title))"
    case .image(let source, let title): return "image \(quoted(source)) \(quoted(title))"
    case .unknown(let name): return "unknown \(name)"
    default: return xmlName(kind)
    }
  }

  /// The element name cmark's XML renderer uses for a kind.
  static func xmlName(_ kind: NodeKind) -> String {
    switch kind {
    case .document: return "document"
    case .blockQuote: return "block_quote"
    case .list: return "list"
    case .item: return "item"
    case .codeBlock: return "code_block"
    case .htmlBlock: return "html_block"
    case .customBlock: return "custom_block"
    case .paragraph: return "paragraph"
    case .heading: return "heading"
    case .thematicBreak: return "thematic_break"
    case .text: return "text"
    case .softBreak: return "softbreak"
    case .lineBreak: return "linebreak"
    case .code: return "code"
    case .htmlInline: return "html_inline"
    case .customInline: return "custom_inline"
    case .emphasis: return "emph"
    case .strong: return "strong"
    case .link: return "link"
    case .image: return "image"
    case .unknown(let name): return name
    }
  }

  private static func quoted(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\n": result += "\\n"
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result + "\""
  }
}
