import CredentialSpecs
import OnboardDiagnostics
import Yams

/// Reads the front matter's `variables:` field: a mapping of name to a description (short
/// form), or to a mapping with `description:` and `values:` (long form, a closed set of values,
/// each with optional words that say what it means). A plain list of names is also accepted.
enum VariablesField {
  /// The keys of a long-form declaration.
  static let longFormKeys = ["description", "values"]

  /// The declarations in `value`; problems become `guide/front-matter` diagnostics.
  static func read(
    _ value: Node, dataKey: String?, position: YAMLPosition, diagnostics: inout [Diagnostic]
  ) -> [VariableDeclaration] {
    func error(_ message: String, _ node: Node, fix: String? = nil) {
      diagnostics.append(
        Diagnostic(
          severity: .error, ruleID: GuideRules.frontMatter, message: message, location: position.location(node.mark),
          fix: fix))
    }
    if let items = value.sequence {
      return items.compactMap { item in
        item.scalar.map {
          VariableDeclaration(name: $0.string, description: $0.string, location: position.location(item.mark))
        }
      }
    }
    guard let variables = value.mapping else {
      error("'variables' must map each variable name to a description.", value)
      return []
    }
    var declarations: [VariableDeclaration] = []
    for (nameNode, declaration) in variables {
      guard let name = nameNode.scalar?.string else { continue }
      let location = position.location(nameNode.mark)
      if declaration.sequence != nil {
        error(
          "The variable '\(name)' is given a list; a variable is a description, or a mapping with description and values.",
          declaration, fix: "To list its values, write them under `values:` (\(name): {values: [...]}).")
      }
      guard let fields = declaration.mapping else {
        declarations.append(
          VariableDeclaration(name: name, description: declaration.scalar?.string ?? name, location: location))
        continue
      }
      var result = VariableDeclaration(
        name: name, description: StandardVariables.description(of: name) ?? name, location: location)
      for (keyNode, field) in fields {
        let key = keyNode.scalar?.string ?? ""
        switch key {
        case "description":
          if let text = field.scalar?.string {
            result.description = text
          } else {
            error("The description of the variable '\(name)' must be text.", field)
          }
        case "values":
          result.values = values(field, of: name, dataKey: dataKey, position: position, error: error)
        default:
          let suggestion = NameSuggester.suggest(key, among: longFormKeys)
          diagnostics.append(
            Diagnostic(
              severity: .warning, ruleID: GuideRules.frontMatter,
              message: "Unknown field '\(key)' in the variable '\(name)'"
                + (suggestion.map { "; did you mean '\($0)'?" } ?? "."),
              location: position.location(keyNode.mark), fix: "A variable has a description and values."))
        }
      }
      declarations.append(result)
    }
    return declarations
  }

  /// The `values:` of one variable: a mapping of value to its words, or a list of values.
  private static func values(
    _ field: Node, of name: String, dataKey: String?, position: YAMLPosition,
    error: (String, Node, String?) -> Void
  ) -> [AllowedValue]? {
    if name == dataKey {
      error(
        "The variable '\(name)' picks the data table's row, so its values are the table's keys; it takes no 'values:'.",
        field, "Remove 'values:'; add or rename rows of the data table instead.")
      return nil
    }
    let fixed = StandardVariables.fixedValues[name]
    if fixed == nil && StandardVariables.names.contains(name) {
      error(
        "'\(name)' is a standard roster field whose values onboard does not limit; it takes no 'values:'.", field,
        "Remove 'values:' from '\(name)', or declare a variable of your own.")
      return nil
    }
    var entries: [(Node, String?)] = []
    if let mapping = field.mapping {
      entries = mapping.map { ($0.key, $0.value.scalar?.string) }
    } else if let items = field.sequence {
      entries = items.map { ($0, nil) }
    } else {
      error(
        "The values of the variable '\(name)' must be a mapping of value to its meaning, or a list of values.", field,
        "Write `values: [basic, pro]`, or one `value: what it means` line per value.")
      return nil
    }
    var values: [AllowedValue] = []
    for (node, label) in entries {
      guard let text = node.scalar?.string, !text.isEmpty else {
        error("A value of the variable '\(name)' must be a plain word.", node, nil)
        continue
      }
      if values.contains(where: { $0.value.lowercased() == text.lowercased() }) {
        error(
          "The value '\(text)' of the variable '\(name)' is listed twice (values are compared without regard to case).",
          node, "List each value once.")
        continue
      }
      if let fixed, !fixed.contains(text) {
        let suggestion = ValueSuggester.suggest(text, among: fixed)
        error(
          "'\(text)' is not a value of '\(name)', whose values onboard fixes (\(fixed.joined(separator: ", ")))"
            + (suggestion.map { "; did you mean '\($0)'?" } ?? "."),
          node, "List only \(fixed.joined(separator: ", ")); the guide may only label them.")
        continue
      }
      values.append(AllowedValue(value: text, label: label, location: position.location(node.mark)))
    }
    if let fixed {
      // The set stays the one onboard fixes; the guide's words label its values.
      return fixed.map { value in
        values.first { $0.value == value } ?? AllowedValue(value: value)
      }
    }
    if values.isEmpty {
      error("The variable '\(name)' lists no values.", field, "List its values, or drop 'values:' to allow any.")
      return nil
    }
    return values
  }
}
