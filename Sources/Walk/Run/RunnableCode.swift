import CommonMark
import GuideKit

/// A run-marked code block of a step: its language and its code, `{{variables}}` not yet filled.
struct RunnableCode: Equatable {
  /// The language.
  let language: RunLanguage
  /// The code as the guide writes it.
  let template: String

  /// The block's code, or `nil` when the block is not run-marked or its language does not run
  /// (`guide/unknown-run-language` reports that).
  init?(_ block: Block) {
    guard let written = block.runnable, let language = RunLanguage(rawValue: written) else { return nil }
    let document = MarkdownDocument.parse(block.markdown)
    guard let code = document.root.children.first(where: { $0.type == .codeBlock }),
      case .codeBlock(_, let literal) = code.kind
    else { return nil }
    self.language = language
    self.template = literal
  }

  /// The code with its variables filled, each value quoted for the language.
  func filled(_ variables: [String: String]) throws(RunFillError) -> String {
    switch language {
    case .sh: return try ShellTemplate.fill(template, variables: variables)
    case .python: return try PythonTemplate.fill(template, variables: variables)
    }
  }
}
