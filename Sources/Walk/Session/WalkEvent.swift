import Verification

/// What a walk reports as it goes, so that the command can keep a record of it (the `onboard`
/// command connects ``WalkSession/events`` to the onboarding ledger; the Walk module itself
/// keeps no record and knows no database).
///
/// ``credentialsDelivered(_:file:)`` and ``verified(_:values:)`` carry the values themselves,
/// because only the receiver can turn them into fingerprints: a receiver must never store,
/// show or log a value.
public enum WalkEvent: Sendable {
  /// A step was confirmed (all its checks answered, its values collected); its id.
  case stepConfirmed(step: String)
  /// The values were written to `file` (or printed as export lines: `file` is `nil`), by key,
  /// in the guide's order.
  case credentialsDelivered([CollectedValue], file: String?)
  /// `--verify` checked the values it sent (by key) and got this result.
  case verified(VerificationResult, values: [CollectedValue])

  /// One collected credential: its key and its value (secret: see ``WalkEvent``). Printing or
  /// dumping it shows the key and the value's length only.
  public struct CollectedValue: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
  {
    /// The credential key.
    public var key: String
    /// The value.
    public var value: String
    /// The value came from the seller's roster row, not typed in this walk (so when it was
    /// made is not known).
    public var fromRoster: Bool

    /// A key and its value.
    public init(key: String, value: String, fromRoster: Bool = false) {
      self.key = key
      self.value = value
      self.fromRoster = fromRoster
    }

    public var description: String { "\(key) (\(value.count) characters)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["key": key, "length": value.count]) }
  }
}
