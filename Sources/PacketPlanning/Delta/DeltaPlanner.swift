import CredentialSpecs
import Escaping
import GuideKit
import OnboardDiagnostics

/// Plans delta packets against one old version of a guide (`packets --since OLD.md`).
///
/// A seller's delta holds the steps of their new plan that are new in the guide, that were not
/// in their plan for the old guide (a condition that now holds, a step newly required), or whose
/// text, checks, conditions, credentials or screenshots changed (``GuideKit/GuideDiff``). A step
/// that only moved is not redone. The steps of the old plan that the new one lacks (removed from
/// the guide, or no longer applying) are listed in the delta's introduction but make no packet
/// alone. The packet carries the credential templates only when a step to redo produces or
/// consumes a credential, or changed the credentials it does (its text may point at the file).
/// Both plans use the seller's current row; conditions of the old plan are evaluated
/// against the old guide.
///
/// `Sendable`, checked by the compiler: every stored property is a `let` of a `Sendable` type.
public final class DeltaPlanner: DeltaSource, Sendable {
  /// The old and the new guide.
  public let old: Guide
  public let new: Guide
  /// The differences between them.
  public let diff: GuideDiff
  private let oldPlanner: PacketPlanner
  private let changes: [String: GuideDiff.Change]
  private let newSteps: [String: Step]
  private let oldSteps: [String: Step]

  /// A planner of deltas from `old` to `new`; `layout` is the template set's (as for packets).
  public init(old: Guide, new: Guide, layout: ServiceLayout?) {
    self.old = old
    self.new = new
    let diff = GuideDiff(old: old, new: new)
    self.diff = diff
    self.oldPlanner = PacketPlanner(guide: old, layout: layout)
    self.changes = Dictionary(diff.changes.map { ($0.step, $0) }, uniquingKeysWith: { first, _ in first })
    self.newSteps = Dictionary(new.steps.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    self.oldSteps = Dictionary(old.steps.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
  }

  /// The seller's delta, given their plan for the new guide.
  /// - Returns: the delta, or the diagnostics of planning the seller against the old guide.
  public func delta(for plan: PacketPlan) -> Result<PacketDelta, DiagnosticList> {
    let oldPlan: PacketPlan
    switch oldPlanner.plan(plan.seller) {
    case .failure(let list): return .failure(list)
    case .success(let planned): oldPlan = planned
    }
    let before = Set(oldPlan.steps.map(\.step.id))
    let now = Set(plan.steps.map(\.step.id))
    var todo: [StepChange] = []
    var needsCredentialFiles = false
    for planned in plan.steps {
      let step = planned.step
      let change = changes[step.id]
      var entry = StepChange(step: step.id, title: step.title)
      if change?.kind == .added {
        entry.added = true
      } else {
        entry.newForSeller = !before.contains(step.id)
        entry.aspects = change?.aspects ?? []
      }
      guard entry.added || entry.newForSeller || !entry.aspects.isEmpty else { continue }
      if entry.aspects.contains(.credentials) || !(step.produces.isEmpty && step.consumes.isEmpty) {
        needsCredentialFiles = true
      }
      todo.append(entry)
    }
    var gone: [StepChange] = []
    for planned in oldPlan.steps where !now.contains(planned.step.id) {
      gone.append(
        StepChange(step: planned.step.id, title: planned.step.title, removed: newSteps[planned.step.id] == nil))
    }
    return .success(
      PacketDelta(
        oldVersion: old.metadata.version, newVersion: new.metadata.version, changes: todo, noLongerNeeded: gone,
        needsCredentialFiles: needsCredentialFiles))
  }

  /// The decision for one seller: their delta packet, or a skip when they have nothing to redo.
  public func decide(_ plan: PacketPlan) -> DeltaDecision {
    switch delta(for: plan) {
    case .failure(let list): return .failure(list.diagnostics)
    case .success(let delta):
      if delta.isEmpty { return .skip(reason: "with nothing to redo since version \(old.metadata.version)") }
      return .packet(Self.apply(delta, to: plan, guide: new))
    }
  }

  /// The seller's plan cut to the delta's steps, renumbered, each step opening with an
  /// `Important` note that says what changed, and the introduction opening with what the
  /// packet is and the steps no longer needed. Carried sections after a stage that is left out
  /// move to the stage kept before it.
  public static func apply(_ delta: PacketDelta, to plan: PacketPlan, guide: Guide) -> PacketPlan {
    let wanted = Dictionary(delta.changes.map { ($0.step, $0) }, uniquingKeysWith: { first, _ in first })
    var result = plan
    var stages: [PacketPlan.PlannedStage] = []
    var leading = plan.leadingSections
    for planned in plan.stages {
      var stage = planned
      stage.steps = []
      for var step in planned.steps {
        guard let change = wanted[step.step.id] else { continue }
        let note = Note(
          kind: .important, markdown: change.sentence(oldVersion: delta.oldVersion), location: step.step.location)
        step.notes.insert(note, at: 0)
        step.parts.insert(.note(note), at: 0)
        step.number = stage.steps.count + 1
        step.label = "\(stages.count + 1).\(step.number)"
        stage.steps.append(step)
      }
      if stage.steps.isEmpty {
        if stages.isEmpty {
          leading += planned.sectionsAfter
        } else {
          stages[stages.count - 1].sectionsAfter += planned.sectionsAfter
        }
        continue
      }
      stage.number = stages.count + 1
      stages.append(stage)
    }
    result.stages = stages
    result.leadingSections = leading
    result.introduction = [introduction(of: delta, guide: guide)] + plan.introduction
    result.structureKey = nil
    result.delta = delta
    return result
  }

  /// The block that opens a delta packet.
  static func introduction(of delta: PacketDelta, guide: Guide) -> Block {
    let escaper = MarkdownEscaper()
    let count = delta.changes.count
    var text =
      "**What changed since version \(escaper.escape(delta.oldVersion)).** This packet holds only the "
      + "\(count == 1 ? "step" : "\(count) steps") of version \(escaper.escape(delta.newVersion)) of the guide "
      + "that \(count == 1 ? "is" : "are") new or changed for you; each says what changed. "
      + "What you did for the other steps still holds."
    if !delta.noLongerNeeded.isEmpty {
      let list = delta.noLongerNeeded.map { change in
        "\(escaper.escape(change.title)) (step `\(change.step.replacingOccurrences(of: "`", with: ""))`"
          + (change.removed ? ", removed from the guide)" : ")")
      }
      text += "\n\nNo longer needed: " + list.joined(separator: "; ") + "."
    }
    return Block(markdown: text, location: guide.metadata.location)
  }
}
