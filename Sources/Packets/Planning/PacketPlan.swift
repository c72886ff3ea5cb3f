import GuideKit

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
  }

  /// The seller.
  public var seller: Seller
  /// Every variable the seller has: standard fields, extra fields, and the data table row.
  public var variables: [String: String]
  /// The stages that hold at least one planned step, in order.
  public var stages: [PlannedStage]
  /// The guide's introduction blocks whose conditions hold.
  public var introduction: [Block]
  /// The part of the packet's shape key that the stages and introduction decide (see
  /// ``PacketShape``), when the planner remembered it; otherwise it is worked out when needed.
  var structureKey: String?

  /// The planned steps in order across stages.
  public var steps: [PlannedStep] { stages.flatMap(\.steps) }
}
