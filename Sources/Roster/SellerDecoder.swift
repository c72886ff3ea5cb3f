import CredentialSpecs
import GuideKit
import OnboardDiagnostics

/// Turns a ``RosterRecord`` into a ``Seller``: picks out the standard fields, the owner, the
/// known credential values and the extra fields.
///
/// Standard fields: `id`, `name`, `account`, `owner` (a mapping of `name` and `email`, or the
/// text `Name <email>`), `owner_name`, `owner_email`, `credential_source`. Known credential
/// values are written either as a field named by a credential key (`lwa_app_id: ...`, or a CSV
/// column `lwa_app_id`), or under a `credentials:` mapping (a CSV column `credentials.<key>`).
/// Every other text field is an extra field, usable as a `{{variable}}`.
public struct SellerDecoder: Sendable {
  /// The credential keys the guide specifies.
  public var credentialKeys: [String]
  /// The guide's specs, so that messages never quote a name that looks like a credential.
  public var specs: CredentialSpecSet

  /// The standard field names, which are not extra fields.
  public static let standardFields: Set<String> = [
    "id", "name", "account", "owner", "owner_name", "owner_email", "credential_source", "credentials",
  ]

  /// Creates a decoder for a guide's credential keys.
  public init(credentialKeys: [String], specs: CredentialSpecSet = CredentialSpecSet()) {
    self.credentialKeys = credentialKeys
    self.specs = specs
  }

  /// Creates a decoder for a guide's credentials.
  public init(credentials: CredentialSpecSet) {
    self.init(credentialKeys: credentials.keys, specs: credentials)
  }

  /// A field name or key from the roster as a message shows it (``Redaction/name(_:specs:)``).
  func shown(_ name: String) -> String {
    credentialKeys.contains(name) || Self.standardFields.contains(name)
      ? "'\(name)'" : Redaction.name(name, specs: specs)
  }

  /// Decodes a record. The seller is `nil` when the row cannot be used at all (no id); shape
  /// problems with single fields become diagnostics and the field is left out.
  public func decode(_ record: RosterRecord) -> (seller: Seller?, diagnostics: [Diagnostic]) {
    var diagnostics: [Diagnostic] = []
    var texts: [String: String] = [:]
    var locations: [String: DiagnosticLocation] = [:]
    var owner = Seller.Owner()
    var known: [String: String] = [:]
    let rowName = "Row \(record.row)"
    let keySet = Set(credentialKeys)

    func error(_ rule: String, _ message: String, _ location: DiagnosticLocation, fix: String? = nil) {
      diagnostics.append(Diagnostic(severity: .error, ruleID: rule, message: message, location: location, fix: fix))
    }

    func addCredential(_ key: String, _ value: String, _ location: DiagnosticLocation) {
      guard keySet.contains(key) else {
        var message = "\(rowName) gives a value for \(shown(key)), which is not a credential of this guide."
        if let suggestion = NameSuggester.suggest(key, among: credentialKeys) {
          message += " Did you mean '\(suggestion)'?"
        }
        error(
          RosterRules.unknownCredential, message, location,
          fix: "Use one of: \(credentialKeys.joined(separator: ", ")).")
        return
      }
      guard known[key] == nil else {
        error(RosterRules.duplicateField, "\(rowName) gives \(shown(key)) twice.", location)
        return
      }
      known[key] = value
      locations["credentials.\(key)"] = location
    }

    var seenFields: Set<String> = []
    for field in record.fields {
      if !seenFields.insert(field.name).inserted {
        error(RosterRules.duplicateField, "\(rowName) gives the field \(shown(field.name)) twice.", field.location)
        continue
      }
      switch (field.name, field.value) {
      case ("owner", .mapping(let entries)):
        locations["owner"] = field.location
        for entry in entries {
          guard case .text(let text) = entry.value else { continue }
          switch entry.name {
          case "name":
            owner.name = text
            locations["owner_name"] = entry.valueLocation
          case "email":
            owner.email = text
            locations["owner_email"] = entry.valueLocation
          default:
            error(
              RosterRules.invalidField, "\(rowName): owner has a field \(shown(entry.name)); it takes name and email.",
              entry.location)
          }
        }
      case ("owner", .text(let text)):
        locations["owner"] = field.valueLocation
        let parsed = Self.parseOwner(text)
        if owner.name.isEmpty { owner.name = parsed.name }
        if owner.email.isEmpty { owner.email = parsed.email }
      case ("owner_name", .text(let text)):
        owner.name = text
        locations["owner_name"] = field.valueLocation
      case ("owner_email", .text(let text)):
        owner.email = text
        locations["owner_email"] = field.valueLocation
      case ("credentials", .mapping(let entries)):
        for entry in entries {
          guard case .text(let text) = entry.value else { continue }
          addCredential(entry.name, text, entry.valueLocation)
        }
      case ("credentials", .text):
        error(
          RosterRules.invalidField,
          "\(rowName): credentials must be a mapping of credential keys to values, not text; the text is not used.",
          field.valueLocation, fix: "Write one 'key: value' line per credential under 'credentials:'.")
      case (let name, .text(let text)) where name.hasPrefix("credentials."):
        addCredential(String(name.dropFirst("credentials.".count)), text, field.valueLocation)
      case (let name, .text(let text)) where keySet.contains(name):
        addCredential(name, text, field.valueLocation)
      case (let name, .text) where StandardVariables.filledByOnboard.contains(name):
        error(
          RosterRules.reservedField,
          "\(rowName): the field '\(name)' is a variable onboard fills itself, so this value would never be used.",
          field.valueLocation,
          fix:
            "Rename the field; '\(name)' always holds \(StandardVariables.description(of: name) ?? "onboard's own value")."
        )
      case (let name, .text(let text)):
        texts[name] = text
        locations[name] = field.valueLocation
      case (let name, .mapping):
        let hint = name == "credentials" || name == "owner" ? "" : " Only owner and credentials may be mappings."
        error(
          RosterRules.invalidField, "\(rowName): the field \(shown(name)) must be text, not a mapping.\(hint)",
          field.valueLocation)
      case (let name, .unsupported(let kind)):
        error(
          RosterRules.invalidField, "\(rowName): the field \(shown(name)) must be text, not \(kind).",
          field.valueLocation)
      }
    }

    guard let id = texts["id"], !id.isEmpty else {
      error(
        RosterRules.missingID, "\(rowName) has no id; every seller needs one (it names the packet folder).",
        record.location, fix: "Add an 'id:' field such as 'shop-de'.")
      return (nil, diagnostics)
    }
    var fields = texts
    for name in ["id", "name", "account", "credential_source"] { fields[name] = nil }
    let seller = Seller(
      id: id, name: texts["name"], account: texts["account"], owner: owner,
      credentialSource: (texts["credential_source"] ?? "file").lowercased(), knownCredentials: known,
      fields: fields, row: record.row, location: record.location, fieldLocations: locations)
    return (seller, diagnostics)
  }

  /// Splits `Name <email>`; text with an `@` and no spaces is an e-mail; other text is a name.
  public static func parseOwner(_ text: String) -> Seller.Owner {
    let trimmed = text.trimmingAny(of: " \t")
    if trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") {
      let name = String(trimmed[..<open]).trimmingAny(of: " \t")
      let email = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
      return Seller.Owner(name: name, email: email.trimmingAny(of: " \t"))
    }
    if trimmed.contains("@") && !trimmed.contains(" ") { return Seller.Owner(email: trimmed) }
    return Seller.Owner(name: trimmed)
  }
}
