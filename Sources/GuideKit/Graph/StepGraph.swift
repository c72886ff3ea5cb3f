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

  /// Builds the graph of a guide.
  public init(guide: Guide) {
    guideID = guide.metadata.id
    guideTitle = guide.title
    guideVersion = guide.metadata.version
    guideFile = guide.file
    stages = guide.stages.map { ($0.id, $0.title) }
    var builder = Builder(guide: guide)
    builder.build()
    nodes = builder.nodes
    edges = builder.edges
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
        add(Node(id: stage.id, kind: .stage, title: stage.title, source: stage.location, stageID: nil))
        if let previousStage { edges.append(Edge(from: previousStage, to: stage.id, kind: .next)) }
        previousStage = stage.id
        for (index, note) in stage.notes.enumerated() {
          let id = "\(stage.id)#note-\(index + 1)"
          add(Node(id: id, kind: .note, title: note.kind.label, source: note.location, stageID: stage.id))
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
        for index in stage.steps.indices {
          addStep(stage, index, previous: index > 0 ? stage.steps[index - 1].id : nil)
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

    mutating func addStep(_ stage: Stage, _ index: Int, previous: String?) {
      let stepID = stage.steps[index].id
      add(
        Node(
          id: stepID, kind: .step, title: stage.steps[index].title, source: stage.steps[index].location,
          stageID: stage.id))
      edges.append(Edge(from: stage.id, to: stepID, kind: .contains))
      if let previous { edges.append(Edge(from: previous, to: stepID, kind: .next)) }
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
        add(Node(id: id, kind: .note, title: note.kind.label, source: note.location, stageID: stage.id))
        edges.append(Edge(from: stepID, to: id, kind: .contains))
      }
    }
  }
}
