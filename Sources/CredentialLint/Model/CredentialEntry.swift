import CredentialSpecs

/// One key and its value in a credential file, in a form shared by every format.
///
/// `value` is what the consumer loads (quotes removed, escapes decoded, comments cut); it is a
/// secret and must never be shown.
public struct CredentialEntry: Hashable, Sendable {
  /// The account the entry belongs to; `nil` for a flat file or the unsuffixed dotenv set.
  public var account: String?
  /// The key as written (YAML key, dotenv or JSON name), decoded.
  public var name: String
  /// The value as the consumer loads it. Never shown.
  public var value: String
  /// What the consumer makes of the value.
  public var loadedType: LoadedType
  /// How the value is written.
  public var style: ValueStyle
  /// Where the key is.
  public var keySpan: SourceSpan
  /// Where the value token is (its quotes included), if there is one.
  public var valueSpan: SourceSpan?
  /// Whether a later entry with the same name (in the same account) replaces this one.
  public var isOverridden: Bool
  /// The credential the name stands for, once the linter has matched it.
  public var specKey: String?
  /// A comment on the same line right after a plain value (`value #comment`), YAML only.
  public var trailingComment: SourceSpan?

  /// Creates an entry.
  public init(
    account: String?, name: String, value: String, loadedType: LoadedType = .string,
    style: ValueStyle, keySpan: SourceSpan, valueSpan: SourceSpan?, isOverridden: Bool = false,
    specKey: String? = nil, trailingComment: SourceSpan? = nil
  ) {
    self.account = account
    self.name = name
    self.value = value
    self.loadedType = loadedType
    self.style = style
    self.keySpan = keySpan
    self.valueSpan = valueSpan
    self.isOverridden = isOverridden
    self.specKey = specKey
    self.trailingComment = trailingComment
  }

  /// Whether the consumer loads no usable value (absent, null or an empty string).
  public var isEmpty: Bool {
    loadedType == .null || (loadedType == .string && value.isEmpty) || style == .none
  }

  /// The span to point at for a finding about the value: the value token, else the key.
  public var valueOrKeySpan: SourceSpan { valueSpan ?? keySpan }
}
