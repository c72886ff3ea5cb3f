/// One comparison in a condition's text, with the positions of its parts: what the condition
/// checks look at to point at the word that is wrong.
public struct ConditionComparison: Hashable, Sendable {
  /// The variable compared.
  public var variable: String
  /// The 0-based UTF-8 offset of the variable's name in the condition text.
  public var variableOffset: Int
  /// The values compared with (one for `==`/`!=`, the list for `in`), each with its offset.
  public var values: [(value: String, offset: Int)]

  public static func == (lhs: Self, rhs: Self) -> Bool {
    lhs.variable == rhs.variable && lhs.variableOffset == rhs.variableOffset
      && lhs.values.map(\.value) == rhs.values.map(\.value) && lhs.values.map(\.offset) == rhs.values.map(\.offset)
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(variable)
    hasher.combine(variableOffset)
    for value in values {
      hasher.combine(value.value)
      hasher.combine(value.offset)
    }
  }

  /// The comparisons of a condition's text, in order; empty when the text does not tokenize
  /// (the parser reports that).
  public static func all(in text: String) -> [ConditionComparison] {
    guard let tokens = try? ConditionParser.tokenize(text) else { return [] }
    var result: [ConditionComparison] = []
    var index = 0
    func isValue(_ token: ConditionParser.Token) -> Bool { token.kind == .string || token.kind == .word }
    while index + 2 < tokens.count {
      let name = tokens[index]
      let operation = tokens[index + 1]
      guard name.kind == .word, !["and", "or", "not", "in"].contains(name.text) else {
        index += 1
        continue
      }
      if operation.kind == .symbol && (operation.text == "==" || operation.text == "!="), isValue(tokens[index + 2]) {
        let value = tokens[index + 2]
        result.append(
          ConditionComparison(
            variable: name.text, variableOffset: name.offset, values: [(value.text, value.offset)]))
        index += 3
      } else if operation.kind == .word && operation.text == "in", tokens[index + 2].text == "[" {
        var values: [(value: String, offset: Int)] = []
        var cursor = index + 3
        while cursor < tokens.count, tokens[cursor].text != "]" || tokens[cursor].kind != .symbol {
          if isValue(tokens[cursor]) { values.append((tokens[cursor].text, tokens[cursor].offset)) }
          cursor += 1
        }
        result.append(ConditionComparison(variable: name.text, variableOffset: name.offset, values: values))
        index = cursor + 1
      } else {
        index += 1
      }
    }
    return result
  }
}
