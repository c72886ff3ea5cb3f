/// The differences between two versions of a guide, step by step id (`onboard diff`): steps
/// added, removed, moved (to another stage, or to another place among the steps both versions
/// have), and changed in text, checks, conditions, credentials or screenshots, with each
/// step's line in both files.
public struct GuideDiff: Sendable, Equatable {
  /// What changed in a step that both versions have.
  public enum Aspect: String, Sendable, CaseIterable {
    /// Its title, body or notes.
    case text
    /// Its checks.
    case checks
    /// Its own or inherited condition, or its preconditions.
    case conditions
    /// The credentials it produces or consumes.
    case credentials
    /// Its screenshots (paths and captions).
    case screenshots
  }

  /// How a step differs.
  public enum Kind: String, Sendable {
    case added, removed, moved, changed
  }

  /// One step's difference.
  public struct Change: Sendable, Equatable {
    /// The step id.
    public var step: String
    /// Added, removed, moved or changed (a moved step may also have changed aspects).
    public var kind: Kind
    /// Its line in the old and the new guide (`nil` where it is not).
    public var oldLine: Int?
    public var newLine: Int?
    /// Its stage in the old and the new guide.
    public var oldStage: String?
    public var newStage: String?
    /// What changed in it (empty for added and removed steps).
    public var aspects: [Aspect]
  }

  /// The changes, in the new guide's step order, then the removed steps in the old order.
  public var changes: [Change]

  /// Whether the versions have the same steps with the same content.
  public var isEmpty: Bool { changes.isEmpty }

  /// Compares two guides.
  public init(old: Guide, new: Guide) {
    let oldSteps = Dictionary(old.steps.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    let newIDs = Set(new.steps.map(\.id))
    let commonOld = old.steps.map(\.id).filter { newIDs.contains($0) }
    let commonNew = new.steps.map(\.id).filter { oldSteps[$0] != nil }
    let oldOrder = Dictionary(commonOld.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    let newOrder = Dictionary(commonNew.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    var changes: [Change] = []
    for step in new.steps {
      guard let before = oldSteps[step.id] else {
        changes.append(
          Change(
            step: step.id, kind: .added, oldLine: nil, newLine: step.location.line, oldStage: nil,
            newStage: step.stageID, aspects: []))
        continue
      }
      let aspects = Aspect.allCases.filter {
        Self.fingerprint(before, of: $0, in: old) != Self.fingerprint(step, of: $0, in: new)
      }
      let moved = before.stageID != step.stageID || oldOrder[step.id] != newOrder[step.id]
      guard moved || !aspects.isEmpty else { continue }
      changes.append(
        Change(
          step: step.id, kind: moved ? .moved : .changed, oldLine: before.location.line, newLine: step.location.line,
          oldStage: before.stageID, newStage: step.stageID, aspects: aspects))
    }
    for step in old.steps where !newIDs.contains(step.id) {
      changes.append(
        Change(
          step: step.id, kind: .removed, oldLine: step.location.line, newLine: nil, oldStage: step.stageID,
          newStage: nil, aspects: []))
    }
    self.changes = changes
  }

  /// What is compared of a step for one aspect (locations left out, so a step that only
  /// shifted down the file is unchanged).
  static func fingerprint(_ step: Step, of aspect: Aspect, in guide: Guide) -> [String] {
    switch aspect {
    case .text:
      return [step.title] + step.body.map(\.markdown) + step.notes.map { $0.kind.rawValue + ":" + $0.markdown }
    case .checks:
      return step.checks.map(\.text)
    case .conditions:
      let own = step.condition.map { guide.writtenText(of: $0) } ?? ""
      let inherited = step.inheritedCondition.map { guide.writtenText(of: $0) } ?? ""
      return [own, inherited] + step.preconditions.map(\.text)
    case .credentials:
      return step.produces.map { "produces " + $0.key } + step.consumes.map { "consumes " + $0.key }
    case .screenshots:
      return step.screenshots.map { $0.path + "\u{0}" + $0.caption }
    }
  }

  /// The change for `step`, if it changed.
  public func change(of step: String) -> Change? { changes.first { $0.step == step } }
}
