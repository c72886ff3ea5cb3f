import CommonMark
import CredentialSpecs
import OnboardDiagnostics

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

  /// The specs in a credentials block and the diagnostics of reading them, with positions
  /// mapped back into the guide `file`.
  static func specs(of block: (literal: String, range: SourceRange), file: String) -> (
    CredentialSpecSet, [Diagnostic]
  ) {
    let position = YAMLPosition(
      file: file, text: block.literal, lineOffset: block.range.start.line,
      columnOffset: block.range.start.column - 1)
    return CredentialSpecParser.parse(block.literal, position: position)
  }
}
