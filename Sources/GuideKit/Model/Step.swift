import OnboardDiagnostics

/// One step: an ordered-list item in a stage, or a `###` section in a stage.
public struct Step: Hashable, Sendable {
  /// The step's id: explicit (`<a id>`) or derived (`stage-id/N`).
  public var id: String
  /// Whether the id was written explicitly.
  public var hasExplicitID: Bool
  /// The id of the stage that holds it.
  public var stageID: String
  /// The 1-based position within its stage.
  public var number: Int
  /// The first paragraph (or `###` heading) as plain text, without the anchor.
  public var title: String
  /// The same as Markdown, with its emphasis and links (variables not yet filled).
  public var titleMarkdown: String
  /// Where the step starts.
  public var location: DiagnosticLocation
  /// The rest of the step's Markdown, block by block, each with its condition.
  public var body: [Block]
  /// Credentials this step produces.
  public var produces: [CredentialReference]
  /// Credentials this step consumes.
  public var consumes: [CredentialReference]
  /// Things a person confirms.
  public var checks: [Check]
  /// Screenshots that illustrate this step.
  public var screenshots: [ScreenshotReference]
  /// Notes and warnings.
  public var notes: [Note]
  /// Step or stage ids this step requires.
  public var requires: [Reference]
  /// Human preconditions.
  public var preconditions: [Precondition]
  /// The step's own condition (`**When:**`), if any; see ``effectiveCondition``.
  public var condition: Condition?
  /// The condition of a `<!-- when -->` region the whole step sits in, and the stage's.
  public var inheritedCondition: Condition?
  /// `**Who:**`, if given.
  public var who: String?
  /// `**Duration:**`, if given.
  public var duration: String?
  /// The step's body blocks, notes, checks and screenshots in the order the guide writes them
  /// (each an index into ``body``, ``notes``, ``checks`` or ``screenshots``), so outputs can
  /// keep that order.
  public var parts: [Part] = []

  /// One item of a step's content, by its index in the list of its kind.
  public enum Part: Hashable, Sendable {
    /// ``Step/body```[index]`.
    case block(Int)
    /// ``Step/notes```[index]`.
    case note(Int)
    /// ``Step/checks```[index]`.
    case check(Int)
    /// ``Step/screenshots```[index]`.
    case screenshot(Int)
  }

  /// Creates a step.
  public init(
    id: String, hasExplicitID: Bool, stageID: String, number: Int, title: String,
    titleMarkdown: String, location: DiagnosticLocation, body: [Block] = [],
    produces: [CredentialReference] = [], consumes: [CredentialReference] = [], checks: [Check] = [],
    screenshots: [ScreenshotReference] = [], notes: [Note] = [], requires: [Reference] = [],
    preconditions: [Precondition] = [], condition: Condition? = nil,
    inheritedCondition: Condition? = nil, who: String? = nil, duration: String? = nil
  ) {
    self.id = id
    self.hasExplicitID = hasExplicitID
    self.stageID = stageID
    self.number = number
    self.title = title
    self.titleMarkdown = titleMarkdown
    self.location = location
    self.body = body
    self.produces = produces
    self.consumes = consumes
    self.checks = checks
    self.screenshots = screenshots
    self.notes = notes
    self.requires = requires
    self.preconditions = preconditions
    self.condition = condition
    self.inheritedCondition = inheritedCondition
    self.who = who
    self.duration = duration
    self.parts =
      body.indices.map { .block($0) } + notes.indices.map { .note($0) } + screenshots.indices.map { .screenshot($0) }
      + checks.indices.map { .check($0) }
  }

  /// The step's own condition and every condition around it, joined with `and`.
  public var effectiveCondition: Condition? {
    switch (inheritedCondition, condition) {
    case (nil, nil): return nil
    case (let outer?, nil): return outer
    case (nil, let inner?): return inner
    case (let outer?, let inner?): return .and(outer, inner)
    }
  }
}
