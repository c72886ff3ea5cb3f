import CommonMark

/// The guide's ```` ```yaml credentials ```` block: a fenced code block whose info string starts
/// with the words `yaml credentials`.
enum CredentialsBlock {
  /// The block's YAML and where it is, when `block` is a credentials block.
  static func match(_ block: MarkdownNode) -> (literal: String, range: SourceRange)? {
    // The type first: other blocks' strings are not made.
    guard block.type == .codeBlock, case .codeBlock(let info, let literal) = block.kind, let range = block.range
    else { return nil }
    let words = info.split(whereSeparator: { $0 == " " || $0 == "\t" })
    guard words.count >= 2, words[0] == "yaml", words[1] == "credentials" else { return nil }
    return (literal, range)
  }
}
