/// An account a credential file declares: a YAML section, or a dotenv name suffix.
public struct AccountSection: Hashable, Sendable {
  /// The account's name; `nil` for a flat file's single set or dotenv's unsuffixed names.
  public var name: String?
  /// Where it is declared (the YAML key, or the first suffixed dotenv name).
  public var span: SourceSpan
  /// Whether its credentials are written as a mapping (false for `account: value`).
  public var isMapping: Bool
  /// What the section holds when it is not a mapping, in words.
  public var shapeDescription: String?

  /// Creates an account.
  public init(name: String?, span: SourceSpan, isMapping: Bool = true, shapeDescription: String? = nil) {
    self.name = name
    self.span = span
    self.isMapping = isMapping
    self.shapeDescription = shapeDescription
  }

  /// `account 'shop'`, or `the default set` for the unnamed one.
  public var phrase: String {
    name.map { "account '\($0)'" } ?? "the file"
  }
}
