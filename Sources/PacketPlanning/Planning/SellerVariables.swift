import CredentialSpecs
import GuideKit
import Roster

/// The variables a seller has in a guide: the standard fields (see `StandardVariables`), every
/// extra roster field, and the columns of the guide's data table row picked by the seller's
/// data-key field. A roster field wins over a data table column of the same name; the
/// standard fields win over both.
public enum SellerVariables {
  /// The seller's variables.
  /// - Parameter layout: the template set's layout: it names the files a packet holds
  ///   (`credentials_file`, `dotenv_file`) and where the seller's credentials go
  ///   (`credentials_destination`, the `destination:` of the seller's credential-source file).
  ///   - credentialsDestination: the `credentials_destination` to use instead (`walk --write`).
  ///   - output: what the variables are for (the standard variable `output`).
  public static func variables(
    for seller: Seller, guide: Guide, layout: ServiceLayout? = nil, credentialsDestination: String? = nil,
    output: GuideOutput = .packet
  ) -> [String: String] {
    var variables: [String: String] = [:]
    if let table = guide.dataTable, let dataKey = guide.metadata.dataKey,
      let key = seller.fields[dataKey], let row = table.row(key)
    {
      variables.merge(row.values) { _, new in new }
    }
    variables.merge(seller.fields) { _, new in new }
    variables["id"] = seller.id
    variables["name"] = seller.name
    variables["account"] = seller.account
    variables["owner"] = seller.owner.display
    variables["owner_name"] = seller.owner.name
    variables["owner_email"] = seller.owner.email
    variables["credential_source"] = seller.credentialSource
    variables["guide_id"] = guide.metadata.id
    variables["guide_title"] = guide.title
    variables["guide_version"] = guide.metadata.version
    variables[GuideOutput.variableName] = output.rawValue
    if let layout {
      if let file = layout.file(kind: .accountsYAML) ?? layout.file(kind: .flatYAML) ?? layout.files.first {
        variables["credentials_file"] = layout.fileName(file, account: seller.account)
      }
      if let file = layout.file(kind: .dotenv) {
        variables["dotenv_file"] = layout.fileName(file, account: seller.account)
      }
      if let file = layout.file(forSource: seller.credentialSource) {
        variables["credentials_destination"] = layout.destination(file, account: seller.account)
      }
    }
    if let credentialsDestination { variables["credentials_destination"] = credentialsDestination }
    let keys = guide.credentials.specs.filter { !$0.isDeprecated }.map(\.key)
    variables["known_credentials"] = listed(keys.filter { seller.knownCredentials[$0] != nil })
    variables["missing_credentials"] = listed(keys.filter { seller.knownCredentials[$0] == nil })
    return variables
  }

  /// Keys as words: `a`, `a and b`, `a, b and c`, or `none`.
  static func listed(_ keys: [String]) -> String {
    guard let last = keys.last else { return "none" }
    if keys.count == 1 { return last }
    return keys.dropLast().joined(separator: ", ") + " and " + last
  }
}
