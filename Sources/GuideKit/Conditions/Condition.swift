/// A guard on a step or block: `marketplace in [UK, DE]`, `region == "eu" and not x != y`.
///
/// Comparisons ignore case, so `region == "eu"` matches a table value `EU`.
public indirect enum Condition: Hashable, Sendable, CustomStringConvertible {
  case equals(variable: String, value: String)
  case notEquals(variable: String, value: String)
  case isIn(variable: String, values: [String])
  case and(Condition, Condition)
  case or(Condition, Condition)
  case not(Condition)

  /// A variable the condition needs that the recipient does not have.
  public struct UnknownVariable: Error, Hashable, Sendable {
    /// The variable's name.
    public var name: String
  }

  /// Evaluates the condition.
  /// - Parameter variables: the recipient's variables.
  /// - Throws: ``UnknownVariable`` for a variable that is not in `variables`.
  public func evaluate(_ variables: [String: String]) throws -> Bool {
    switch self {
    case .equals(let variable, let value):
      return try Self.lookup(variable, variables).lowercased() == value.lowercased()
    case .notEquals(let variable, let value):
      return try Self.lookup(variable, variables).lowercased() != value.lowercased()
    case .isIn(let variable, let values):
      let actual = try Self.lookup(variable, variables).lowercased()
      return values.contains { $0.lowercased() == actual }
    case .and(let lhs, let rhs):
      return try lhs.evaluate(variables) && rhs.evaluate(variables)
    case .or(let lhs, let rhs):
      return try lhs.evaluate(variables) || rhs.evaluate(variables)
    case .not(let inner):
      return try !inner.evaluate(variables)
    }
  }

  private static func lookup(_ name: String, _ variables: [String: String]) throws -> String {
    guard let value = variables[name] else { throw UnknownVariable(name: name) }
    return value
  }

  /// The variables the condition reads, in order of appearance.
  public var variables: [String] {
    switch self {
    case .equals(let variable, _), .notEquals(let variable, _), .isIn(let variable, _):
      return [variable]
    case .and(let lhs, let rhs), .or(let lhs, let rhs):
      var names = lhs.variables
      for name in rhs.variables where !names.contains(name) { names.append(name) }
      return names
    case .not(let inner):
      return inner.variables
    }
  }

  /// The condition in the guide's syntax.
  public var description: String {
    func quote(_ value: String) -> String { "\"\(value)\"" }
    switch self {
    case .equals(let variable, let value): return "\(variable) == \(quote(value))"
    case .notEquals(let variable, let value): return "\(variable) != \(quote(value))"
    case .isIn(let variable, let values):
      return "\(variable) in [\(values.map(quote).joined(separator: ", "))]"
    case .and(let lhs, let rhs): return "(\(lhs) and \(rhs))"
    case .or(let lhs, let rhs): return "(\(lhs) or \(rhs))"
    case .not(let inner): return "not \(inner)"
    }
  }
}
