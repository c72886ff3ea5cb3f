import CredentialLint
import CredentialSpecs
import Foundation
import OnboardDiagnostics

/// Merges the accounts of per-seller credential files (the `credentials.yml` or `<account>.env`
/// files sellers send back, or a generic set's `credentials.env` / `credentials.yml`) into one
/// accounts-yaml, dotenv or flat-yaml file: `onboard credentials merge`.
///
/// An accounts-yaml input gives its account sections; a dotenv input gives one account per
/// account suffix of its names (`API_KEY_shop` is account `shop`; names without a suffix are
/// the layout's default account); a flat-yaml input is one account, the layout's default. The
/// target's layout is `as` (a layout name or kind), else what its file name says (`*.env` is
/// dotenv), else accounts-yaml, else (a set without one) the layout's default layout. A
/// flat-yaml target holds one account, so inputs that hold more than one are refused.
///
/// Each input is linted first (without the permissions rule: a received file's mode says
/// nothing about the merged one); any error refuses the whole merge. An account that two inputs
/// both hold, or that the target already holds (unless `replace`), refuses it too. Otherwise
/// every account is written into the target with ``AccountsYAMLFile`` (other accounts and
/// comments kept byte for byte, values single-quoted), atomically with mode 0600, and the
/// result is linted. Only credential keys the guide specifies and that are not deprecated are
/// carried over; the lint findings of the inputs name anything else. Nothing is written
/// unless the whole merge can be done.
public struct CredentialMerger {
  /// One account found in an input.
  public struct FoundAccount: Sendable {
    /// The account and its values.
    public var credentials: AccountCredentials
    /// Where its key is.
    public var location: DiagnosticLocation
  }

  /// Why the merge was refused; every message names files and accounts, never values.
  public enum Refusal: Sendable, Equatable {
    /// Inputs have lint errors (the findings are in the report).
    case inputErrors(errorCount: Int, files: [String])
    /// Inputs hold no accounts.
    case noAccounts
    /// Accounts held by more than one input, or already in the target without `replace`.
    case conflicts([String])
    /// The target cannot be edited.
    case unusableTarget(String)
  }

  /// What a merge did.
  public struct Report: Sendable {
    /// The findings of linting the inputs (errors, warnings and notes).
    public var inputFindings: [Diagnostic] = []
    /// Set when nothing was written.
    public var refusal: Refusal?
    /// Accounts added to the target.
    public var added: [String] = []
    /// Accounts replaced in the target.
    public var replaced: [String] = []
    /// The accounts written (added or replaced), with their values, for the ledger's
    /// fingerprints; empty when nothing was written.
    public var merged: [FoundAccount] = []
    /// The findings of linting the written target.
    public var resultFindings: [Diagnostic] = []
    /// Warnings about writing the target (hard links split off); they name paths only.
    public var warnings: [String] = []
  }

  /// A problem that is not about the files' content (exit 2).
  public enum Failure: Error, CustomStringConvertible, Sendable {
    /// An input or the target is neither an accounts-yaml nor a dotenv file.
    case notAnAccountsFile(path: String, kind: String)
    /// A file cannot be read or written.
    case fileSystem(String)
    /// The layout has no accounts-yaml file.
    case noAccountsLayout(service: String)

    public var description: String {
      switch self {
      case .notAnAccountsFile(let path, let kind):
        return
          "\(path) reads as \(kind), not a YAML file of accounts, a flat YAML file or a dotenv file; credentials merge takes and writes those"
      case .fileSystem(let message): return message
      case .noAccountsLayout(let service):
        return "the layout of \(service) has no accounts-yaml, dotenv or flat-yaml file to merge into"
      }
    }
  }

  /// The layout kinds merge reads and writes. A flat-yaml file (a mapping of credential key to
  /// value, no account names) holds one account.
  public static let mergeableKinds: Set<ServiceLayout.Kind> = [.accountsYAML, .dotenv, .flatYAML]

  /// The guide's specs.
  public let specs: CredentialSpecSet
  /// The service's layout.
  public let layout: ServiceLayout

  /// Creates a merger.
  public init(specs: CredentialSpecSet, layout: ServiceLayout) {
    self.specs = specs
    self.layout = layout
  }

  /// An account name as messages show it: `'shop_de'`, or `a name of N characters` when the
  /// name could be a pasted secret (``Redaction/name(_:specs:)``).
  public func shownName(_ name: String) -> String {
    Redaction.name(name, specs: specs)
  }

  /// The layout the target is written in: `as` (a layout name, kind or format), else the
  /// one its name or content says (`*.env`: dotenv), else accounts-yaml.
  /// - Throws: ``Failure``.
  public func targetLayout(_ target: String, as layoutName: String?) throws -> ServiceLayout.FileLayout {
    let linter = CredentialLinter(specs: specs, layout: layout)
    let chosen: ServiceLayout.FileLayout
    if let layoutName {
      do {
        chosen = try linter.chooseLayout(path: target, bytes: [], as: layoutName)
      } catch {
        throw Failure.fileSystem("\(error)")
      }
    } else {
      let bytes: [UInt8]
      do {
        bytes = try CredentialFileStore.read(CredentialFileStore.resolvedPath(target)) ?? []
      } catch let error as CredentialFileStore.FileError {
        throw Failure.fileSystem(error.description)
      }
      let detected = (try? linter.chooseLayout(path: target, bytes: bytes, as: nil))
      if let detected, Self.mergeableKinds.contains(detected.kind) {
        chosen = detected
      } else if let accounts = layout.file(kind: .accountsYAML) {
        chosen = accounts
      } else if let flat = layout.defaultLayout.flatMap(layout.file(named:))
        ?? layout.files.first(where: {
          Self.mergeableKinds.contains($0.kind)
        }), Self.mergeableKinds.contains(flat.kind)
      {
        // A set without an accounts file (the generic one): its default layout.
        chosen = flat
      } else {
        throw Failure.noAccountsLayout(service: layout.service)
      }
    }
    guard Self.mergeableKinds.contains(chosen.kind) else {
      throw Failure.notAnAccountsFile(path: target, kind: chosen.kind.rawValue)
    }
    return chosen
  }

  /// Merges `inputs` into `target`.
  /// - Parameter layoutName: the target's layout (`--as`); `nil`: from its name.
  /// - Throws: ``Failure``.
  public func merge(_ inputs: [String], into target: String, replace: Bool, as layoutName: String? = nil) throws
    -> Report
  {
    let targetLayout = try targetLayout(target, as: layoutName)
    var report = Report()
    var found: [FoundAccount] = []
    var filesWithErrors: [String] = []
    let inputLinter = CredentialLinter(specs: specs, layout: layout, options: .init(checkPermissions: false))
    for input in inputs {
      let bytes: [UInt8]
      do {
        guard let read = try CredentialFileStore.read(input) else {
          throw Failure.fileSystem("cannot read \(input): it does not exist")
        }
        bytes = read
      } catch let error as CredentialFileStore.FileError {
        throw Failure.fileSystem(error.description)
      }
      let chosen = try inputLinter.chooseLayout(path: input, bytes: bytes, as: nil)
      guard Self.mergeableKinds.contains(chosen.kind) else {
        throw Failure.notAnAccountsFile(path: input, kind: chosen.kind.rawValue)
      }
      let document = inputLinter.parse(bytes: bytes, file: input, layout: chosen)
      let findings = inputLinter.lint(document, permissions: nil)
      report.inputFindings += findings
      if findings.contains(where: { $0.severity == .error }) { filesWithErrors.append(input) }
      found += accounts(in: document)
    }
    if !filesWithErrors.isEmpty {
      report.refusal = .inputErrors(
        errorCount: report.inputFindings.filter { $0.severity == .error }.count, files: filesWithErrors)
      return report
    }
    guard !found.isEmpty else {
      report.refusal = .noAccounts
      return report
    }

    let resolved = CredentialFileStore.resolvedPath(target)
    var file: any AccountFileEditing
    do {
      file = try AccountFileEditor.open(
        bytes: try CredentialFileStore.read(resolved), file: target, as: targetLayout, specs: specs, layout: layout)
    } catch let error as CredentialFileStore.FileError {
      throw Failure.fileSystem(error.description)
    } catch let error as AccountsYAMLFile.EditError {
      report.refusal = .unusableTarget("cannot merge into \(error.description)")
      return report
    }

    var conflicts: [String] = []
    if targetLayout.kind == .flatYAML, Set(found.map(\.credentials.name)).count > 1 {
      // A flat file has no account names: a second account would overwrite the first.
      let names = found.map { "\(shownName($0.credentials.name)) (\($0.location))" }
      report.refusal = .conflicts([
        "\(target) is a flat YAML file, which holds one account, but the files hold \(found.count): \(names.joined(separator: ", ")); merge one of them"
      ])
      return report
    }
    var firstSeen: [String: FoundAccount] = [:]
    for account in found {
      let name = account.credentials.name
      if let earlier = firstSeen[name] {
        conflicts.append(
          "account \(shownName(name)) is in both \(earlier.location) and \(account.location); merge one of them")
        continue
      }
      firstSeen[name] = account
      if !replace, let existing = file.account(named: name) {
        conflicts.append(
          "account \(shownName(name)) from \(account.location) is already in \(target):\(existing.line):1; pass --replace to replace it"
        )
      }
    }
    if !conflicts.isEmpty {
      report.refusal = .conflicts(conflicts)
      return report
    }

    for account in found {
      if file.account(named: account.credentials.name) != nil {
        report.replaced.append(account.credentials.name)
      } else {
        report.added.append(account.credentials.name)
      }
      file.upsert(account.credentials)
    }
    let bytes: [UInt8]
    do {
      bytes = try file.verifiedBytes()
    } catch let error as AccountsYAMLFile.EditError {
      report.refusal = .unusableTarget(error.description)
      report.added = []
      report.replaced = []
      return report
    }
    do {
      let replacement = try CredentialFileStore.write(bytes, to: resolved)
      if let warning = replacement.warning(for: target) { report.warnings.append(warning) }
    } catch let error as CredentialFileStore.FileError {
      throw Failure.fileSystem(error.description)
    }
    report.merged = found
    let resultLinter = CredentialLinter(specs: specs, layout: layout)
    do {
      report.resultFindings = try resultLinter.lint(file: target, as: targetLayout.name)
    } catch {
      throw Failure.fileSystem("\(target) was written but cannot be linted: \(error)")
    }
    return report
  }

  /// The accounts of a parsed accounts-yaml or dotenv document, with the values of the active
  /// specs in spec order.
  public func accounts(in document: CredentialDocument) -> [FoundAccount] {
    if document.format == .dotenv { return dotenvAccounts(in: document) }
    if document.layout.kind == .flatYAML { return flatAccounts(in: document) }
    var result: [FoundAccount] = []
    for section in document.accounts {
      guard let name = section.name, section.isMapping else { continue }
      let entries = document.effectiveEntries.filter { $0.account == name }
      let values = yamlValues(in: entries)
      result.append(
        FoundAccount(
          credentials: AccountCredentials(name: name, values: values),
          location: document.source.location(section.span)))
    }
    return result
  }

  /// The values of the active specs among one YAML account's entries, in spec order: the last
  /// non-empty string entry named exactly as each spec's key.
  private func yamlValues(in entries: [CredentialEntry]) -> [(key: String, value: String)] {
    specs.active.compactMap { spec in
      entries.last(where: {
        $0.specKey == spec.key && $0.name == spec.key && $0.loadedType == .string && !$0.isEmpty
      }).map { (spec.key, $0.value) }
    }
  }

  /// The one account of a flat-yaml document (the layout's default account), when it has a
  /// value for a credential key.
  private func flatAccounts(in document: CredentialDocument) -> [FoundAccount] {
    let entries = document.effectiveEntries
    let values = yamlValues(in: entries)
    guard let first = entries.first(where: { $0.specKey != nil && !$0.isEmpty }), !values.isEmpty else { return [] }
    return [
      FoundAccount(
        credentials: AccountCredentials(name: layout.defaultAccount, values: values),
        location: document.source.location(first.keySpan))
    ]
  }

  /// The accounts of a dotenv document: one per account suffix, in the order each first
  /// appears; unsuffixed names are the layout's default account.
  private func dotenvAccounts(in document: CredentialDocument) -> [FoundAccount] {
    var order: [String] = []
    var firstEntry: [String: CredentialEntry] = [:]
    for entry in document.effectiveEntries where entry.specKey != nil {
      let account = entry.account ?? layout.defaultAccount
      if firstEntry[account] == nil {
        order.append(account)
        firstEntry[account] = entry
      }
    }
    return order.compactMap { account in
      guard let first = firstEntry[account] else { return nil }
      let entries = document.effectiveEntries.filter { ($0.account ?? layout.defaultAccount) == account }
      var values: [(key: String, value: String)] = []
      for spec in specs.active {
        guard let entry = entries.last(where: { $0.specKey == spec.key && !$0.isEmpty }) else { continue }
        values.append((spec.key, entry.value))
      }
      return FoundAccount(
        credentials: AccountCredentials(name: account, values: values),
        location: document.source.location(first.keySpan))
    }
  }
}
