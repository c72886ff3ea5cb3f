/// Renders a ``StepGraph`` as text. One implementation per output format.
public protocol GraphRenderer: Sendable {
  /// The format's name on the command line.
  static var identifier: String { get }
  /// Renders the graph.
  func render(_ graph: StepGraph) -> String
  /// Renders the graph as UTF-8 bytes (what a command writes to its output).
  func renderUTF8(_ graph: StepGraph) -> [UInt8]
}

extension GraphRenderer {
  /// The UTF-8 bytes of ``render(_:)``; a renderer that writes bytes directly overrides it.
  public func renderUTF8(_ graph: StepGraph) -> [UInt8] {
    Array(render(graph).utf8)
  }
}

/// The graph formats, as a command-line choice.
public enum GraphFormat: String, CaseIterable, Sendable {
  case json, dot, mermaid

  /// The renderer for this format.
  public var renderer: any GraphRenderer {
    switch self {
    case .json: return JSONGraphRenderer()
    case .dot: return DOTGraphRenderer()
    case .mermaid: return MermaidGraphRenderer()
    }
  }
}

extension StepGraph {
  /// For each step whose condition is more than its stage's (an alternative, or a step only
  /// some recipients do), the condition's text: DOT and Mermaid label the `next` edges into it,
  /// so alternatives read as branches.
  public var branchLabels: [String: String] {
    var stageConditions: [String: Condition] = [:]
    for node in nodes where node.kind == .stage {
      if let condition = node.condition { stageConditions[node.id] = condition }
    }
    var labels: [String: String] = [:]
    for node in nodes where node.kind == .step {
      guard let condition = node.condition, condition != node.stageID.flatMap({ stageConditions[$0] }) else {
        continue
      }
      labels[node.id] = condition.text
    }
    return labels
  }

  /// A stage's title with its condition, for cluster and subgraph labels.
  public func stageLabel(_ index: Int) -> String {
    let stage = stages[index]
    var label = "\(index + 1). \(stage.title)"
    if let condition = nodes.first(where: { $0.kind == .stage && $0.id == stage.id })?.condition {
      label += " (only when \(condition.text))"
    }
    return label
  }
}
