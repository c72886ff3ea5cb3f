import CommonMark
import Foundation

/// An HTML comment that opens a conditional region (`<!-- when: condition -->`) or closes one
/// (`<!-- end -->` or `<!-- end when -->`).
enum ConditionMarker {
  /// Opens a region: the condition's text, and the column where it starts.
  case open(String, column: Int)
  case close

  /// The marker an HTML block is, or `nil` when it is none.
  init?(_ block: MarkdownNode) {
    guard block.type == .htmlBlock, case .htmlBlock(let html) = block.kind else { return nil }
    let trimmed = html.trimmingCharacters(in: " \t\n\r")
    guard trimmed.hasPrefix("<!--"), trimmed.hasSuffix("-->") else { return nil }
    let inner = String(trimmed.dropFirst(4).dropLast(3))
    let content = inner.trimmingCharacters(in: " \t\n\r")
    if content == "end" || content == "end when" {
      self = .close
      return
    }
    guard content.hasPrefix("when:") else { return nil }
    let condition = String(content.dropFirst(5))
    let leadingInner = inner.prefix { $0 == " " || $0 == "\t" }.utf8.count
    let leadingCondition = condition.prefix { $0 == " " || $0 == "\t" }.utf8.count
    let column = (block.range?.start.column ?? 1) + 4 + leadingInner + 5 + leadingCondition
    self = .open(condition.trimmingCharacters(in: " \t\n\r"), column: column)
  }
}
