import OnboardDiagnostics

/// A `##` section that holds at least one step.
public struct Stage: Hashable, Sendable {
  /// The stage's id: explicit (`<a id>`) or derived from the heading.
  public var id: String
  /// Whether the id was written explicitly.
  public var hasExplicitID: Bool
  /// The heading's plain text.
  public var title: String
  /// The 1-based position among stages.
  public var number: Int
  /// Where the heading is.
  public var location: DiagnosticLocation
  /// Markdown between the heading and the steps (and after them), with conditions.
  public var body: [Block]
  /// Human preconditions from a stage-level `**Requires:**`.
  public var preconditions: [Precondition]
  /// Step or stage ids this stage requires.
  public var requires: [Reference]
  /// Notes and warnings at stage level.
  public var notes: [Note]
  /// The stage's condition (`**When:**` at stage level), if any.
  public var condition: Condition?
  /// `**Who:**`, if given.
  public var who: String?
  /// `**Duration:**`, if given.
  public var duration: String?
  /// The steps, in order.
  public var steps: [Step]
  /// The stage's own blocks and notes in the order the guide writes them (each an index into
  /// ``body`` or ``notes``), so outputs can keep that order.
  public var parts: [Part] = []

  /// One item of a stage's own content, by its index in the list of its kind.
  public enum Part: Hashable, Sendable {
    /// ``Stage/body```[index]`.
    case block(Int)
    /// ``Stage/notes```[index]`.
    case note(Int)
  }

  /// Creates a stage.
  public init(
    id: String, hasExplicitID: Bool, title: String, number: Int, location: DiagnosticLocation,
    body: [Block] = [], preconditions: [Precondition] = [], requires: [Reference] = [],
    notes: [Note] = [], condition: Condition? = nil, who: String? = nil, duration: String? = nil,
    steps: [Step] = []
  ) {
    self.id = id
    self.hasExplicitID = hasExplicitID
    self.title = title
    self.number = number
    self.location = location
    self.body = body
    self.preconditions = preconditions
    self.requires = requires
    self.notes = notes
    self.condition = condition
    self.who = who
    self.duration = duration
    self.steps = steps
    self.parts = body.indices.map { .block($0) } + notes.indices.map { .note($0) }
  }
}
