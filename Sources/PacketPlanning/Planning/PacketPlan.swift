import GuideKit
import OnboardDiagnostics
import Roster

/// What one seller's packet holds: the seller, their variables, and the steps that apply to
/// them (in guide order), each with the blocks and notes whose conditions hold.
public struct PacketPlan: Sendable {
  /// One step in the plan.
  public struct PlannedStep: Sendable {
    /// The step.
    public var step: Step
    /// The step's body blocks whose conditions hold.
    public var blocks: [Block]
    /// The step's notes whose conditions hold.
    public var notes: [Note]
    /// Whether the step applies by its own conditions (`false`: it was pulled in because a
    /// step that applies requires it).
    public var applies: Bool
    /// The ids of planned steps that require this one (directly), in guide order.
    public var requiredBy: [String]
    /// Its 1-based position among the planned steps of its stage: packets number their own
    /// steps without gaps (the guide's ``GuideKit/Step/number`` counts every step).
    public var number: Int = 0
    /// `stage.step` in the packet's numbering, such as `2.3`.
    public var label: String = ""
    /// Its kept blocks, notes, checks and screenshots in the guide's order.
    public var parts: [PlannedPart] = []
  }

  /// One item of a planned step, in the guide's order.
  public enum PlannedPart: Sendable {
    /// A body block whose condition holds.
    case block(Block)
    /// A note whose condition holds.
    case note(Note)
    /// A check.
    case check(Check)
    /// A screenshot.
    case screenshot(ScreenshotReference)
  }

  /// A plain `##` section (no steps) that outputs carry, placed after the stage before it.
  public struct PlannedSection: Sendable {
    /// The section.
    public var section: Section
  }

  /// One stage with its planned steps.
  public struct PlannedStage: Sendable {
    /// The stage.
    public var stage: Stage
    /// The stage's body blocks whose conditions hold.
    public var blocks: [Block]
    /// The stage's notes whose conditions hold.
    public var notes: [Note]
    /// Its planned steps, in order.
    public var steps: [PlannedStep]
    /// Its 1-based position among the packet's stages.
    public var number: Int = 0
    /// The carried plain sections between this stage and the next planned one, in order.
    public var sectionsAfter: [PlannedSection] = []
    /// Its kept blocks and notes in the guide's order (only `.block` and `.note`).
    public var parts: [PlannedPart] = []
  }

  /// The seller.
  public var seller: Seller
  /// Every variable the seller has: standard fields, extra fields, and the data table row.
  public var variables: [String: String]
  /// The stages that hold at least one planned step, in order.
  public var stages: [PlannedStage]
  /// The guide's introduction blocks whose conditions hold.
  public var introduction: [Block]
  /// The carried plain sections before the first planned stage, in order.
  public var leadingSections: [PlannedSection] = []
  /// Warnings about the seller's row that do not stop the packet (a variable the text uses
  /// that the row does not give), each naming the row.
  public var warnings: [Diagnostic] = []
  /// The part of the packet's shape key that the stages and introduction decide (see
  /// ``PacketShape``), when the planner remembered it; otherwise it is worked out when needed.
  package var structureKey: String?
  /// The variables the planned text uses that the row does not give (their values in
  /// ``variables`` are the missing-value marker).
  public internal(set) var missingUses: [MissingUse] = []

  /// A variable the planned text uses that the seller's row does not give: its first use.
  public struct MissingUse: Sendable {
    /// The variable.
    public var name: String
    /// What uses it ("step 'install'").
    public var subject: String
    /// Where.
    public var location: DiagnosticLocation
  }

  /// For a delta packet (`packets --since`): what changed for the seller; the stages then hold
  /// only the steps to redo (``DeltaPlanner/apply(_:to:guide:)``). `nil` for a full packet.
  public var delta: PacketDelta?

  /// The planned steps in order across stages.
  public var steps: [PlannedStep] { stages.flatMap(\.steps) }
}
