/// A note's title in the graph: its kind and its first words ("Warning: This is your only
/// chance to see this token."), so notes can be told apart.
enum NoteTitle {
  /// How many words of the note's text the title keeps.
  static let wordLimit = 8

  static func title(_ note: Note) -> String {
    let words = plainWords(note.markdown)
    guard !words.isEmpty else { return note.kind.label }
    let kept = words.prefix(wordLimit).joined(separator: " ")
    return "\(note.kind.label): \(kept)\(words.count > wordLimit ? " …" : "")"
  }

  /// The words of a short piece of Markdown, without emphasis, code marks, link destinations
  /// or block-quote markers. Reads only as far as the title needs.
  static func plainWords(_ markdown: String) -> [String] {
    var words: [String] = []
    var word = ""
    var inDestination = false
    var previous: Character = " "
    for character in markdown.prefix(2_000) {
      if inDestination {
        if character == ")" { inDestination = false }
        previous = character
        continue
      }
      if character == "(" && previous == "]" {
        inDestination = true
        continue
      }
      previous = character
      switch character {
      case "*", "`", "[", "]", ">", "\\":
        continue
      case " ", "\t", "\n", "\r":
        if !word.isEmpty {
          words.append(word)
          word = ""
          if words.count > wordLimit { return words }
        }
      default:
        word.append(character)
      }
    }
    if !word.isEmpty { words.append(word) }
    return words
  }
}
