import GuideKit
import PacketPlanning

/// One step as a runbook prints it.
public struct RunbookStep: Sendable {
  /// The guide's step.
  public var step: Step
  /// Its body blocks: for one seller those whose conditions hold; in a generic runbook all of
  /// them, each with its condition.
  public var blocks: [Block]
  /// Its notes and warnings, chosen the same way.
  public var notes: [Note]
  /// The number shown before the title: `stage.step`, such as `2.3`.
  public var label: String
  /// `true` when the step is printed only because a step that applies requires it.
  public var pulledIn: Bool
  /// Ids of the steps that require it (when ``pulledIn``).
  public var requiredBy: [String]
  /// The condition printed beside the step ("only when …"): in a generic runbook, the step's
  /// own and inherited conditions that its stage does not already show; `nil` for one seller.
  public var shownCondition: Condition?
  /// Its blocks, notes, checks and screenshots in the guide's order (blocks and notes chosen
  /// as ``blocks`` and ``notes`` are).
  public var parts: [PacketPlan.PlannedPart]

  /// Creates a runbook step.
  public init(
    step: Step, blocks: [Block], notes: [Note], label: String, pulledIn: Bool = false,
    requiredBy: [String] = [], shownCondition: Condition? = nil
  ) {
    self.step = step
    self.blocks = blocks
    self.notes = notes
    self.label = label
    self.pulledIn = pulledIn
    self.requiredBy = requiredBy
    self.shownCondition = shownCondition
    self.parts = step.parts.compactMap { part -> PacketPlan.PlannedPart? in
      switch part {
      case .block(let index): return .block(step.body[index])
      case .note(let index): return .note(step.notes[index])
      case .check(let index): return .check(step.checks[index])
      case .screenshot(let index): return .screenshot(step.screenshots[index])
      }
    }
  }
}
