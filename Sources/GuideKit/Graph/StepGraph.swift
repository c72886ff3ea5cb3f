import OnboardDiagnostics

/// The guide as a graph: stages, steps, credentials, screenshots, checks, notes and
/// preconditions, joined by typed edges.
public struct StepGraph: Sendable {
  /// What a node is.
  public enum NodeKind: String, Sendable, Hashable, Codable, CaseIterable {
    case stage, step, credential, screenshot, check, note, precondition
  }

  /// What an edge means.
  public enum EdgeKind: String, Sendable, Hashable, Codable, CaseIterable {
    case next, contains, requires, produces, consumes, illustrates, checks
  }

  /// A node with the place in the guide it comes from.
  public struct Node: Sendable, Hashable {
    /// A unique id: stage and step ids as written; `credential:KEY`, `screenshot:PATH`,
    /// `STEP#check-N`, `STEP#note-N`, `STEP#requires-N` for the others.
    public var id: String
    /// What it is.
    public var kind: NodeKind
    /// A short human title.
    public var title: String
    /// Where it is written.
    public var source: DiagnosticLocation
    /// The stage it belongs to (for steps and their checks, notes and preconditions).
    public var stageID: String?
    /// The condition that guards it: a stage's own `**When:**`; a step's effective condition
    /// (its own, its region's and its stage's); a note's region. `nil` when it always applies.
    public var condition: Condition? = nil
    /// ``condition`` as the guide's author wrote it (``Guide/writtenText(of:)``).
    public var conditionText: String? = nil
  }

  /// A node the graph leaves out on purpose, with the reason.
  public struct Omission: Sendable, Hashable {
    /// The id the node would have.
    public var id: String
    /// Why it is left out.
    public var reason: String
  }

  /// A directed edge.
  public struct Edge: Sendable, Hashable {
    /// The source node's id.
    public var from: String
    /// The target node's id.
    public var to: String
    /// What it means.
    public var kind: EdgeKind
  }

  /// The guide's identity.
  public var guideID: String
  /// The guide's title.
  public var guideTitle: String
  /// The guide's version.
  public var guideVersion: String
  /// The guide file.
  public var guideFile: String
  /// The stages, in order (for clustering).
  public var stages: [(id: String, title: String)]
  /// The nodes, in guide order.
  public private(set) var nodes: [Node] = []
  /// The edges, in guide order.
  public private(set) var edges: [Edge] = []
  /// Nodes left out because nothing connects them to the steps: credentials no step produces
  /// or consumes (deprecated ones, say) and screenshots that illustrate no step (a gallery).
  public private(set) var omitted: [Omission] = []

  /// Builds the graph of a guide.
  public init(guide: Guide) {
    guideID = guide.metadata.id
    guideTitle = guide.title
    guideVersion = guide.metadata.version
    guideFile = guide.file
    stages = guide.stages.map { ($0.id, $0.title) }
    var builder = Builder(guide: guide)
    builder.build()
    // Every node is connected or left out on purpose: a credential or screenshot with no edge
    // has nothing to say about the order of the work.
    var connected = Set<String>()
    connected.reserveCapacity(builder.edges.count * 2)
    for edge in builder.edges {
      connected.insert(edge.from)
      connected.insert(edge.to)
    }
    nodes = builder.nodes.filter { node in
      guard node.kind == .credential || node.kind == .screenshot, !connected.contains(node.id) else { return true }
      omitted.append(
        Omission(
          id: node.id,
          reason: node.kind == .credential
            ? "no step produces or consumes it" : "it illustrates no step (a gallery image)"))
      return false
    }
    edges = builder.edges
    for index in nodes.indices {
      if let condition = nodes[index].condition { nodes[index].conditionText = guide.writtenText(of: condition) }
    }
  }

  /// Collects nodes and edges. Steps are read in place (by index), never copied out of the
  /// guide: a large guide has thousands, each a struct of a dozen arrays and strings.
  private struct Builder {
    let guide: Guide
    var nodes: [Node] = []
    var edges: [Edge] = []
    var known: Set<String> = []
    var stepIDs: Set<String> = []
    var stageIDs: Set<String> = []

    init(guide: Guide) {
      self.guide = guide
      var stepCount = 0
      for stage in guide.stages { stepCount += stage.steps.count }
      known.reserveCapacity(stepCount * 4 + guide.stages.count * 2 + guide.screenshots.count + 16)
      nodes.reserveCapacity(stepCount * 4 + guide.stages.count * 2)
      edges.reserveCapacity(stepCount * 5 + guide.stages.count * 2)
      stepIDs.reserveCapacity(stepCount)
      for stage in guide.stages {
        stageIDs.insert(stage.id)
        for index in stage.steps.indices { stepIDs.insert(stage.steps[index].id) }
      }
    }

    mutating func add(_ node: Node) {
      if known.insert(node.id).inserted { nodes.append(node) }
    }

    mutating func credentialNode(_ key: String, _ location: DiagnosticLocation) -> String {
      let id = "credential:\(key)"
      add(
        Node(
          id: id, kind: .credential, title: guide.credentials[key: key]?.title ?? key, source: location, stageID: nil))
      return id
    }

    func isTarget(_ id: String) -> Bool { stepIDs.contains(id) || stageIDs.contains(id) }

    mutating func build() {
      var previousStage: String?
      for stage in guide.stages {
        add(
          Node(
            id: stage.id, kind: .stage, title: stage.title, source: stage.location, stageID: nil,
            condition: stage.condition))
        if let previousStage { edges.append(Edge(from: previousStage, to: stage.id, kind: .next)) }
        previousStage = stage.id
        for (index, note) in stage.notes.enumerated() {
          let id = "\(stage.id)#note-\(index + 1)"
          add(
            Node(
              id: id, kind: .note, title: NoteTitle.title(note), source: note.location, stageID: stage.id,
              condition: note.condition))
          edges.append(Edge(from: stage.id, to: id, kind: .contains))
        }
        for (index, precondition) in stage.preconditions.enumerated() {
          let id = "\(stage.id)#requires-\(index + 1)"
          add(
            Node(
              id: id, kind: .precondition, title: precondition.text, source: precondition.location, stageID: stage.id))
          edges.append(Edge(from: stage.id, to: id, kind: .requires))
        }
        for reference in stage.requires where isTarget(reference.target) {
          edges.append(Edge(from: stage.id, to: reference.target, kind: .requires))
        }
        let groups = Self.alternativeGroups(stage)
        for (number, group) in groups.enumerated() {
          let previous = number > 0 ? groups[number - 1] : 0..<0
          for index in group { addStep(stage, index, previous: previous.map { stage.steps[$0].id }) }
        }
      }
      for spec in guide.credentials.specs {
        _ = credentialNode(spec.key, spec.location ?? DiagnosticLocation(file: guide.file, line: 1, column: 1))
      }
      for screenshot in guide.screenshots {
        let id = "screenshot:\(screenshot.path)"
        add(
          Node(
            id: id, kind: .screenshot, title: screenshot.caption.isEmpty ? screenshot.fileName : screenshot.caption,
            source: screenshot.location, stageID: nil))
        for step in screenshot.illustrates { edges.append(Edge(from: id, to: step, kind: .illustrates)) }
      }
    }

    /// A stage's steps in groups: a run of alternatives (neighbouring steps each guarded by
    /// `v == "…"` or `v in […]` on the same variable), or one step. `next` edges join every step
    /// of a group to every step of the next, so alternatives are branches: the step before them
    /// leads to each, and each leads to the step after them.
    static func alternativeGroups(_ stage: Stage) -> [Range<Int>] {
      var groups: [Range<Int>] = []
      var start = 0
      while start < stage.steps.count {
        var end = start + 1
        if let variable = alternativeVariable(stage.steps[start]) {
          while end < stage.steps.count, alternativeVariable(stage.steps[end]) == variable { end += 1 }
        }
        groups.append(start..<end)
        start = end
      }
      return groups
    }

    /// The variable a step selects by, when its own condition is `v == "…"` or `v in […]`.
    static func alternativeVariable(_ step: Step) -> String? {
      switch step.condition {
      case .equals(let variable, _)?, .isIn(let variable, _)?: return variable
      default: return nil
      }
    }

    mutating func addStep(_ stage: Stage, _ index: Int, previous: [String]) {
      let stepID = stage.steps[index].id
      add(
        Node(
          id: stepID, kind: .step, title: stage.steps[index].title, source: stage.steps[index].location,
          stageID: stage.id, condition: stage.steps[index].effectiveCondition))
      edges.append(Edge(from: stage.id, to: stepID, kind: .contains))
      for from in previous { edges.append(Edge(from: from, to: stepID, kind: .next)) }
      for reference in stage.steps[index].requires where isTarget(reference.target) {
        edges.append(Edge(from: stepID, to: reference.target, kind: .requires))
      }
      for (number, precondition) in stage.steps[index].preconditions.enumerated() {
        let id = "\(stepID)#requires-\(number + 1)"
        add(
          Node(id: id, kind: .precondition, title: precondition.text, source: precondition.location, stageID: stage.id))
        edges.append(Edge(from: stepID, to: id, kind: .requires))
      }
      for reference in stage.steps[index].produces {
        edges.append(Edge(from: stepID, to: credentialNode(reference.key, reference.location), kind: .produces))
      }
      for reference in stage.steps[index].consumes {
        edges.append(Edge(from: stepID, to: credentialNode(reference.key, reference.location), kind: .consumes))
      }
      for check in stage.steps[index].checks {
        add(Node(id: check.id, kind: .check, title: check.text, source: check.location, stageID: stage.id))
        edges.append(Edge(from: check.id, to: stepID, kind: .checks))
      }
      for (number, note) in stage.steps[index].notes.enumerated() {
        let id = "\(stepID)#note-\(number + 1)"
        add(
          Node(
            id: id, kind: .note, title: NoteTitle.title(note), source: note.location, stageID: stage.id,
            condition: note.condition))
        edges.append(Edge(from: stepID, to: id, kind: .contains))
      }
    }
  }
}
