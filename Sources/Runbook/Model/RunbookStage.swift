import GuideKit
import PacketPlanning

/// One stage as a runbook prints it: a new page, its text and its steps.
public struct RunbookStage: Sendable {
  /// The guide's stage.
  public var stage: Stage
  /// Its body blocks (chosen as for steps; see ``RunbookStep/blocks``).
  public var blocks: [Block]
  /// Its notes.
  public var notes: [Note]
  /// Its steps, in order.
  public var steps: [RunbookStep]
  /// The stage's condition, printed in a generic runbook; `nil` for one seller.
  public var shownCondition: Condition?
  /// The number printed: its position among the runbook's stages.
  public var number: Int
  /// The plain sections printed after it (before the next stage).
  public var sectionsAfter: [Section] = []
  /// Its blocks and notes in the guide's order (chosen as ``blocks`` and ``notes`` are).
  public var parts: [PacketPlan.PlannedPart]

  /// Creates a runbook stage.
  public init(stage: Stage, blocks: [Block], notes: [Note], steps: [RunbookStep], shownCondition: Condition? = nil) {
    self.stage = stage
    self.blocks = blocks
    self.notes = notes
    self.steps = steps
    self.shownCondition = shownCondition
    self.number = stage.number
    self.parts = stage.parts.map { part -> PacketPlan.PlannedPart in
      switch part {
      case .block(let index): return .block(stage.body[index])
      case .note(let index): return .note(stage.notes[index])
      }
    }
  }
}
