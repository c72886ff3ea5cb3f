import CommonMark
import OnboardDiagnostics

// Reading conditions: **When:** attributes and `<!-- when: … -->` … `<!-- end -->` regions.

extension DocumentReader {
  /// The condition a **When:** attribute holds (its value, or the code span that is its
  /// value), or `nil` when it does not parse.
  mutating func readCondition(_ attribute: Attribute) -> Condition? {
    var text = attribute.markdown
    var column = attribute.valueLocation.column
    if text.hasPrefix("`") && text.hasSuffix("`") && text.count >= 2 {
      text = String(text.dropFirst().dropLast())
      column += 1
    }
    return parseCondition(text, line: attribute.valueLocation.line, column: column)
  }

  /// Parses a condition written at `line` and `column`, keeping it as a use for the checks of
  /// variables and values; a syntax error is a problem at the column where it is.
  mutating func parseCondition(_ text: String, line: Int, column: Int) -> Condition? {
    do {
      let condition = try ConditionParser.parse(text)
      conditionUses.append((condition, DiagnosticLocation(file: file, line: line, column: column), text))
      return condition
    } catch let error as ConditionParser.SyntaxError {
      let at = DiagnosticLocation(file: file, line: line, column: column + error.offset)
      problems.append(.malformedCondition(message: error.message, at: at))
      return nil
    } catch {
      return nil
    }
  }

  /// Opens or closes a region of `stack` for an HTML-comment marker (an `<!-- end -->` with no
  /// open region is a problem).
  mutating func apply(_ marker: ConditionMarker, to stack: inout ConditionStack, at block: MarkdownNode) {
    switch marker {
    case .open(let text, let column):
      let parsed = parseCondition(text, line: block.range?.start.line ?? 1, column: column)
      stack.push(parsed, at: location(block.range))
    case .close:
      if !stack.pop() {
        problems.append(.endClosesNothing(at: location(block.range)))
      }
    }
  }
}
