/// What is left of a condition when some of its variables are known (see
/// ``Condition/resolving(_:)``).
public enum ConditionResolution: Hashable, Sendable {
  /// The known variables decide it.
  case decided(Bool)
  /// It still depends on other variables: what is left to print or evaluate.
  case open(Condition)
}

extension Condition {
  /// The condition with the variables in `known` put in: decided when they settle it, else the
  /// part that still depends on other variables. A generic runbook knows only `output`, so
  /// `output == "packet" and credential_source == "file"` leaves nothing to print there, and
  /// `output == "runbook" and credential_source == "file"` leaves `credential_source == "file"`.
  /// - Parameter known: the variables whose values are known.
  public func resolving(_ known: [String: String]) -> ConditionResolution {
    switch self {
    case .equals(let variable, _), .notEquals(let variable, _), .isIn(let variable, _):
      guard known[variable] != nil, let value = try? evaluate(known) else { return .open(self) }
      return .decided(value)
    case .and(let lhs, let rhs):
      switch (lhs.resolving(known), rhs.resolving(known)) {
      case (.decided(false), _), (_, .decided(false)): return .decided(false)
      case (.decided(true), let other), (let other, .decided(true)): return other
      case (.open(let left), .open(let right)): return .open(.and(left, right))
      }
    case .or(let lhs, let rhs):
      switch (lhs.resolving(known), rhs.resolving(known)) {
      case (.decided(true), _), (_, .decided(true)): return .decided(true)
      case (.decided(false), let other), (let other, .decided(false)): return other
      case (.open(let left), .open(let right)): return .open(.or(left, right))
      }
    case .not(let inner):
      switch inner.resolving(known) {
      case .decided(let value): return .decided(!value)
      case .open(let left): return .open(.not(left))
      }
    }
  }
}
