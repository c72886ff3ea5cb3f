import CommonMark
import Testing

/// Every node's kind, data and range must match what `cmark --sourcepos -t xml` reports, in the
/// same (pre-)order.
@Suite(
  "Tree matches cmark's XML",
  .enabled(if: CMarkBinary.isAvailable, "/usr/bin/cmark is not installed; run scripts/setup.sh"))
struct SourcePositionParityTests {
  @Test(arguments: MarkdownSamples.all)
  func treeMatchesXML(sample: MarkdownSample) throws {
    let xml = try CMarkBinary.run(sample.markdown, arguments: ["--sourcepos", "-t", "xml"])
    let expected = Self.openingTags(in: xml)
    let document = MarkdownDocument.parse(sample.markdown)
    let actual =
      [Self.openingTag(for: document.root)] + document.root.descendants.map(Self.openingTag)
    #expect(actual == expected)
  }

  /// The opening tags of cmark's XML, one per node, with the wrapper's clamping applied to
  /// cmark's raw positions (an end column of 0 becomes 1; an end before the start becomes the
  /// start, as in the empty document's `1:1-0:0`).
  static func openingTags(in xml: String) -> [String] {
    var tags: [String] = []
    for line in xml.split(separator: "\n", omittingEmptySubsequences: false) {
      let trimmed = line.drop { $0 == " " }
      guard trimmed.hasPrefix("<"), !trimmed.hasPrefix("</"), !trimmed.hasPrefix("<?"),
        !trimmed.hasPrefix("<!")
      else { continue }
      // `<name attr="v" ...>` up to the first `>` that is not inside quotes.
      var tag = ""
      var inQuotes = false
      for character in trimmed.dropFirst() {
        if character == "\"" { inQuotes.toggle() }
        if !inQuotes && (character == ">" || character == "/") { break }
        tag.append(character)
      }
      var parts = attributes(of: tag)
      parts.removeAll { $0.name == "xmlns" || $0.name == "xml:space" || $0.name == "delim" }
      if let index = parts.firstIndex(where: { $0.name == "sourcepos" }) {
        parts[index].value = clamped(parts[index].value)
      }
      tags.append(
        ([String(tag.prefix { $0 != " " })] + parts.map { "\($0.name)=\"\($0.value)\"" })
          .joined(separator: " "))
    }
    return tags
  }

  /// The same tag, built from the wrapper's node.
  static func openingTag(for node: MarkdownNode) -> String {
    var parts = [TreeDump.xmlName(node.kind)]
    if let range = node.range { parts.append("sourcepos=\"\(range)\"") }
    switch node.kind {
    case .heading(let level): parts.append("level=\"\(level)\"")
    case .list(let info):
      parts.append("type=\"\(info.ordered ? "ordered" : "bullet")\"")
      if info.ordered { parts.append("start=\"\(info.start)\"") }
      parts.append("tight=\"\(info.tight)\"")
    case .codeBlock(let info, _) where !info.isEmpty: parts.append("info=\"\(escape(info))\"")
    case .link(let destination, let title), .image(let destination, let title):
      parts.append("destination=\"\(escape(destination))\"")
      // cmark leaves out an empty title.
      if !title.isEmpty { parts.append("title=\"\(escape(title))\"") }
    default: break
    }
    return parts.joined(separator: " ")
  }

  private static func attributes(of tag: String) -> [(name: String, value: String)] {
    var result: [(name: String, value: String)] = []
    var rest = Substring(tag).drop { $0 != " " }
    while let equals = rest.firstIndex(of: "=") {
      let name = rest[..<equals].trimmingPrefix(" ")
      let afterQuote = rest.index(equals, offsetBy: 2)
      guard let closing = rest[afterQuote...].firstIndex(of: "\"") else { break }
      result.append((String(name), String(rest[afterQuote..<closing])))
      rest = rest[rest.index(after: closing)...]
    }
    return result
  }

  private static func clamped(_ sourcepos: String) -> String {
    let numbers = sourcepos.split(whereSeparator: { $0 == ":" || $0 == "-" }).compactMap { Int($0) }
    guard numbers.count == 4 else { return sourcepos }
    var (endLine, endColumn) = (numbers[2], numbers[3])
    if endLine < numbers[0] || (endLine == numbers[0] && endColumn < numbers[1]) {
      (endLine, endColumn) = (numbers[0], numbers[1])
    }
    return "\(numbers[0]):\(numbers[1])-\(endLine):\(max(endColumn, 1))"
  }

  /// cmark's XML attribute escaping.
  private static func escape(_ text: String) -> String {
    var result = ""
    for character in text {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      default: result.append(character)
      }
    }
    return result
  }
}
