import GuideKit
import OnboardSupport

/// Fills `{{variables}}` in guide Markdown with a seller's values, escaped for where each
/// placeholder sits (see ``PlaceholderContext``): backslash-escaped text in prose, percent-encoded
/// in link destinations (a `javascript:`-style link is refused), literal but unable to end the
/// code in code spans and fenced code blocks.
public struct MarkdownFiller {
  /// A variable holds a link that may not be used.
  public struct UnsafeLink: Error, Sendable {
    /// The variable's name.
    public var variable: String
    /// Why, without the value.
    public var reason: String
  }

  /// The seller's variables.
  public var variables: [String: String]
  private let contexts: PlaceholderContextCache

  /// Creates a filler.
  public init(variables: [String: String]) {
    self.init(variables: variables, contexts: PlaceholderContextCache())
  }

  package init(variables: [String: String], contexts: PlaceholderContextCache) {
    self.variables = variables
    self.contexts = contexts
  }

  /// Fills Markdown; unknown variables are left as they are (the planner reports them first).
  /// - Throws: ``UnsafeLink``.
  public func markdown(_ text: String) throws -> String {
    guard UTF8Scan.mayHavePlaceholder(text) else { return text }
    return try PreparedText(markdown: text, contexts: contexts).markdown(variables)
  }

  /// Fills plain text with the values as they are (for fields the template escapes).
  public func plain(_ text: String) -> String {
    VariableText.substitute(text) { variables[$0] ?? "{{\($0)}}" }
  }

  /// The UTF-8 offset after the `}}` that closes the placeholder whose `{{` is at `start` in
  /// `bytes`, or `nil` when none closes it. (Packets and runbooks both fill placeholders with it.)
  public static func placeholderEnd(_ bytes: [UInt8], from start: Int) -> Int? {
    var index = start + 2
    while index + 1 < bytes.count {
      if bytes[index] == UInt8(ascii: "}") && bytes[index + 1] == UInt8(ascii: "}") { return index + 2 }
      index += 1
    }
    return nil
  }

  /// Whether the placeholder at `offset` is the first thing in a link destination (so its value
  /// decides the link's scheme).
  static func destinationStarts(_ bytes: [UInt8], at offset: Int) -> Bool {
    destinationStart(bytes, at: offset) == offset
  }

  /// Where the link destination holding `offset` starts: scanning back over URL characters
  /// reaches `](`, `](<`, `<` or `]:` followed by spaces. `nil` outside a destination.
  static func destinationStart(_ bytes: [UInt8], at offset: Int) -> Int? {
    var index = offset
    while index > 0 {
      let byte = bytes[index - 1]
      if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == UInt8(ascii: ")") || byte == UInt8(ascii: "[")
        || byte == UInt8(ascii: "]") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "(")
        || byte == UInt8(ascii: "<")
      {
        break
      }
      index -= 1
    }
    let start = index
    guard start > 0 else { return nil }
    let before = bytes[start - 1]
    if before == UInt8(ascii: "(") && start >= 2 && bytes[start - 2] == UInt8(ascii: "]") { return start }
    if before == UInt8(ascii: "<") { return start }
    if before == 0x20 || before == 0x09 {
      var back = start - 1
      while back > 0 && (bytes[back - 1] == 0x20 || bytes[back - 1] == 0x09) { back -= 1 }
      if back >= 2 && bytes[back - 1] == UInt8(ascii: ":") && bytes[back - 2] == UInt8(ascii: "]") { return start }
    }
    return nil
  }
}

/// Remembers the placeholder contexts of guide texts (a guide has a fixed set of texts, so
/// the cache is bounded by the guide's size).
package final class PlaceholderContextCache {
  /// An empty cache.
  package init() {}

  private var entries: [String: [Int: PlaceholderContext]] = [:]

  /// The contexts of the placeholders in `text`, by UTF-8 offset.
  package func contexts(of text: String) -> [Int: PlaceholderContext] {
    if let cached = entries[text] { return cached }
    let computed = PlaceholderContext.analyse(text)
    if entries.count > 4096 { entries.removeAll(keepingCapacity: true) }
    entries[text] = computed
    return computed
  }
}
