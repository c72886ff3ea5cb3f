import CredentialSpecs
import Foundation
import GuideKit
import Ledger
import OnboardDiagnostics
import OnboardSupport
import PacketPlanning

/// `packets --since-ledger`: each seller's delta against the guide the ledger says they last
/// received. The old guide's text comes from the ledger (`guide_texts`, schema 3) and is loaded
/// as if it sat beside the current guide file (for its data table and screenshots); each text
/// is loaded once, when a seller first needs it.
///
/// `Sendable`, checked by the compiler: every stored property is a `let` of a `Sendable` type;
/// the planners made so far are behind a lock (`Locked`).
final class LedgerDeltaSource: DeltaSource, Sendable {
  private let guide: Guide
  private let guideFile: String
  private let guideSHA256: String
  private let layout: ServiceLayout?
  private let sent: SentGuides
  private let loader: GuideLoader
  /// A planner per old guide's SHA-256, or why that text cannot be used.
  private let planners = Locked([String: Result<DeltaPlanner, Unusable>]())

  private struct Unusable: Error {
    var message: String
  }

  /// A source for `guide` (read from `guideFile`, whose bytes have `guideSHA256`).
  init(
    guide: Guide, guideFile: String, guideSHA256: String, layout: ServiceLayout?, sent: SentGuides,
    loader: GuideLoader
  ) {
    self.guide = guide
    self.guideFile = guideFile
    self.guideSHA256 = guideSHA256
    self.layout = layout
    self.sent = sent
    self.loader = loader
  }

  func decide(_ plan: PacketPlan) -> DeltaDecision {
    let seller = plan.seller.id
    guard let last = sent.bySeller[seller] else {
      return .skip(reason: "the ledger records no packet for (send them a full packet, without --since-ledger)")
    }
    if last.guideID != guide.metadata.id {
      return .skip(reason: "last sent another guide ('\(last.guideID)')")
    }
    if last.sha256 == guideSHA256 {
      return .skip(reason: "already sent this guide file (version \(guide.metadata.version))")
    }
    switch planner(for: last) {
    case .success(let planner): return planner.decide(plan)
    case .failure(let unusable):
      return .unusable("seller '\(seller)': \(unusable.message); use --since OLD.md with that version's file")
    }
  }

  private func planner(for last: SentGuides.Sent) -> Result<DeltaPlanner, Unusable> {
    planners.withLock { planners in
      if let known = planners[last.sha256] { return known }
      let made = makePlanner(for: last)
      planners[last.sha256] = made
      return made
    }
  }

  private func makePlanner(for last: SentGuides.Sent) -> Result<DeltaPlanner, Unusable> {
    let name = "version \(last.guideVersion) of the guide (SHA-256 \(last.sha256.prefix(12))…)"
    guard let text = sent.texts[last.sha256] else {
      return .failure(
        Unusable(
          message:
            "they were last sent \(name), whose text the ledger does not hold (it was recorded before ledger schema 3)"
        ))
    }
    let loaded = loader.load(bytes: text, file: guideFile, displayPath: "ledger:\(last.sha256.prefix(12))")
    guard let old = loaded.guide, !loaded.diagnostics.contains(where: { $0.severity == .error }) else {
      return .failure(Unusable(message: "the ledger's text of \(name) has errors with this onboard"))
    }
    return .success(DeltaPlanner(old: old, new: guide, layout: layout))
  }
}
