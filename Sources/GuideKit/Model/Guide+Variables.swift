import Foundation

extension Guide {
  /// Every variable a recipient can have for this guide: the standard fields, the front
  /// matter's declared variables, the data-key field and the data table's columns.
  public var knownVariables: Set<String> {
    var names = StandardVariables.names
    for declaration in metadata.variables { names.insert(declaration.name) }
    if let key = metadata.dataKey { names.insert(key) }
    if let table = dataTable { names.formUnion(table.columns) }
    return names
  }

  /// The values a variable can hold, when they form a closed set: the values onboard fixes for
  /// a standard field (`credential_source`: file, env, code), the data table's keys for the
  /// data-key variable, or the front matter's `values:`. `nil` when any value is allowed.
  public func allowedValues(of name: String) -> [String]? {
    if let fixed = StandardVariables.fixedValues[name] { return fixed }
    if name == metadata.dataKey {
      guard let table = dataTable else { return nil }
      return table.rows.map(\.key)
    }
    return metadata.variables.first { $0.name == name }?.values?.map(\.value)
  }

  /// Whether `value` is one of `name`'s allowed values (without regard to case, as conditions
  /// compare); `true` when the variable has no closed set.
  public func allows(_ value: String, for name: String) -> Bool {
    guard let allowed = allowedValues(of: name) else { return true }
    let lowered = value.lowercased()
    return allowed.contains { $0.lowercased() == lowered }
  }

  /// What a variable holds, for labelled blanks in generic renderings.
  public func describeVariable(_ name: String) -> String {
    if let declared = metadata.variables.first(where: { $0.name == name }) { return declared.description }
    if let standard = StandardVariables.description(of: name) { return standard }
    if name == metadata.dataKey { return "the \(name) code" }
    return name.replacingOccurrences(of: "_", with: " ")
  }
}
