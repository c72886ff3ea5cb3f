import GuideKit
import OnboardDiagnostics
import PacketPlanning
import Roster

/// What of a plan decides the shape of its packet's files: everything the context builder reads
/// other than per-seller text. Two plans with the same shape give the same files but for the
/// per-seller fields (names, ids, accounts, filled guide text, credential values), so a shape
/// is rendered with Mustache once and then filled per seller (``PacketRenderer``).
///
/// The shape is: the planned stages and steps (with whether each applies, which steps require
/// it, and which of its blocks and notes hold), the introduction blocks that hold, the names of
/// the seller's variables, which credentials the roster knows, and whether the account was
/// derived from the id.
enum PacketShape {
  /// The shape of a plan, as a key.
  static func key(of plan: PacketPlan, guide: Guide) -> String {
    var key = plan.structureKey ?? structureKey(of: plan, guide: guide)
    key += "V"
    for name in plan.variables.keys.sorted() {
      key += name
      key += "\u{0}"
    }
    key += "K"
    for name in plan.seller.knownCredentials.keys.sorted() {
      key += name
      key += "\u{0}"
    }
    key += plan.seller.accountIsDerived ? "D" : "G"
    // A delta packet's notes and introduction are not in the guide: its delta decides them.
    if let delta = plan.delta {
      key += "\u{2}"
      key += delta.shapeKey
    }
    return key
  }

  /// The part of the key that a plan's structure decides (the planner remembers it per
  /// structure when the generator hands it this function).
  static func structureKey(of plan: PacketPlan, guide: Guide) -> String {
    structureKey(
      stages: plan.stages, introduction: plan.introduction, guide: guide, leadingSections: plan.leadingSections)
  }

  /// The part of the key that a plan's stages and introduction decide: the planned steps (and
  /// whether each applies, which steps require it) and which blocks and notes hold.
  static func structureKey(
    stages: [PacketPlan.PlannedStage], introduction: [Block], guide: Guide,
    leadingSections: [PacketPlan.PlannedSection] = []
  ) -> String {
    var key = ""
    key.reserveCapacity(512)
    // Which blocks of each carried section hold (its `<!-- when -->` regions).
    func appendSections(_ sections: [PacketPlan.PlannedSection]) {
      for planned in sections {
        key += "C"
        key += planned.section.id
        key += "\u{0}"
        for block in planned.section.body {
          key += "\(block.location.line):\(block.location.column),"
        }
        key += ";"
      }
    }
    appendSections(leadingSections)
    for planned in stages {
      appendSections(planned.sectionsAfter)
      key += "S"
      key += planned.stage.id
      key += "\u{0}"
      appendPositions(of: planned.blocks.map(\.location), in: planned.stage.body.map(\.location), to: &key)
      appendPositions(of: planned.notes.map(\.location), in: planned.stage.notes.map(\.location), to: &key)
      for step in planned.steps {
        key += step.applies ? "T" : "P"
        key += step.step.id
        key += "\u{0}"
        for requirer in step.requiredBy {
          key += requirer
          key += "\u{0}"
        }
        appendPositions(of: step.blocks.map(\.location), in: step.step.body.map(\.location), to: &key)
        appendPositions(of: step.notes.map(\.location), in: step.step.notes.map(\.location), to: &key)
      }
    }
    key += "I"
    appendPositions(of: introduction.map(\.location), in: guide.introduction.map(\.location), to: &key)
    return key
  }

  /// The plan with every per-seller value blanked, keeping its shape. The shape context is
  /// built from it, so a field that wrongly read a seller's value directly (instead of through
  /// a slot) would differ from the full render and be caught by the first seller's check.
  static func scrubbed(_ plan: PacketPlan) -> PacketPlan {
    let original = plan.seller
    let seller = Seller(
      id: "", name: "", account: original.accountIsDerived ? nil : "", credentialSource: "",
      knownCredentials: original.knownCredentials.mapValues { _ in "" }, row: 0, location: original.location)
    var scrubbed = plan
    scrubbed.seller = seller
    scrubbed.variables = plan.variables.mapValues { _ in "" }
    return scrubbed
  }

  /// The positions of `subset` (a filtered copy) in `all`, as text.
  private static func appendPositions(
    of subset: [DiagnosticLocation], in all: [DiagnosticLocation], to key: inout String
  ) {
    var next = 0
    for (position, location) in all.enumerated() where next < subset.count && subset[next] == location {
      key += String(position)
      key += ","
      next += 1
    }
    key += next == subset.count ? ";" : "?;"
  }
}
