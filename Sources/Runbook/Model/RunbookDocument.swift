import GuideKit
import PacketPlanning
import Roster

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
  /// The plain sections printed before the first stage.
  public var leadingSections: [Section] = []
  /// The paper it is printed on (see ``RunbookPaper/choose(explicit:variables:)``).
  public var paper: RunbookPaper = .a4
  /// The template set's cover lines (its `runbook.yml`), or `nil` for the default: the data
  /// key's value.
  public var cover: RunbookCover?

  /// The cover's lines about the seller beyond the standard fields: the template set's, else
  /// one line for the data key (`Marketplace: {{marketplace}}`) when the guide has one and the
  /// seller gives it.
  var coverLines: [RunbookCover.Line] {
    if let cover { return cover.lines }
    guard let key = guide.metadata.dataKey else { return [] }
    if let seller, seller.fields[key] == nil { return [] }
    return [RunbookCover.Line(label: FieldLabel.of(key), value: "{{\(key)}}")]
  }

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
    self.leadingSections = plan.leadingSections.map(\.section)
    self.stages = plan.stages.map { planned in
      var stage = RunbookStage(
        stage: planned.stage, blocks: planned.blocks, notes: planned.notes,
        steps: planned.steps.map { step in
          var printed = RunbookStep(
            step: step.step, blocks: step.blocks, notes: step.notes, label: step.label, pulledIn: !step.applies,
            requiredBy: step.requiredBy)
          printed.parts = step.parts
          return printed
        })
      stage.number = planned.number
      stage.parts = planned.parts
      stage.sectionsAfter = planned.sectionsAfter.map(\.section)
      return stage
    }
  }

  /// A generic runbook: every stage, step, block and note of the guide, with conditions shown.
  /// Only `output` is known (`runbook`): what it alone rules out is left out, and the conditions
  /// shown are what is left of them once it is put in.
  public init(genericFor guide: Guide, date: RunbookDate) {
    self.guide = guide
    self.seller = nil
    self.variables = [:]
    self.date = date
    let resolver = GenericConditionResolver()
    self.introduction = resolver.blocks(guide.introduction)
    let carried = guide.sections.filter(\.isCarried).map { section in
      var section = section
      section.body = resolver.blocks(section.body)
      return section
    }
    self.leadingSections = carried.filter { section in
      !guide.stages.contains { $0.location.line < section.location.line }
    }
    self.stages = guide.stages.compactMap { stage in
      guard case .open(let stageCondition) = resolver.resolve(stage.condition) else { return nil }
      var printed = RunbookStage(
        stage: stage, blocks: resolver.blocks(stage.body), notes: resolver.notes(stage.notes),
        steps: stage.steps.compactMap { step in
          guard case .open(var shown) = resolver.resolve(step.effectiveCondition) else { return nil }
          if let stageCondition, shown == stageCondition { shown = nil }
          var printed = RunbookStep(
            step: step, blocks: resolver.blocks(step.body), notes: resolver.notes(step.notes),
            label: "\(stage.number).\(step.number)", shownCondition: shown)
          printed.parts = resolver.parts(printed.parts)
          return printed
        },
        shownCondition: stageCondition)
      printed.parts = resolver.parts(printed.parts)
      return printed
    }
    for section in carried {
      guard let before = guide.stages.lastIndex(where: { $0.location.line < section.location.line }),
        let printed = stages.lastIndex(where: { $0.stage.location.line <= guide.stages[before].location.line })
      else { continue }
      stages[printed].sectionsAfter.append(section)
    }
  }

  /// The label (`2.3`) and title of a printed step, by id.
  func labelAndTitle(of stepID: String) -> (label: String, title: String)? {
    guard let step = steps.first(where: { $0.step.id == stepID }) else { return nil }
    return (step.label, step.step.title)
  }
}
