import GuideKit

/// Why a run block's variables could not be filled safely; the block is then not run.
/// The message names the variable, never its value.
public enum RunFillError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The seller has no value for the variable.
  case unknownVariable(String)
  /// The variable sits where its value cannot be quoted for the language (a here-document,
  /// a backquoted command, an f-string expression, …).
  case unsafePlace(variable: String, place: String)

  public var description: String {
    switch self {
    case .unknownVariable(let name): return "the variable {{\(name)}} has no value for this seller"
    case .unsafePlace(let name, let place):
      return "the variable {{\(name)}} stands \(place), where its value cannot be quoted safely"
    }
  }
}

/// A run block's code cut at its `{{variables}}`: literal text and variable names, in order.
struct TemplatePieces {
  enum Piece: Equatable {
    case literal(String)
    case variable(String)
  }

  let pieces: [Piece]

  /// Cuts `code` at its placeholders (the same syntax as everywhere in the guide).
  init(_ code: String) {
    // The code comes from cmark, which replaces NUL with U+FFFD, so NUL can mark the cuts.
    let marked = VariableText.substitute(code) { "\u{0}" + $0 + "\u{0}" }
    var pieces: [Piece] = []
    for (index, part) in marked.split(separator: "\u{0}", omittingEmptySubsequences: false).enumerated() {
      if index % 2 == 0 {
        if !part.isEmpty { pieces.append(.literal(String(part))) }
      } else {
        pieces.append(.variable(String(part)))
      }
    }
    self.pieces = pieces
  }
}
