import CommonMark
import Foundation
import OnboardSupport

/// Parses a guide's Markdown with cmark: a large guide in two parts at once, on two threads, cut
/// at a `##` heading line near its middle; any other guide in one piece.
///
/// The parts hold the nodes one parse of the whole gives, because the cut is made only where
/// nothing crosses it:
/// - cmark's one state across blocks is the link reference definitions, so a guide with any
///   (any `]:` in it) is parsed in one piece;
/// - a `##` line at the start of a line is a heading unless a block still open above it takes
///   it in (a fenced code block or an HTML block); the blocks it closes are the first part's
///   last blocks. Only those cmark ends differently at a line that closes them than at the end
///   of the text: fenced code blocks and setext headings. So when the chain of last blocks of
///   the first part holds a code block, an HTML block or a setext heading, the whole is parsed
///   again in one piece.
enum GuideParse {
  /// The guide's documents in source order: one, or two whose roots' children are the whole's
  /// top-level blocks (the second's first block is the `##` heading at the cut).
  /// - Parameters:
  ///   - source: the guide's body.
  ///   - threshold: parts are parsed at once only for sources larger than this many bytes (and
  ///     only with two processors).
  static func parse(_ source: SourceText, threshold: Int) -> [MarkdownDocument] {
    guard source.bytes.count > threshold, ProcessInfo.processInfo.activeProcessorCount > 1,
      let cut = cutLine(source)
    else { return [MarkdownDocument.parse(source)] }
    let parts = Parts(source: source, cut: cut)
    DispatchQueue.concurrentPerform(iterations: 2) { parts.parse($0) }
    guard let first = parts.first, let second = parts.second, endsClosed(first.root) else {
      return [MarkdownDocument.parse(source)]
    }
    return [first, second]
  }

  /// The first line at or after the middle that starts with a `##` heading marker, or `nil`
  /// when there is none or the source defines link references.
  static func cutLine(_ source: SourceText) -> Int? {
    let bytes = source.bytes
    if definesReferences(bytes) { return nil }
    let hash = UInt8(ascii: "#")
    // Line 1 is no cut (the first part would be empty); a one-line source has none.
    let first = max(source.lineCount / 2, 2)
    guard first <= source.lineCount else { return nil }
    for line in first...source.lineCount {
      let start = source.lineStarts[line - 1]
      guard start + 2 <= bytes.count, bytes[start] == hash, bytes[start + 1] == hash else { continue }
      if start + 2 == bytes.count { return line }
      switch bytes[start + 2] {
      case 0x20, 0x09, 0x0A, 0x0D: return line
      default: continue
      }
    }
    return nil
  }

  /// Whether `]:` occurs anywhere: every link reference definition has it.
  static func definesReferences(_ bytes: [UInt8]) -> Bool {
    var from = 0
    while let found = UTF8Scan.find(UInt8(ascii: "]"), in: bytes, from: from) {
      if found + 1 < bytes.count && bytes[found + 1] == UInt8(ascii: ":") { return true }
      from = found + 1
    }
    return false
  }

  /// Whether the blocks the cut closes are ones cmark ends the same way at the end of the text:
  /// no code block, HTML block or setext heading on the chain of last children.
  static func endsClosed(_ root: MarkdownNode) -> Bool {
    var node = root
    while true {
      var last: MarkdownNode?
      for child in node.children { last = child }
      guard let last else { return true }
      switch last.type {
      case .codeBlock, .htmlBlock: return false
      case .heading:
        // An ATX heading is one line; a setext heading has its underline below.
        if let range = last.range, range.end.line > range.start.line { return false }
      default: break
      }
      node = last
    }
  }

  /// The two parts, each written by the one thread that parses it.
  private final class Parts: @unchecked Sendable {
    let source: SourceText
    let cut: Int
    var first: MarkdownDocument?
    var second: MarkdownDocument?

    init(source: SourceText, cut: Int) {
      self.source = source
      self.cut = cut
    }

    func parse(_ part: Int) {
      if part == 0 {
        first = MarkdownDocument.parse(source, lines: 1..<cut)
      } else {
        second = MarkdownDocument.parse(source, lines: cut..<(source.lineCount + 1))
      }
    }
  }
}
