import CredentialLint
import CredentialSpecs
import Escaping
import OnboardDiagnostics

/// A dotenv credential file (`NAME=value` lines), edited as text: an account's names are its
/// credentials' environment names with the layout's account suffix (`API_KEY_shop`).
///
/// Merging an account replaces the statements of its names (the first of each, later repeats
/// removed) and appends the names the file lacks; every other statement, comment and blank line
/// stays byte for byte, so other accounts' names are never touched. Values are written
/// single-quoted for python-dotenv (``DotenvEscaper``); a value python-dotenv cannot carry
/// exactly is refused. The result is read back with onboard's dotenv reader (the one
/// `onboard lint` uses, which reads as python-dotenv does) before it is accepted.
public struct DotenvAccountFile: AccountFileEditing {
  /// The path shown in messages.
  public let file: String
  private let fileLayout: ServiceLayout.FileLayout
  private let specs: CredentialSpecSet
  private let layout: ServiceLayout
  private var bytes: [UInt8]
  private let original: [DotenvBinding]
  private var written: [String: String] = [:]
  private var writtenAccounts: [String] = []

  /// Reads a file's bytes; `nil` or empty is an empty file.
  /// - Throws: ``AccountsYAMLFile/EditError`` when the file is not dotenv that onboard can read.
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
    if document.isUnreadable {
      throw AccountsYAMLFile.EditError.unsupported(
        location: DiagnosticLocation(file: file, line: 1, column: 1), reason: "it is not a UTF-8 text file")
    }
    if let issue = document.syntaxIssues.first {
      throw AccountsYAMLFile.EditError.unsupported(
        location: document.source.location(issue.span), reason: issue.message)
    }
    self.original = document.dotenvBindings
  }

  private static func read(
    _ bytes: [UInt8], file: String, fileLayout: ServiceLayout.FileLayout, specs: CredentialSpecSet,
    layout: ServiceLayout
  ) -> CredentialDocument {
    CredentialLinter(specs: specs, layout: layout).parse(bytes: bytes, file: file, layout: fileLayout)
  }

  /// The environment name of each credential key for an account (keys without one are left out).
  public func names(for account: String) -> [String: String] {
    var names: [String: String] = [:]
    for spec in specs.active {
      guard let env = spec.env else { continue }
      names[spec.key] = layout.envName(env, account: account)
    }
    return names
  }

  /// The first statement of one of the account's names, if the file has one.
  public func account(named name: String) -> AccountsYAMLFile.ExistingAccount? {
    let wanted = Set(names(for: name).values)
    let current = Self.read(bytes, file: file, fileLayout: fileLayout, specs: specs, layout: layout)
    return current.dotenvBindings.first { wanted.contains($0.key) }.map {
      AccountsYAMLFile.ExistingAccount(name: name, line: $0.line)
    }
  }

  /// Writes the account's values under its names: replacing their statements, appending the
  /// missing ones. Keys without an environment name are skipped.
  public mutating func upsert(_ account: AccountCredentials) {
    let names = names(for: account.name)
    let usesCRLF = bytes.firstIndex(of: 0x0A).map { $0 > 0 && bytes[$0 - 1] == 0x0D } ?? false
    let ending = usesCRLF ? "\r\n" : "\n"
    var lineFor: [String: String] = [:]
    var order: [String] = []
    for (key, value) in account.values {
      guard let name = names[key] else { continue }
      lineFor[name] = name + "=" + DotenvEscaper().escape(value)
      order.append(name)
      written[name] = value
    }
    writtenAccounts.append(account.name)
    let current = Self.read(bytes, file: file, fileLayout: fileLayout, specs: specs, layout: layout).dotenvBindings
    var seen: Set<String> = []
    var edits: [(span: SourceSpan, text: String)] = []
    for binding in current {
      guard let line = lineFor[binding.key] else { continue }
      if seen.insert(binding.key).inserted {
        // The statement up to the end of its value; spaces and a comment after it stay.
        let end = binding.valueSpan?.end ?? binding.span.end
        edits.append((SourceSpan(start: binding.span.start, end: end), (binding.hasExport ? "export " : "") + line))
      } else {
        // A repeat of the name: python-dotenv would let it win, so it goes, with its line break.
        var end = binding.span.end
        if end < bytes.count, bytes[end] == 0x0D { end += 1 }
        if end < bytes.count, bytes[end] == 0x0A { end += 1 }
        edits.append((SourceSpan(start: binding.span.start, end: end), ""))
      }
    }
    for edit in edits.sorted(by: { $0.span.start > $1.span.start }) {
      bytes.replaceSubrange(edit.span.start..<min(edit.span.end, bytes.count), with: Array(edit.text.utf8))
    }
    let missing = order.filter { !seen.contains($0) }
    guard !missing.isEmpty else { return }
    if let last = bytes.last, last != 0x0A { bytes += Array(ending.utf8) }
    for name in missing { bytes += Array((lineFor[name, default: ""] + ending).utf8) }
  }

  /// The edited bytes, after reading them back: each written name holds exactly its value
  /// once, and every other statement loads as before, in the same order.
  /// - Throws: ``AccountsYAMLFile/EditError``.
  public func verifiedBytes() throws -> [UInt8] {
    func fail(_ reason: String) -> AccountsYAMLFile.EditError { .verificationFailed(file: file, reason: reason) }
    for (_, value) in written {
      if let reason = DotenvEscaper().cannotRepresent(value) { throw fail("a value cannot be written: \(reason)") }
    }
    let result = Self.read(bytes, file: file, fileLayout: fileLayout, specs: specs, layout: layout)
    guard result.syntaxIssues.isEmpty, !result.isUnreadable else { throw fail("it would not read as dotenv") }
    let others = result.dotenvBindings.filter { written[$0.key] == nil }.map { [$0.key, $0.value ?? "\u{0}"] }
    let before = original.filter { written[$0.key] == nil }.map { [$0.key, $0.value ?? "\u{0}"] }
    guard others == before else { throw fail("a statement of another account would change") }
    for (name, value) in written {
      let bindings = result.dotenvBindings.filter { $0.key == name }
      guard bindings.count == 1, bindings[0].value == value else {
        throw fail("a written value does not read back as written")
      }
    }
    return bytes
  }
}
