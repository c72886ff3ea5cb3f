import CredentialSpecs

/// Credential values gathered during a walk, by credential key. They live only in memory and
/// leave it only through a credential file or the explicit `--print-env` output.
///
/// Printing, interpolating or dumping the collection shows only the keys and the lengths.
public struct CollectedCredentials: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
  private var values: [String: String] = [:]
  private var order: [String] = []

  /// Creates an empty collection.
  public init() {}

  /// The value for a key. Secret.
  public subscript(key: String) -> String? {
    get { values[key] }
    set {
      if let newValue {
        if values[key] == nil { order.append(key) }
        values[key] = newValue
      } else {
        values[key] = nil
        order.removeAll { $0 == key }
      }
    }
  }

  /// The keys, in the order the values were given.
  public var keys: [String] { order }

  /// Whether there are no values.
  public var isEmpty: Bool { order.isEmpty }

  /// The values as (key, value) pairs in the order of `specs` (keys the specs do not name
  /// come last, in the order given).
  public func ordered(by specs: CredentialSpecSet) -> [(key: String, value: String)] {
    let known = specs.keys.filter { values[$0] != nil }
    let rest = order.filter { specs[key: $0] == nil }
    return (known + rest).compactMap { key in values[key].map { (key, $0) } }
  }

  public var description: String {
    "CollectedCredentials(" + order.map { "\($0): \(Redaction.describe(values[$0] ?? ""))" }.joined(separator: ", ")
      + ")"
  }

  public var debugDescription: String { description }

  public var customMirror: Mirror { Mirror(self, children: ["keys": order]) }
}
