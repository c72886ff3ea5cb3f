import CredentialSpecs

/// One account's credentials as they are to be written into an accounts file: the account
/// name and its keys and values, in order.
///
/// Printing or dumping it shows the account, the keys and the value lengths, never a value.
public struct AccountCredentials: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible,
  CustomReflectable
{
  /// The account name (the top-level key).
  public var name: String
  /// The credential keys and values, in the order they are written. Values are secret.
  public var values: [(key: String, value: String)]

  /// Creates an account.
  public init(name: String, values: [(key: String, value: String)]) {
    self.name = name
    self.values = values
  }

  /// The keys, in order.
  public var keys: [String] { values.map(\.key) }

  public static func == (lhs: AccountCredentials, rhs: AccountCredentials) -> Bool {
    lhs.name == rhs.name && lhs.values.map(\.key) == rhs.values.map(\.key)
      && lhs.values.map(\.value) == rhs.values.map(\.value)
  }

  public var description: String {
    "account \(Redaction.name(name, specs: CredentialSpecSet())) ("
      + values.map { "\($0.key): \(Redaction.describe($0.value))" }.joined(separator: ", ") + ")"
  }

  public var debugDescription: String { description }

  public var customMirror: Mirror { Mirror(self, children: ["name": name, "keys": keys]) }
}
