import CredentialSpecs
import Escaping
import GuideKit
import OnboardDiagnostics
import PacketPlanning
import Roster

/// Finds the seller a walk is for: a row of a roster, or a seller described on the command
/// line (`--set NAME=VALUE`), asking for the variables the guide declares that are not given.
public enum WalkSeller {
  /// Why no seller could be found. The message never contains a credential value.
  public enum Failure: Error, CustomStringConvertible, Sendable {
    /// The roster cannot be read.
    case unreadable(String)
    /// No row has the id.
    case notFound(id: String, roster: String)
    /// The seller's row has errors.
    case invalid([Diagnostic])

    public var description: String {
      switch self {
      case .unreadable(let message): return message
      case .notFound(let id, let roster): return "no seller in \(roster) has the id '\(id)'"
      case .invalid(let diagnostics):
        return "the seller's row has \(diagnostics.count) problem\(diagnostics.count == 1 ? "" : "s")"
      }
    }
  }

  /// The seller with `id` in the roster at `path`, checked as `onboard packets` checks it.
  /// The roster is streamed; only that row is kept.
  public static func fromRoster(_ path: String, id: String, guide: Guide) throws -> Seller {
    let source: any RosterSource
    do {
      source = try RosterReader.open(path)
    } catch {
      throw Failure.unreadable("\(error)")
    }
    let decoder = SellerDecoder(credentials: guide.credentials)
    while let item = source.next() {
      guard case .record(let record) = item else { continue }
      let decoded = decoder.decode(record)
      guard let seller = decoded.seller, seller.id == id else { continue }
      var validator = RosterValidator(guide: guide, credentialEscapers: [("yaml", YAMLEscaper())])
      let problems = decoded.diagnostics + validator.validate(seller)
      let errors = problems.filter { $0.severity == .error }
      if !errors.isEmpty { throw Failure.invalid(errors) }
      return seller
    }
    throw Failure.notFound(id: id, roster: path)
  }

  /// A seller from `--set NAME=VALUE` settings: the standard fields (`id`, `name`, `account`,
  /// `owner_name`, `owner_email`, `credential_source`) and any other variable. The account
  /// defaults to the layout's default account, the id to the account, the credential source
  /// to `file`. Variables the guide's front matter declares (and its data-key field) that are
  /// not given, or given with a value outside their declared `values:`, are asked for; a
  /// data-key value must name a row of the data table.
  public static func fromSettings(
    _ settings: [String: String], guide: Guide, layout: ServiceLayout, io: any WalkIO
  ) throws -> Seller {
    var fields = settings
    let standard: Set<String> = ["id", "name", "account", "owner_name", "owner_email", "credential_source"]
    var wanted = guide.metadata.variables.map { ($0.name, $0.description) }
    if let dataKey = guide.metadata.dataKey, !wanted.contains(where: { $0.0 == dataKey }) {
      wanted.append((dataKey, guide.describeVariable(dataKey)))
    }
    for (name, description) in wanted where !standard.contains(name) {
      // (A data-key value that names no row is asked again below, naming the table.)
      if let given = fields[name], name != guide.metadata.dataKey, !guide.allows(given, for: name) {
        io.show("  '\(TerminalText.inert(given))' is not a value of \(name).\n")
        fields[name] = nil
      }
      if fields[name] == nil { fields[name] = try ask(name, description: description, guide: guide, io: io) }
    }
    if let dataKey = guide.metadata.dataKey, let value = fields[dataKey], let table = guide.dataTable,
      table.row(value) == nil
    {
      io.show("  '\(TerminalText.inert(value))' is not a row of \(TerminalText.inert(table.file)).\n")
      fields[dataKey] = try ask(dataKey, description: guide.describeVariable(dataKey), guide: guide, io: io)
    }
    let account = settings["account"] ?? settings["id"].map(Seller.derivedAccount(from:)) ?? layout.defaultAccount
    let id = settings["id"] ?? account
    for name in standard { fields[name] = nil }
    return Seller(
      id: id, name: settings["name"], account: account,
      owner: Seller.Owner(name: settings["owner_name"] ?? "", email: settings["owner_email"] ?? ""),
      credentialSource: settings["credential_source"] ?? "file", fields: fields,
      location: DiagnosticLocation(file: "--set", line: 1, column: 1))
  }

  private static func ask(_ name: String, description: String, guide: Guide, io: any WalkIO) throws -> String {
    var hint = ""
    if let allowed = guide.allowedValues(of: name) {
      hint = " (one of: \(allowed.joined(separator: ", ")))"
    }
    while true {
      let answer = try io.readLine("\(name): \(TerminalText.inert(description))\(TerminalText.inert(hint)): ")
        .trimmingSpaces()
      if answer.isEmpty {
        io.show("  Give a value (or pass --set \(name)=VALUE).\n")
        continue
      }
      if name == guide.metadata.dataKey, let table = guide.dataTable, table.row(answer) == nil {
        io.show("  '\(TerminalText.inert(answer))' is not a row of \(TerminalText.inert(table.file)).\n")
        continue
      }
      if !guide.allows(answer, for: name) {
        io.show("  '\(TerminalText.inert(answer))' is not a value of \(name).\n")
        continue
      }
      return answer
    }
  }
}

extension String {
  fileprivate func trimmingSpaces() -> String {
    PastedValue.trimmingWhitespace(self)
  }
}
