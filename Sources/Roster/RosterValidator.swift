import CredentialSpecs
import Escaping
import GuideKit
import OnboardDiagnostics
import OnboardSupport

/// Checks sellers one at a time as a roster streams past: ids (present, unique, safe as folder
/// names), accounts, the data-key field against the guide's data table, `credential_source`,
/// and known credential values against their specs. Messages name the row and never quote a
/// credential value.
///
/// The only state kept between rows is the set of ids seen, for duplicate detection.
public struct RosterValidator {
  /// The guide.
  public let guide: Guide
  /// Escapers of the credential files the packets will hold; a known value one of them cannot
  /// carry exactly is an error.
  public var credentialEscapers: [(name: String, escaper: any ValueEscaper)]
  /// The allowed `credential_source` values.
  public static let credentialSources = ["file", "env", "code"]

  private let validator: ValueValidator
  private var seen: [String: Int] = [:]

  /// Creates a validator for a guide.
  public init(guide: Guide, credentialEscapers: [(name: String, escaper: any ValueEscaper)] = []) {
    self.guide = guide
    self.credentialEscapers = credentialEscapers
    self.validator = ValueValidator(specs: guide.credentials)
  }

  /// Whether `id` is a safe folder name: 1–64 of `[A-Za-z0-9._-]`, not starting with `.` or
  /// `-`, not ending with `.`, and not a Windows device name (``GuideKit/PortableName``).
  public static func isSafeFolderName(_ id: String) -> Bool {
    guard !id.isEmpty, id.utf8.count <= 64, id.utf8.first != UInt8(ascii: "."), PortableName.problem(id) == nil
    else { return false }
    return id.utf8.allSatisfy { byte in
      UTF8Scan.isASCIIAlphanumeric(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
        || byte == UInt8(ascii: "-")
    }
  }

  /// Whether `account` is usable as a YAML key, file name and environment suffix:
  /// 1–64 of `[A-Za-z0-9_]`.
  public static func isSafeAccount(_ account: String) -> Bool {
    guard !account.isEmpty, account.utf8.count <= 64 else { return false }
    return account.utf8.allSatisfy { UTF8Scan.isASCIIAlphanumeric($0) || $0 == UInt8(ascii: "_") }
  }

  /// Checks one seller; returns its diagnostics (empty when it is fine).
  public mutating func validate(_ seller: Seller) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    if let duplicate = checkDuplicate(seller) { diagnostics.append(duplicate) }
    return diagnostics + validateRow(seller)
  }

  /// The duplicate-id check of ``validate(_:)``: a diagnostic when an earlier row has the same
  /// id (ignoring case); otherwise the id is remembered. Rows must come in roster order.
  public mutating func checkDuplicate(_ seller: Seller) -> Diagnostic? {
    guard Self.isSafeFolderName(seller.id) else { return nil }
    let key = seller.id.lowercased()
    if let first = seen[key] {
      return Diagnostic(
        severity: .error, ruleID: RosterRules.duplicateID,
        message:
          "Row \(seller.row) has the id '\(seller.id)', which row \(first) already uses (ids are compared ignoring case, since they name folders).",
        location: seller.location(of: "id"), fix: "Give each seller its own id.")
    }
    seen[key] = seller.row
    return nil
  }

  /// Every check of ``validate(_:)`` but the duplicate id: the ones that look at this row
  /// alone, so rows can be checked on several threads.
  public func validateRow(_ seller: Seller) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    let row = "Row \(seller.row)"
    func error(_ rule: String, _ message: String, _ location: DiagnosticLocation, fix: String? = nil) {
      diagnostics.append(Diagnostic(severity: .error, ruleID: rule, message: message, location: location, fix: fix))
    }

    if !Self.isSafeFolderName(seller.id) {
      error(
        RosterRules.unsafeID,
        "\(row): the id is not a safe folder name (it is \(seller.id.utf8.count) bytes; ids use only letters, digits, '.', '_' and '-', start with a letter, digit or '_', do not end with '.', are not a Windows device name such as CON or aux.txt, and are at most 64 characters).",
        seller.location(of: "id"), fix: "Choose an id such as 'shop-de'.")
    }

    if !Self.isSafeAccount(seller.account) && (!seller.accountIsDerived || Self.isSafeFolderName(seller.id)) {
      error(
        RosterRules.unsafeAccount,
        "\(row): the account name cannot be used in credential files; use only letters, digits and '_' (at most 64).",
        seller.location(of: "account"), fix: "Leave account out to derive it from the id.")
    }

    if !Self.credentialSources.contains(seller.credentialSource) {
      error(
        RosterRules.invalidCredentialSource,
        "\(row): credential_source must be file, env or code.", seller.location(of: "credential_source"))
    }

    if let table = guide.dataTable, let dataKey = guide.metadata.dataKey {
      if let value = seller.fields[dataKey], !value.isEmpty {
        if table.row(value) == nil {
          let keys = table.rows.map(\.key)
          var message =
            "\(row): \(Redaction.text(value, specs: guide.credentials)) is not a \(dataKey) in the guide's data table."
          if let suggestion = NameSuggester.suggest(value, among: keys) { message += " Did you mean '\(suggestion)'?" }
          error(
            RosterRules.unknownDataKey, message, seller.location(of: dataKey),
            fix: "Use one of: \(keys.joined(separator: ", ")).")
        }
      } else {
        error(
          RosterRules.missingDataKey, "\(row) has no \(dataKey); it picks the seller's row in the guide's data table.",
          seller.location, fix: "Add a '\(dataKey):' field.")
      }
    }

    diagnostics += declaredValueProblems(seller)

    for key in seller.knownCredentials.keys.sorted() {
      guard let value = seller.knownCredentials[key], let spec = guide.credentials[key: key] else { continue }
      let location = seller.location(of: "credentials.\(key)")
      for finding in validator.check(value, as: spec) {
        diagnostics.append(
          Diagnostic(
            severity: finding.severity, ruleID: RosterRules.credentialValue,
            message: "\(row): \(finding.message) [\(finding.ruleID)]", location: location, fix: finding.fix))
      }
      for (name, escaper) in credentialEscapers {
        if let reason = escaper.cannotRepresent(value) {
          error(
            RosterRules.unrepresentable, "\(row): the value of '\(key)' cannot be written into \(name): \(reason).",
            location)
        }
      }
    }
    return diagnostics
  }

  /// A field whose variable the guide declares with `values:`, holding another value. (The data
  /// key and `credential_source` have checks of their own above.)
  func declaredValueProblems(_ seller: Seller) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    for declaration in guide.metadata.variables {
      guard let allowed = declaration.values?.map(\.value), declaration.name != guide.metadata.dataKey,
        StandardVariables.fixedValues[declaration.name] == nil,
        let value = seller.fields[declaration.name], !value.isEmpty,
        !guide.allows(value, for: declaration.name)
      else { continue }
      var message =
        "Row \(seller.row): '\(CommentEscaper().escape(value))' is not a value of '\(declaration.name)'; the guide allows \(allowed.joined(separator: ", "))."
      if let suggestion = NameSuggester.suggest(value, among: allowed) { message += " Did you mean '\(suggestion)'?" }
      diagnostics.append(
        Diagnostic(
          severity: .error, ruleID: RosterRules.valueNotAllowed, message: message,
          location: seller.location(of: declaration.name), fix: "Use one of: \(allowed.joined(separator: ", "))."))
    }
    return diagnostics
  }
}
