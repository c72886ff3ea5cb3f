/// Labels for roster fields on a runbook's cover.
enum FieldLabel {
  /// `marketplace` → `Marketplace`, `seller_region` → `Seller region`.
  static func of(_ name: String) -> String {
    let words = name.replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " ")
    return words.prefix(1).uppercased() + words.dropFirst()
  }
}
