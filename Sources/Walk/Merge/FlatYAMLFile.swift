import CredentialLint
import CredentialSpecs
import Escaping
import OnboardDiagnostics

/// A flat-yaml credential file (one YAML mapping of credential key to value, the generic
/// template set's `credentials.yml`), edited as text.
///
/// Such a file has no account names, so it holds one set of credentials: it holds "the"
/// account when one of the guide's credential keys has a value in it (a template's empty
/// values are not an account yet). Merging an account replaces the values of its keys (the
/// first of each; later repeats, which YAML readers reject or let win, are refused) and appends
/// the keys the file lacks; every other line, comment and key stays byte for byte. Values are
/// written single-quoted (``YAMLEscaper``), and the result is read back with onboard's YAML
/// reader (the one `onboard lint` uses) before it is accepted.
public struct FlatYAMLFile: AccountFileEditing {
  /// The path shown in messages.
  public let file: String
  private let fileLayout: ServiceLayout.FileLayout
  private let specs: CredentialSpecSet
  private let layout: ServiceLayout
  private var bytes: [UInt8]
  private let original: [CredentialEntry]
  private var written: [String: String] = [:]

  /// Reads a file's bytes; `nil` or empty is an empty file.
  /// - Throws: ``AccountsYAMLFile/EditError`` when the file is not a flat YAML mapping onboard
  ///   can edit.
  public init(
    bytes: [UInt8]?, file: String, fileLayout: ServiceLayout.FileLayout, specs: CredentialSpecSet,
    layout: ServiceLayout
  ) throws {
    self.file = file
    self.fileLayout = fileLayout
    self.specs = specs
    self.layout = layout
    self.bytes = bytes ?? []
    let document = Self.read(self.bytes, file: file, fileLayout: fileLayout, specs: specs, layout: layout)
    func refuse(_ span: SourceSpan?, _ reason: String) -> AccountsYAMLFile.EditError {
      .unsupported(
        location: span.map { document.source.location($0) } ?? DiagnosticLocation(file: file, line: 1, column: 1),
        reason: reason)
    }
    if document.isUnreadable || !document.syntaxIssues.isEmpty {
      throw refuse(document.syntaxIssues.first?.span, document.syntaxIssues.first?.message ?? "it is not valid YAML")
    }
    if let shape = document.yaml.rootShape {
      throw refuse(document.yaml.rootSpan, "it is \(shape), not a YAML mapping of credential key to value")
    }
    if let repeated = document.duplicates.first {
      throw refuse(
        repeated.occurrences.last, "this key is there more than once; keep one and merge again")
    }
    if let repeated = document.entries.first(where: \.isOverridden) {
      throw refuse(repeated.keySpan, "this key is there more than once; keep one and merge again")
    }
    self.original = document.effectiveEntries
  }

  private static func read(
    _ bytes: [UInt8], file: String, fileLayout: ServiceLayout.FileLayout, specs: CredentialSpecSet,
    layout: ServiceLayout
  ) -> CredentialDocument {
    CredentialLinter(specs: specs, layout: layout).parse(bytes: bytes, file: file, layout: fileLayout)
  }

  /// The first credential key with a value, whatever `name` is: the file holds one account.
  public func account(named name: String) -> AccountsYAMLFile.ExistingAccount? {
    let current = Self.read(bytes, file: file, fileLayout: fileLayout, specs: specs, layout: layout)
    return current.effectiveEntries.first { $0.specKey != nil && !$0.isEmpty }.map {
      AccountsYAMLFile.ExistingAccount(name: name, line: current.source.location($0.keySpan).line)
    }
  }

  /// Writes the account's values under their keys: replacing the values of keys the file has,
  /// appending the others.
  public mutating func upsert(_ account: AccountCredentials) {
    let usesCRLF = bytes.firstIndex(of: 0x0A).map { $0 > 0 && bytes[$0 - 1] == 0x0D } ?? false
    let ending = usesCRLF ? "\r\n" : "\n"
    let escaper = YAMLEscaper()
    let current = Self.read(bytes, file: file, fileLayout: fileLayout, specs: specs, layout: layout)
    var edits: [(span: SourceSpan, text: String)] = []
    var missing: [String] = []
    for (key, value) in account.values {
      written[key] = value
      guard let entry = current.effectiveEntries.first(where: { $0.name == key }) else {
        missing.append(YAMLEscaper.key(key) + ": " + escaper.escape(value))
        continue
      }
      if let valueSpan = entry.valueSpan, valueSpan.end > valueSpan.start {
        edits.append((valueSpan, escaper.escape(value)))
      } else if let colon = Self.colon(after: entry.keySpan.end, in: bytes) {
        // `key:` with no value: the value goes after the colon.
        edits.append((SourceSpan(start: colon + 1, end: colon + 1), " " + escaper.escape(value)))
      } else {
        missing.append(YAMLEscaper.key(key) + ": " + escaper.escape(value))
      }
    }
    for edit in edits.sorted(by: { $0.span.start > $1.span.start }) {
      bytes.replaceSubrange(edit.span.start..<min(edit.span.end, bytes.count), with: Array(edit.text.utf8))
    }
    guard !missing.isEmpty else { return }
    if let last = bytes.last, last != 0x0A { bytes += Array(ending.utf8) }
    for line in missing { bytes += Array((line + ending).utf8) }
  }

  /// The offset of the `:` that ends a key at `offset` (spaces may come between), if there is one.
  private static func colon(after offset: Int, in bytes: [UInt8]) -> Int? {
    var index = offset
    while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
    return index < bytes.count && bytes[index] == 0x3A ? index : nil
  }

  /// The edited bytes, after reading them back: each written key holds exactly its value once,
  /// and every other key loads as before, in the same order.
  /// - Throws: ``AccountsYAMLFile/EditError``.
  public func verifiedBytes() throws -> [UInt8] {
    func fail(_ reason: String) -> AccountsYAMLFile.EditError { .verificationFailed(file: file, reason: reason) }
    guard !written.isEmpty else { throw fail("no account was given") }
    let result = Self.read(bytes, file: file, fileLayout: fileLayout, specs: specs, layout: layout)
    guard result.syntaxIssues.isEmpty, !result.isUnreadable, result.yaml.rootShape == nil else {
      throw fail("it would not read as a YAML mapping")
    }
    guard result.duplicates.isEmpty else { throw fail("a key would be there more than once") }
    let others = result.entries.filter { written[$0.name] == nil }.map { [$0.name, $0.value] }
    let before = original.filter { written[$0.name] == nil }.map { [$0.name, $0.value] }
    guard others == before else { throw fail("another key would change") }
    for (key, value) in written {
      let entries = result.entries.filter { $0.name == key }
      guard entries.count == 1, entries[0].value == value, entries[0].loadedType == .string else {
        throw fail("a written value does not read back as written")
      }
    }
    return bytes
  }
}
