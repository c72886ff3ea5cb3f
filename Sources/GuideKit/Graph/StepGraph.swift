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
    var known: Set<String> = []
    func add(_ node: Node) {
      if known.insert(node.id).inserted { nodes.append(node) }
    }
    func credentialNode(_ key: String, _ location: DiagnosticLocation) -> String {
      let id = "credential:\(key)"
      add(
        Node(
          id: id, kind: .credential, title: guide.credentials[key: key]?.title ?? key, source: location, stageID: nil))
      return id
    }
    let stepIDs = Set(guide.steps.map(\.id))
    let stageIDs = Set(guide.stages.map(\.id))
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
          Node(id: id, kind: .precondition, title: precondition.text, source: precondition.location, stageID: stage.id))
        edges.append(Edge(from: stage.id, to: id, kind: .requires))
      }
      for reference in stage.requires where stepIDs.contains(reference.target) || stageIDs.contains(reference.target) {
        edges.append(Edge(from: stage.id, to: reference.target, kind: .requires))
      }
      var previousStep: String?
      for step in stage.steps {
        add(Node(id: step.id, kind: .step, title: step.title, source: step.location, stageID: stage.id))
        edges.append(Edge(from: stage.id, to: step.id, kind: .contains))
        if let previousStep { edges.append(Edge(from: previousStep, to: step.id, kind: .next)) }
        previousStep = step.id
        for reference in step.requires where stepIDs.contains(reference.target) || stageIDs.contains(reference.target) {
          edges.append(Edge(from: step.id, to: reference.target, kind: .requires))
        }
        for (index, precondition) in step.preconditions.enumerated() {
          let id = "\(step.id)#requires-\(index + 1)"
          add(
            Node(
              id: id, kind: .precondition, title: precondition.text, source: precondition.location, stageID: stage.id))
          edges.append(Edge(from: step.id, to: id, kind: .requires))
        }
        for reference in step.produces {
          edges.append(Edge(from: step.id, to: credentialNode(reference.key, reference.location), kind: .produces))
        }
        for reference in step.consumes {
          edges.append(Edge(from: step.id, to: credentialNode(reference.key, reference.location), kind: .consumes))
        }
        for check in step.checks {
          add(Node(id: check.id, kind: .check, title: check.text, source: check.location, stageID: stage.id))
          edges.append(Edge(from: check.id, to: step.id, kind: .checks))
        }
        for (index, note) in step.notes.enumerated() {
          let id = "\(step.id)#note-\(index + 1)"
          add(Node(id: id, kind: .note, title: note.kind.label, source: note.location, stageID: stage.id))
          edges.append(Edge(from: step.id, to: id, kind: .contains))
        }
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
}
