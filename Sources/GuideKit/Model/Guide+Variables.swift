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

  /// What a variable holds, for labelled blanks in generic renderings.
  public func describeVariable(_ name: String) -> String {
    if let declared = metadata.variables.first(where: { $0.name == name }) { return declared.description }
    if let standard = StandardVariables.description(of: name) { return standard }
    if name == metadata.dataKey { return "the \(name) code" }
    return name.replacingOccurrences(of: "_", with: " ")
  }
}
