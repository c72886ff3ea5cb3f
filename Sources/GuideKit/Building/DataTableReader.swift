import CredentialSpecs
import Foundation
import OnboardDiagnostics
import OnboardSupport
import Yams

/// Reads a guide's data table: a YAML mapping of row key to a mapping of columns.
enum DataTableReader {
  static func read(
    path: String, displayPath: String, named: String, referencedAt: DiagnosticLocation, diagnostics: inout [Diagnostic]
  ) -> DataTable? {
    let bytes: [UInt8]
    do {
      bytes = try InputFile.read(path, limits: .dataFile)
    } catch let error as InputFile.ReadError where !error.isMissing {
      diagnostics.append(
        Diagnostic(
          severity: .error, ruleID: GuideRules.dataTable,
          message:
            "The data table '\(named)' named in the front matter cannot be read at \(displayPath): \(error.reason).",
          location: referencedAt, fix: "Make it a regular file within the limits in docs/cli.md."))
      return nil
    } catch {
      diagnostics.append(
        Diagnostic(
          severity: .error, ruleID: GuideRules.dataTable,
          message: "The data table '\(named)' named in the front matter cannot be read at \(displayPath).",
          location: referencedAt, fix: "Create the file beside the guide, or fix the `data:` field."))
      return nil
    }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      diagnostics.append(
        Diagnostic(
          severity: .error, ruleID: GuideRules.dataTable, message: "The data table is not valid UTF-8.",
          location: DiagnosticLocation(file: displayPath, line: 1, column: 1)))
      return nil
    }
    let position = YAMLPosition(file: displayPath, text: text)
    let root: Node?
    do {
      // Basic resolver: values are read as text, and the default one compiles ICU regexes.
      root = try Yams.compose(yaml: text, .basic)
    } catch {
      diagnostics.append(position.syntaxDiagnostic(error, ruleID: GuideRules.dataTable, what: "The data table"))
      return nil
    }
    guard let mapping = root?.mapping else {
      diagnostics.append(
        Diagnostic(
          severity: .error, ruleID: GuideRules.dataTable,
          message: "The data table must map each key (such as a marketplace code) to a mapping of columns.",
          location: position.location(root?.mark)))
      return nil
    }
    var rows: [DataTable.Row] = []
    for (keyNode, value) in mapping {
      guard let key = keyNode.scalar?.string, let columns = value.mapping else {
        diagnostics.append(
          Diagnostic(
            severity: .error, ruleID: GuideRules.dataTable,
            message: "Each row of the data table must be `KEY:` followed by indented `column: value` lines.",
            location: position.location(keyNode.mark)))
        continue
      }
      var values: [String: String] = [:]
      for (column, cell) in columns {
        guard let name = column.scalar?.string else {
          diagnostics.append(
            Diagnostic(
              severity: .error, ruleID: GuideRules.dataTable,
              message: "A column name in row '\(key)' must be a single word, such as region.",
              location: position.location(column.mark)))
          continue
        }
        if StandardVariables.names.contains(name) {
          diagnostics.append(
            Diagnostic(
              severity: .error, ruleID: GuideRules.dataTable,
              message:
                "The column '\(name)' of row '\(key)' has the name of a standard variable, which onboard or the roster fills, so its value would never be used.",
              location: position.location(column.mark),
              fix:
                "Rename the column; '\(name)' always holds \(StandardVariables.description(of: name) ?? "its own value")."
            ))
          continue
        }
        if let scalar = cell.scalar {
          values[name] = scalar.string
        } else {
          diagnostics.append(
            Diagnostic(
              severity: .error, ruleID: GuideRules.dataTable,
              message: "The column '\(name)' of row '\(key)' must be a single value.",
              location: position.location(cell.mark)))
        }
      }
      rows.append(DataTable.Row(key: key, values: values, location: position.location(keyNode.mark)))
    }
    return DataTable(file: displayPath, rows: rows)
  }
}
