import GuideKit

/// The variables a seller has in a guide: the standard fields (see `StandardVariables`), every
/// extra roster field, and the columns of the guide's data table row picked by the seller's
/// data-key field. A roster field wins over a data table column of the same name; the
/// standard fields win over both.
public enum SellerVariables {
  /// The seller's variables.
  public static func variables(for seller: Seller, guide: Guide) -> [String: String] {
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
    return variables
  }
}
