/// A Mermaid flowchart that GitHub renders in a ```mermaid block: stages as subgraphs.
public struct MermaidGraphRenderer: GraphRenderer {
  public static let identifier = "mermaid"

  /// Creates the renderer.
  public init() {}

  public func render(_ graph: StepGraph) -> String {
    var names: [String: String] = [:]
    for (index, node) in graph.nodes.enumerated() { names[node.id] = "n\(index)" }
    let nodesByStage = Dictionary(grouping: graph.nodes.filter { $0.stageID != nil }) { $0.stageID ?? "" }
    for (index, stage) in graph.stages.enumerated() { names[stage.id] = "s\(index + 1)" }
    var lines = ["flowchart TD"]
    for (index, stage) in graph.stages.enumerated() {
      lines.append("  subgraph s\(index + 1)[\"\(escape(graph.stageLabel(index)))\"]")
      for node in nodesByStage[stage.id] ?? [] {
        lines.append("    \(declaration(node, names))")
      }
      lines.append("  end")
    }
    for node in graph.nodes where node.stageID == nil && node.kind != .stage {
      lines.append("  \(declaration(node, names))")
    }
    let stageIDs = Set(graph.stages.map(\.id))
    let branchLabels = graph.branchLabels
    for edge in graph.edges where !(edge.kind == .contains && stageIDs.contains(edge.from)) {
      guard let from = names[edge.from], let to = names[edge.to] else { continue }
      switch edge.kind {
      case .next:
        if let label = branchLabels[edge.to] {
          lines.append("  \(from) ==>|\"\(escape(label))\"| \(to)")
        } else {
          lines.append("  \(from) ==> \(to)")
        }
      case .requires: lines.append("  \(from) -.->|requires| \(to)")
      case .produces: lines.append("  \(from) -->|produces| \(to)")
      case .consumes: lines.append("  \(from) -.->|consumes| \(to)")
      case .illustrates: lines.append("  \(from) -.- \(to)")
      case .checks: lines.append("  \(from) -.- \(to)")
      case .contains: lines.append("  \(from) --- \(to)")
      }
    }
    lines.append("  classDef credential fill:#fff4c2,stroke:#b8860b")
    lines.append("  classDef screenshot fill:#eeeeee,stroke:#888888")
    lines.append("  classDef check stroke-dasharray: 4 2")
    return lines.joined(separator: "\n") + "\n"
  }

  private func declaration(_ node: StepGraph.Node, _ names: [String: String]) -> String {
    let name = names[node.id] ?? "x"
    let label = escape(short(node.title))
    switch node.kind {
    case .step: return "\(name)(\"\(label)\")"
    case .credential: return "\(name)[/\"\(label)\"/]:::credential"
    case .screenshot: return "\(name)[\"🖼 \(label)\"]:::screenshot"
    case .check: return "\(name){{\"✓ \(label)\"}}:::check"
    case .note: return "\(name)>\"\(label)\"]"
    case .precondition: return "\(name)[/\"\(label)\"\\]"
    case .stage: return "\(name)[\"\(label)\"]"
    }
  }

  private func short(_ text: String) -> String {
    text.count > 60 ? String(text.prefix(57)) + "…" : text
  }

  /// Mermaid labels in quotes: `"` becomes `#quot;`, and characters Mermaid treats as markup
  /// are written as entity codes.
  func escape(_ text: String) -> String {
    var result = ""
    for character in text {
      switch character {
      case "\"": result += "#quot;"
      case "<": result += "#lt;"
      case ">": result += "#gt;"
      case "#": result += "#35;"
      case "\n", "\r\n", "\r": result += " "
      default: result.append(character)
      }
    }
    return result
  }
}
