import CredentialSpecs
import Escaping
import OnboardDiagnostics

/// A python-dict credential file: Python source that assigns one dict literal to `credentials`,
/// `credentials = dict(refresh_token='…', …)`, as `Client(credentials=credentials)` takes it.
///
/// Such a file holds one set of credentials, so it holds the account when it has the
/// assignment. onboard writes the whole file. An existing file is replaced only when it is one
/// onboard could have written: comments, blank lines, simple `name = '…'` assignments and the
/// `credentials` dict (its lines indented, closed by `)` or `}` at the line start). A file with
/// any other code is refused, so a person's code is never overwritten. Values are Python string
/// literals from ``PythonEscaper`` (as `repr()` writes them), so no value can become code.
public struct PythonDictFile: AccountFileEditing {
  /// The name the dict is assigned to.
  public static let variable = "credentials"

  /// The path shown in messages.
  public let file: String
  private let existingLine: Int?
  private var rendered: [UInt8]?

  /// Reads a file's bytes; `nil` or empty is an empty file.
  /// - Throws: ``AccountsYAMLFile/EditError`` when the file holds code onboard did not write.
  public init(bytes: [UInt8]?, file: String) throws {
    self.file = file
    guard let bytes, !bytes.isEmpty else {
      existingLine = nil
      return
    }
    func refuse(_ line: Int, _ reason: String) -> AccountsYAMLFile.EditError {
      .unsupported(location: DiagnosticLocation(file: file, line: line, column: 1), reason: reason)
    }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw refuse(1, "it is not a UTF-8 text file")
    }
    var assignment: Int?
    var insideDict = false
    for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
      let trimmed = line.trimmingCharacters(in: [" ", "\t"])
      if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
      if insideDict {
        if line.first == " " || line.first == "\t" { continue }
        if trimmed.hasPrefix(")") || trimmed.hasPrefix("}") {
          insideDict = false
          continue
        }
        throw refuse(index + 1, "the credentials dict is not closed where onboard expects it")
      }
      if Self.opensDict(trimmed) {
        guard assignment == nil else { throw refuse(index + 1, "it assigns '\(Self.variable)' twice") }
        assignment = index + 1
        insideDict = !(trimmed.hasSuffix(")") || trimmed.hasSuffix("}"))
        continue
      }
      if Self.isSimpleAssignment(trimmed) { continue }
      throw refuse(
        index + 1,
        "it holds code besides a '\(Self.variable) = dict(...)' assignment, which onboard would overwrite; give another path with --write"
      )
    }
    guard let assignment else {
      throw refuse(1, "it has no '\(Self.variable) = dict(...)' assignment; give another path with --write")
    }
    existingLine = assignment
  }

  private static func opensDict(_ line: String) -> Bool {
    guard line.hasPrefix(variable) else { return false }
    let rest = line.dropFirst(variable.count).trimmingCharacters(in: [" ", "\t"])
    guard rest.hasPrefix("=") else { return false }
    let value = rest.dropFirst().trimmingCharacters(in: [" ", "\t"])
    return value.hasPrefix("dict(") || value.hasPrefix("{")
  }

  /// `name = 'text'` or `name = "text"` on one line (the packet's `account = '…'`).
  private static func isSimpleAssignment(_ line: String) -> Bool {
    guard let equals = line.firstIndex(of: "=") else { return false }
    let name = line[..<equals].trimmingCharacters(in: [" ", "\t"])
    let value = line[line.index(after: equals)...].trimmingCharacters(in: [" ", "\t"])
    guard isIdentifier(name), let quote = value.first, quote == "'" || quote == "\"", value.count >= 2,
      value.last == quote
    else { return false }
    return !value.dropFirst().dropLast().contains(quote)
  }

  /// Whether `name` is a Python identifier that is not a keyword (so `dict(name=…)` works).
  public static func isIdentifier(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic)
    else { return false }
    let allowed = name.unicodeScalars.allSatisfy {
      $0 == "_" || ($0.isASCII && $0.properties.isAlphabetic) || ("0"..."9").contains($0)
    }
    return allowed && !keywords.contains(name)
  }

  private static let keywords: Set<String> = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
    "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
    "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
  ]

  /// The file holds one set of credentials: any account name finds the assignment.
  public func account(named name: String) -> AccountsYAMLFile.ExistingAccount? {
    existingLine.map { AccountsYAMLFile.ExistingAccount(name: name, line: $0) }
  }

  /// Renders the whole file for the account: `dict(key='value', …)` when every key is an
  /// identifier, else `{'key': 'value', …}`.
  public mutating func upsert(_ account: AccountCredentials) {
    let escaper = PythonEscaper()
    var text = "# Credentials written by onboard walk. Keep this file readable only by you and out of\n"
    text += "# version control. Use it with: from credentials import credentials\n"
    if account.values.allSatisfy({ Self.isIdentifier($0.key) }) {
      text += "\(Self.variable) = dict(\n"
      for (key, value) in account.values { text += "    \(key)=\(escaper.escape(value)),\n" }
      text += ")\n"
    } else {
      text += "\(Self.variable) = {\n"
      for (key, value) in account.values { text += "    \(escaper.escape(key)): \(escaper.escape(value)),\n" }
      text += "}\n"
    }
    rendered = Array(text.utf8)
  }

  /// The rendered file.
  /// - Throws: ``AccountsYAMLFile/EditError`` when nothing was rendered.
  public func verifiedBytes() throws -> [UInt8] {
    guard let rendered else {
      throw AccountsYAMLFile.EditError.verificationFailed(file: file, reason: "no account was given")
    }
    return rendered
  }
}
