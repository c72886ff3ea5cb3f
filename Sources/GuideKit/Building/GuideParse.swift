import CommonMark
import OnboardSupport

/// Parses a guide's Markdown with cmark: a large guide in parts, each cut at a `##` heading line,
/// one after the other on the calling thread; any other guide in one piece.
///
/// Each part is handed to a `read` function as soon as it is parsed, and its tree is freed before
/// the next part is parsed, so the next part's cmark nodes reuse the same memory. On a 5 MB guide
/// that halves the peak memory (63 MB instead of 122) and takes about a fifth less time than one
/// parse of the whole, whose tree of half a million nodes touches fresh pages and is freed at once.
///
/// The parts hold the nodes one parse of the whole gives, because a cut is made only where
/// nothing crosses it:
/// - cmark's one state across blocks is the link reference definitions, so a guide with any
///   (any `]:` in it) is parsed in one piece;
/// - a `##` line at the start of a line is a heading unless a block still open above it takes
///   it in (a fenced code block or an HTML block); the blocks it closes are the part's last
///   blocks. Only those cmark ends differently at a line that closes them than at the end of the
///   text: fenced code blocks and setext headings. So when the chain of last blocks of a part
///   (but the last) holds a code block that is not a fenced block closed by its fence, an HTML
///   block or a setext heading, that part is parsed again together with the next (and when that
///   does not end closed either, with the rest of the guide), and what was read of the parts
///   joined is dropped. At most twice the work, never more.
///
/// The parts' trees are freed as soon as they are read, so a large guide's parse needs memory
/// for about one part, and what the next part allocates reuses it.
enum GuideParse {
  /// A guide parsed in one piece, or what `read` made of each of its parts (the index `read` was
  /// given is the first part's of a joined part).
  enum Parsed<Part> {
    /// The whole guide's document (`read` was not called).
    case whole(MarkdownDocument)
    /// `read`'s result for each part, in source order (indexes ascending, with gaps where parts
    /// were joined). The parts' documents are not kept: each is freed once it is read, so its
    /// memory serves the next part.
    case parts([Part])
  }

  /// How many bytes of source each part should have, about: parts smaller than this cost more
  /// in setting up than they gain in balance.
  static let defaultPartBytes = 256 << 10
  /// At most this many parts.
  static let maximumParts = 16

  /// The guide's documents in source order: one, or several parsed at once whose roots'
  /// children are the whole's top-level blocks (each after the first starting with the `##`
  /// heading at its cut).
  static func parse(_ source: SourceText, threshold: Int, partBytes: Int = defaultPartBytes) -> [MarkdownDocument] {
    switch parse(source, threshold: threshold, partBytes: partBytes, read: { $1 }) {
    case .whole(let document): return [document]
    case .parts(let documents): return documents
    }
  }

  /// Parses `source`, in parts when it is larger than `threshold` bytes, calling `read` on each
  /// part (with its index) right after parsing it.
  /// - Parameters:
  ///   - source: the guide's body.
  ///   - threshold: only sources larger than this many bytes are parsed in parts.
  ///   - partBytes: about how large each part is (at least two parts, at most ``maximumParts``).
  ///   - read: called once per part, in order.
  static func parse<Part>(
    _ source: SourceText, threshold: Int, partBytes: Int = defaultPartBytes,
    read readPart: (Int, MarkdownDocument) -> Part
  ) -> Parsed<Part> {
    guard source.bytes.count > threshold else { return .whole(MarkdownDocument.parse(source)) }
    let cuts = cutLines(source, parts: partCount(bytes: source.bytes.count, partBytes: partBytes))
    guard !cuts.isEmpty else { return .whole(MarkdownDocument.parse(source)) }
    let starts = [1] + cuts
    let ends = cuts + [source.lineCount + 1]
    // `nil` for a part whose last blocks do not end as they would in the whole (see
    // ``endsClosed(_:in:)``): it is of no use, so it is not read.
    var read: [Part?] = []
    for index in starts.indices {
      let document = MarkdownDocument.parse(source, lines: starts[index]..<ends[index])
      let usable = index == starts.count - 1 || endsClosed(document.root, in: source)
      read.append(usable ? readPart(index, document) : nil)
    }
    // A part that does not end closed is parsed again joined with the next part, and when that
    // does not end closed either, with all the rest; what was read of those is dropped.
    var parts: [Part] = []
    var index = 0
    while index < read.count {
      if let part = read[index] {
        parts.append(part)
        index += 1
        continue
      }
      var last = index + 1
      var document = MarkdownDocument.parse(source, lines: starts[index]..<ends[last])
      if last < read.count - 1 && !endsClosed(document.root, in: source) {
        // Still open (an unclosed fence takes in the rest): the rest in one piece.
        last = read.count - 1
        document = MarkdownDocument.parse(source, lines: starts[index]..<ends[last])
      }
      parts.append(readPart(index, document))
      index = last + 1
    }
    return .parts(parts)
  }

  /// How many parts a source of `bytes` bytes is cut into: one per `partBytes`, at least two and
  /// at most ``maximumParts`` (fewer when there are not enough `##` lines to cut at).
  static func partCount(bytes: Int, partBytes: Int) -> Int {
    min(maximumParts, max(2, bytes / max(partBytes, 1)))
  }

  /// The first line at or after the middle that starts with a `##` heading marker, or `nil`
  /// when there is none or the source defines link references.
  static func cutLine(_ source: SourceText) -> Int? {
    cutLines(source, parts: 2).first
  }

  /// Up to `parts - 1` lines to cut the source at, in order: for each `k` in `1..<parts`, the
  /// first line at or after `k/parts` of the lines (and after the cut before) that starts with a
  /// `##` heading marker. Empty when the source defines link references.
  static func cutLines(_ source: SourceText, parts: Int) -> [Int] {
    let bytes = source.bytes
    guard parts > 1, !definesReferences(bytes) else { return [] }
    var cuts: [Int] = []
    for k in 1..<parts {
      // Line 1 is no cut (the first part would be empty); a one-line source has none.
      let from = max(source.lineCount * k / parts, 2, (cuts.last ?? 0) + 1)
      guard from <= source.lineCount, let line = headingLine(in: source, from: from) else { break }
      cuts.append(line)
    }
    return cuts
  }

  /// The first line from `first` on that starts with `##` and a space, tab or line end.
  private static func headingLine(in source: SourceText, from first: Int) -> Int? {
    let bytes = source.bytes
    let hash = UInt8(ascii: "#")
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
  /// no HTML block or setext heading on the chain of last children, and no code block but a
  /// fenced one closed by its own fence (which nothing after it can reopen).
  static func endsClosed(_ root: MarkdownNode, in source: SourceText) -> Bool {
    var node = root
    while true {
      var last: MarkdownNode?
      for child in node.children { last = child }
      guard let last else { return true }
      switch last.type {
      case .codeBlock: return closedFence(last, in: source)
      case .htmlBlock: return false
      case .heading:
        // An ATX heading is one line; a setext heading has its underline below.
        if let range = last.range, range.end.line > range.start.line { return false }
      default: break
      }
      node = last
    }
  }

  /// Whether a code block is a fenced one whose last line is its closing fence: after the same
  /// indentation and container markers (`>`) as its first line, byte for byte, the same fence
  /// character, at least as many, and nothing else but spaces. Anything unusual counts as not
  /// closed (the part is then joined with the next, which is only slower).
  static func closedFence(_ block: MarkdownNode, in source: SourceText) -> Bool {
    guard let range = block.range, range.end.line > range.start.line,
      range.start.line >= 1, range.end.line <= source.lineCount,
      let opening = fence(in: source, line: range.start.line, allowInfo: true),
      let closing = fence(in: source, line: range.end.line, allowInfo: false)
    else { return false }
    return closing.prefix.elementsEqual(opening.prefix) && closing.character == opening.character
      && closing.count >= opening.count
  }

  /// The fence a line holds after its indentation and container markers: those (`prefix`), the
  /// fence character and its length; with `allowInfo`, text may follow the fence (an info
  /// string), otherwise only spaces.
  private static func fence(
    in source: SourceText, line: Int, allowInfo: Bool
  ) -> (prefix: ArraySlice<UInt8>, character: UInt8, count: Int)? {
    let bytes = source.bytes
    let lineRange = source.lineRange(line)
    var index = lineRange.lowerBound
    let end = lineRange.upperBound
    while index < end, bytes[index] == 0x20 || bytes[index] == UInt8(ascii: ">") { index += 1 }
    let prefix = bytes[lineRange.lowerBound..<index]
    guard index < end, bytes[index] == UInt8(ascii: "`") || bytes[index] == UInt8(ascii: "~") else { return nil }
    let character = bytes[index]
    var count = 0
    while index < end, bytes[index] == character {
      count += 1
      index += 1
    }
    guard count >= 3 else { return nil }
    if !allowInfo {
      while index < end, bytes[index] == 0x20 { index += 1 }
      guard index == end else { return nil }
    }
    return (prefix, character, count)
  }
}
