import OnboardDiagnostics

/// One recipient of a packet, understood from a roster row.
///
/// Built by ``SellerDecoder``; values are exactly as written in the roster. Known credential
/// values are secret: nothing but the credential files may show them.
public struct Seller: Sendable, Hashable {
  /// The account owner.
  public struct Owner: Sendable, Hashable {
    /// The owner's name ("" when not given).
    public var name: String
    /// The owner's e-mail address ("" when not given).
    public var email: String

    /// Creates an owner.
    public init(name: String = "", email: String = "") {
      self.name = name
      self.email = email
    }

    /// `Name <email>`, or whichever part is given.
    public var display: String {
      switch (name.isEmpty, email.isEmpty) {
      case (false, false): return "\(name) <\(email)>"
      case (false, true): return name
      case (true, false): return email
      case (true, true): return ""
      }
    }
  }

  /// The seller's id; also the packet's folder name.
  public var id: String
  /// The display name (defaults to the id).
  public var name: String
  /// The account name in credential files (given, or derived from the id; see
  /// ``Seller/derivedAccount(from:)``).
  public var account: String
  /// Whether the account was derived rather than given.
  public var accountIsDerived: Bool
  /// The account owner.
  public var owner: Owner
  /// Where the credentials will live: `file`, `env` or `code` (default `file`).
  public var credentialSource: String
  /// Known credential values by credential key. Secret.
  public var knownCredentials: [String: String]
  /// Every other field, by name: the data-key field (such as `marketplace`) and extra fields.
  public var fields: [String: String]
  /// The 1-based row number in the roster.
  public var row: Int
  /// Where the row starts.
  public var location: DiagnosticLocation
  /// Where each field is, by field name (credentials as `credentials.<key>`).
  public var fieldLocations: [String: DiagnosticLocation]

  /// Creates a seller.
  public init(
    id: String, name: String? = nil, account: String? = nil, owner: Owner = Owner(),
    credentialSource: String = "file", knownCredentials: [String: String] = [:],
    fields: [String: String] = [:], row: Int = 1,
    location: DiagnosticLocation = DiagnosticLocation(file: "roster", line: 1, column: 1),
    fieldLocations: [String: DiagnosticLocation] = [:]
  ) {
    self.id = id
    self.name = name ?? id
    self.account = account ?? Seller.derivedAccount(from: id)
    self.accountIsDerived = account == nil
    self.owner = owner
    self.credentialSource = credentialSource
    self.knownCredentials = knownCredentials
    self.fields = fields
    self.row = row
    self.location = location
    self.fieldLocations = fieldLocations
  }

  /// The account name derived from an id: every character other than an ASCII letter, digit or
  /// underscore becomes `_`; case is kept. `shop-de.eu` → `shop_de_eu`. The result is usable in
  /// a YAML key, a file name and an environment variable suffix (`LWA_APP_ID_shop_de_eu`).
  public static func derivedAccount(from id: String) -> String {
    String(
      String.UnicodeScalarView(
        id.unicodeScalars.map { scalar in
          let value = scalar.value
          let isWord =
            (value >= 0x30 && value <= 0x39) || (value >= 0x41 && value <= 0x5A)
            || (value >= 0x61 && value <= 0x7A) || value == 0x5F
          return isWord ? scalar : "_"
        }))
  }

  /// Where a field is, falling back to the row.
  public func location(of field: String) -> DiagnosticLocation {
    fieldLocations[field] ?? location
  }
}
