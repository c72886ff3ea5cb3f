import GuideKit
import Packets

/// What a runbook holds, before it is rendered: the guide, who it is for, the date, and the
/// stages and steps to print.
///
/// A runbook is for one seller (built from the seller's ``PacketPlan``, so it holds exactly the
/// steps of their packet, with their values filled in) or generic (every step, with each
/// condition printed and every variable as a labelled blank to fill in by hand).
public struct RunbookDocument: Sendable {
  /// The guide.
  public var guide: Guide
  /// The seller, or `nil` for a generic runbook.
  public var seller: Seller?
  /// The seller's variables (empty for a generic runbook).
  public var variables: [String: String]
  /// The date on the cover.
  public var date: RunbookDate
  /// The guide's introduction blocks.
  public var introduction: [Block]
  /// The stages to print, in order.
  public var stages: [RunbookStage]

  /// Whether the runbook is generic (no seller).
  public var isGeneric: Bool { seller == nil }

  /// Every printed step, in order.
  public var steps: [RunbookStep] { stages.flatMap(\.steps) }

  /// A runbook for one seller, from the plan the packets use (see ``PacketPlanner``).
  public init(plan: PacketPlan, guide: Guide, date: RunbookDate) {
    self.guide = guide
    self.seller = plan.seller
    self.variables = plan.variables
    self.date = date
    self.introduction = plan.introduction
    self.stages = plan.stages.map { planned in
      RunbookStage(
        stage: planned.stage, blocks: planned.blocks, notes: planned.notes,
        steps: planned.steps.map { step in
          RunbookStep(
            step: step.step, blocks: step.blocks, notes: step.notes,
            label: "\(planned.stage.number).\(step.step.number)", pulledIn: !step.applies,
            requiredBy: step.requiredBy)
        })
    }
  }

  /// A generic runbook: every stage, step, block and note of the guide, with conditions shown.
  public init(genericFor guide: Guide, date: RunbookDate) {
    self.guide = guide
    self.seller = nil
    self.variables = [:]
    self.date = date
    self.introduction = guide.introduction
    self.stages = guide.stages.map { stage in
      RunbookStage(
        stage: stage, blocks: stage.body, notes: stage.notes,
        steps: stage.steps.map { step in
          var shown = step.effectiveCondition
          if let stageCondition = stage.condition, shown == stageCondition { shown = nil }
          return RunbookStep(
            step: step, blocks: step.body, notes: step.notes, label: "\(stage.number).\(step.number)",
            shownCondition: shown)
        },
        shownCondition: stage.condition)
    }
  }

  /// The label (`2.3`) and title of a printed step, by id.
  func labelAndTitle(of stepID: String) -> (label: String, title: String)? {
    guard let step = steps.first(where: { $0.step.id == stepID }) else { return nil }
    return (step.label, step.step.title)
  }
}
