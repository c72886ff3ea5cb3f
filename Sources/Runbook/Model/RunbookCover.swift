import CredentialSpecs
import OnboardDiagnostics
import OnboardSupport
import Yams

/// What a runbook's cover says about the seller beyond the standard fields: data of the
/// template set (`templates/<set>/runbook.yml`), so that the words and the variables they use
/// are the guide's, not onboard's.
///
/// ```yaml
/// cover:
///   - label: Marketplace
///     value: "{{marketplace}} ({{marketplace_name}}, {{region}} region)"
/// ```
///
/// Each line's `value` is filled with the seller's variables as guide text is. A generic runbook
/// shows each line as a blank. Without the file the cover shows the data key's value alone.
public struct RunbookCover: Sendable, Hashable {
  /// One line of the cover's facts table.
  public struct Line: Sendable, Hashable {
    /// The label, such as `Marketplace`.
    public var label: String
    /// The value, with `{{variables}}`.
    public var value: String

    /// Creates a line.
    public init(label: String, value: String) {
      self.label = label
      self.value = value
    }
  }

  /// The lines, in order.
  public var lines: [Line]

  /// Creates a cover description.
  public init(lines: [Line]) {
    self.lines = lines
  }

  /// The file's name in a template set.
  public static let fileName = "runbook.yml"
  /// The rule id of a `runbook.yml` that cannot be read.
  public static let rule = "runbook/cover"

  private static let topLevelKeys = ["cover"]
  private static let lineKeys = ["label", "value"]

  /// Reads a `runbook.yml`.
  /// - Returns: the cover, or errors at the place each problem is written.
  public static func parse(_ yaml: String, file: String) -> Result<RunbookCover, DiagnosticList> {
    let position = YAMLPosition(file: file, text: yaml)
    let root: Node?
    do {
      root = try Yams.compose(yaml: yaml, .basic)
    } catch {
      return .failure(DiagnosticList([position.syntaxDiagnostic(error, ruleID: rule, what: "The runbook description")]))
    }
    var diagnostics: [Diagnostic] = []
    func problem(_ message: String, _ mark: Mark?) {
      diagnostics.append(
        Diagnostic(severity: .error, ruleID: rule, message: message, location: position.location(mark)))
    }
    guard let mapping = root?.mapping else {
      problem("The runbook description must be a mapping with a 'cover' list.", root?.mark)
      return .failure(DiagnosticList(diagnostics))
    }
    for (key, _) in mapping where !topLevelKeys.contains(key.string ?? "") {
      problem(
        "Unknown key '\(key.string ?? "")' in the runbook description; use \(topLevelKeys.joined(separator: ", ")).",
        key.mark)
    }
    var lines: [Line] = []
    if let cover = mapping["cover"] {
      guard let entries = cover.sequence else {
        problem("'cover' must be a list of lines, each with label and value.", cover.mark)
        return .failure(DiagnosticList(diagnostics))
      }
      for entry in entries {
        guard let fields = entry.mapping else {
          problem("Each cover line must be a mapping with label and value.", entry.mark)
          continue
        }
        for (key, _) in fields where !lineKeys.contains(key.string ?? "") {
          problem("Unknown key '\(key.string ?? "")' in a cover line; use label and value.", key.mark)
        }
        guard let label = fields["label"]?.string, !label.isEmpty, let value = fields["value"]?.string, !value.isEmpty
        else {
          problem("Each cover line needs a label and a value, both text.", entry.mark)
          continue
        }
        lines.append(Line(label: label, value: value))
      }
    }
    if !diagnostics.isEmpty { return .failure(DiagnosticList(diagnostics)) }
    return .success(RunbookCover(lines: lines))
  }

  /// Reads `runbook.yml` from a template set folder.
  /// - Returns: `nil` when the folder has no such file; the cover, or the errors, otherwise.
  public static func load(templateSet folder: String) -> Result<RunbookCover, DiagnosticList>? {
    let path = folder.hasSuffix("/") ? folder + fileName : folder + "/" + fileName
    do {
      guard let bytes = try InputFile.readIfPresent(path, limits: .dataFile) else { return nil }
      return parse(String(decoding: bytes, as: UTF8.self), file: path)
    } catch {
      let reason = (error as? InputFile.ReadError)?.reason ?? "\(error)"
      return .failure(
        DiagnosticList([
          Diagnostic(
            severity: .error, ruleID: rule, message: "Cannot read the runbook description: \(reason).",
            location: DiagnosticLocation(file: path, line: 1, column: 1))
        ]))
    }
  }
}
