import CommonMark
import Foundation
import OnboardDiagnostics

// Turning blocks into a guide's body text, written so that it means the same wherever an output puts it.

extension DocumentReader {
  /// A block of body text under `condition`, as the Markdown written (dedented to its column),
  /// or an indented code block as a fenced one; a paragraph of images alone also keeps them as
  /// the block's images. `nil` for a block with no position.
  func bodyBlock(_ block: MarkdownNode, condition: Condition?) -> Block? {
    guard let range = block.range else { return nil }
    if case .codeBlock(_, let literal) = block.kind, !isFenced(block, at: range) {
      // An indented code block starts at its code, four columns right of the text around it:
      // dedenting it by its start column would make it a paragraph. It is written as a fenced
      // block, which means the same wherever an output puts it (in a list item, a quote).
      return Block(markdown: Self.fenced(literal), condition: condition, location: location(range))
    }
    let markdown = Dedent.lines(source, from: range.start.line, to: range.end.line, indent: range.start.column - 1)
    if case .codeBlock(let info, _) = block.kind {
      return Block(
        markdown: markdown, condition: condition, location: location(range),
        runnable: Block.runLanguage(infoString: info))
    }
    var images: [ScreenshotReference] = []
    if block.type == .paragraph {
      for child in block.children {
        switch child.kind {
        case .image(let path, _):
          images.append(
            ScreenshotReference(
              path: path, caption: child.plainText.trimmingCharacters(in: " \t"), location: location(child.range)))
        case .softBreak, .lineBreak: continue
        case .text(let text) where text.allSatisfy({ $0 == " " || $0 == "\t" }): continue
        default:
          images = []
          return Block(markdown: markdown, condition: condition, location: location(range))
        }
      }
    }
    return Block(markdown: markdown, condition: condition, location: location(range), images: images)
  }

  /// Whether a code block is fenced (its first line starts with ``` or ~~~).
  func isFenced(_ block: MarkdownNode, at range: SourceRange) -> Bool {
    let first = source.line(range.start.line).drop { $0 == " " || $0 == "\t" || $0 == ">" }
    return first.hasPrefix("```") || first.hasPrefix("~~~")
  }

  /// Code as a fenced code block whose fence is longer than any run of backticks in it.
  static func fenced(_ literal: String) -> String {
    var longest = 0
    var run = 0
    for character in literal {
      run = character == "`" ? run + 1 : 0
      longest = max(longest, run)
    }
    let fence = String(repeating: "`", count: max(3, longest + 1))
    var code = literal
    if !code.hasSuffix("\n") { code += "\n" }
    return fence + "\n" + code + fence
  }
}
