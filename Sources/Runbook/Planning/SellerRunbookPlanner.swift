import CredentialSpecs
import GuideKit
import OnboardDiagnostics
import PacketPlanning
import Roster

/// Finds one seller in a roster and plans their runbook with the planner the packets use, so
/// a seller's runbook holds exactly the steps of their packet.
///
/// The roster is streamed once. Problems with the file itself (syntax) and with the seller's
/// row (decoding, validation, planning: an unknown variable, a value that cannot be a link)
/// are returned as diagnostics; other rows' problems are not this runbook's business. A row
/// that repeats the seller's id is reported, since the roster is then ambiguous.
public struct SellerRunbookPlanner {
  /// What the lookup found.
  public enum Outcome: Sendable {
    /// The seller's plan.
    case planned(PacketPlan)
    /// Problems that stop the runbook, in roster order.
    case problems([Diagnostic])
    /// No row has the id.
    case notFound
  }

  /// The guide.
  public let guide: Guide
  /// The template set's missing-value marker (see ``PacketPlanning/PacketPlanner/missingValue``).
  public let missingValue: String?
  /// The template set's layout (the files a packet holds, the missing-value marker).
  public let layout: ServiceLayout?

  /// Creates a planner for a guide.
  public init(guide: Guide, missingValue: String? = nil, layout: ServiceLayout? = nil) {
    self.guide = guide
    self.missingValue = missingValue
    self.layout = layout
  }

  /// Finds and plans the seller with `id`.
  /// - Parameters:
  ///   - id: the seller's id (compared exactly).
  ///   - roster: the roster file (YAML or CSV).
  ///   - displayPath: the path diagnostics show.
  /// - Throws: ``Roster/RosterIOError`` when the roster cannot be read.
  public func plan(sellerID id: String, roster: String, displayPath: String? = nil) throws -> Outcome {
    let source = try RosterReader.open(roster, displayPath: displayPath)
    let decoder = SellerDecoder(credentials: guide.credentials)
    var validator = RosterValidator(guide: guide)
    var diagnostics: [Diagnostic] = []
    var found: Seller?
    while let item = source.next() {
      switch item {
      case .problem(let diagnostic):
        if diagnostic.severity == .error { diagnostics.append(diagnostic) }
      case .record(let record):
        let decoded = decoder.decode(record)
        guard let seller = decoded.seller else { continue }
        let problems = validator.validate(seller)
        guard seller.id == id || (found != nil && seller.id.lowercased() == id.lowercased()) else { continue }
        diagnostics += decoded.diagnostics + problems
        if found == nil { found = seller }
      }
    }
    guard let seller = found else { return diagnostics.isEmpty ? .notFound : .problems(diagnostics) }
    if diagnostics.contains(where: { $0.severity == .error }) { return .problems(diagnostics) }
    var planner = PacketPlanner(guide: guide, missingValue: missingValue, layout: layout)
    planner.output = .runbook
    switch planner.plan(seller) {
    case .success(let plan): return .planned(plan)
    case .failure(let list): return .problems(diagnostics + list.diagnostics)
    }
  }
}
