extension Guide {
  /// A condition as the guide's author wrote it: the written text of a condition that appears
  /// in the guide as one piece, and for one joined from several (a step's own **When:**, its
  /// region's and its stage's), the written pieces joined with `and`, a piece that is an `or`
  /// in parentheses. A condition the guide never wrote falls back to ``Condition/text``.
  public func writtenText(of condition: Condition) -> String {
    if let written = conditionTexts[condition] { return written }
    if case .and(let left, let right) = condition {
      return piece(left) + " and " + piece(right)
    }
    return condition.text
  }

  /// One operand of a joined condition, in parentheses when it would otherwise bind differently.
  private func piece(_ condition: Condition) -> String {
    let text = writtenText(of: condition)
    if case .or = condition { return "(" + text + ")" }
    return text
  }
}
