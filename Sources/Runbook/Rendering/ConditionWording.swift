import GuideKit

/// A condition in words, for the "Only when …" line of a generic runbook.
///
/// A value the guide's front matter labels (`values:` with words) is said in those words:
/// `credential_source == "file"` becomes "python-amazon-sp-api reads the credentials from
/// credentials.yml". Other comparisons name the variable in words (its name with `_` as a
/// space) and quote the value: `the credential source is "file"`, `the marketplace is "UK" or
/// "DE"`, `the tier is not "pro"`. A negated comparison of a variable whose every value is
/// labelled is said as the other values' words. `and`, `or` and `not` are words too, with
/// "either … or …" and "both … and …" where one is inside the other. Never code.
struct ConditionWording {
  /// The guide, which declares the variables' values and their words.
  let guide: Guide

  /// The condition in words, without "Only when".
  func words(_ condition: Condition) -> String {
    switch condition {
    case .equals(let variable, let value):
      return label(variable, value) ?? "\(subject(variable)) is \(quote(value))"
    case .notEquals(let variable, let value):
      return excluding(variable, [value])
    case .isIn(let variable, let values):
      let labels = values.compactMap { label(variable, $0) }
      if labels.count == values.count, !labels.isEmpty { return list(labels, joiner: "or") }
      return "\(subject(variable)) is \(list(values.map(quote), joiner: "or"))"
    case .and:
      return compound(flatten(condition, and: true), and: true)
    case .or:
      return compound(flatten(condition, and: false), and: false)
    case .not(let inner):
      switch inner {
      case .equals(let variable, let value): return excluding(variable, [value])
      case .notEquals(let variable, let value): return words(.equals(variable: variable, value: value))
      case .isIn(let variable, let values): return excluding(variable, values)
      case .not(let twice): return words(twice)
      case .and, .or: return "it is not the case that \(words(inner))"
      }
    }
  }

  /// The variable in words: `credential_source` → "the credential source".
  func subject(_ variable: String) -> String {
    "the " + variable.replacingOccurrences(of: "_", with: " ")
  }

  /// The words the front matter gives a variable's value, compared without regard to case.
  func label(_ variable: String, _ value: String) -> String? {
    allowed(variable)?.first { $0.value.lowercased() == value.lowercased() }?.label
  }

  private func allowed(_ variable: String) -> [AllowedValue]? {
    guard let declared = guide.metadata.variables.first(where: { $0.name == variable })?.values else { return nil }
    if let fixed = StandardVariables.fixedValues[variable] {
      // A standard variable's values are fixed; the front matter may label only some of them.
      return fixed.map { value in
        declared.first { $0.value.lowercased() == value.lowercased() } ?? AllowedValue(value: value)
      }
    }
    return declared
  }

  /// "Anything but these values": the other values' words when every value is labelled, else
  /// `the tier is not "pro"` / `is neither "a" nor "b"` / `is none of "a", "b" and "c"`.
  private func excluding(_ variable: String, _ values: [String]) -> String {
    let excluded = Set(values.map { $0.lowercased() })
    if let allowed = allowed(variable), allowed.allSatisfy({ $0.label != nil }) {
      let others = allowed.filter { !excluded.contains($0.value.lowercased()) }.compactMap(\.label)
      if !others.isEmpty { return list(others, joiner: "or") }
    }
    let quoted = values.map(quote)
    switch quoted.count {
    case 1: return "\(subject(variable)) is not \(quoted[0])"
    case 2: return "\(subject(variable)) is neither \(quoted[0]) nor \(quoted[1])"
    default: return "\(subject(variable)) is none of \(list(quoted, joiner: "and"))"
    }
  }

  /// A part of an `and` (inside: true) or `or` list; a list of the other kind gets "either" or "both".
  private func nested(_ part: Condition, inside and: Bool) -> String {
    switch part {
    case .or where and: return "either " + words(part)
    case .and where !and: return "both " + words(part)
    default: return words(part)
    }
  }

  /// The parts of an `and` or `or` in words; when one part is itself a list of the other kind,
  /// the parts are set apart with commas: "either A or B, and C".
  private func compound(_ parts: [Condition], and: Bool) -> String {
    let said = parts.map { nested($0, inside: and) }
    let joiner = and ? "and" : "or"
    let hasNested = parts.contains { part in
      switch part {
      case .and, .or: return true
      default: return false
      }
    }
    guard hasNested, let last = said.last, said.count > 1 else { return list(said, joiner: joiner) }
    return said.dropLast().joined(separator: ", ") + ", \(joiner) " + last
  }

  private func flatten(_ condition: Condition, and: Bool) -> [Condition] {
    switch condition {
    case .and(let lhs, let rhs) where and: return flatten(lhs, and: true) + flatten(rhs, and: true)
    case .or(let lhs, let rhs) where !and: return flatten(lhs, and: false) + flatten(rhs, and: false)
    default: return [condition]
    }
  }

  private func quote(_ value: String) -> String { "\"\(value)\"" }

  /// `a`, `a or b`, `a, b or c`.
  private func list(_ items: [String], joiner: String) -> String {
    guard let last = items.last else { return "" }
    if items.count == 1 { return last }
    return items.dropLast().joined(separator: ", ") + " \(joiner) " + last
  }
}
