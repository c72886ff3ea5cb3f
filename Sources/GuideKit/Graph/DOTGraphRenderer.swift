/// Graphviz DOT: stages as clusters, steps in order, credentials, screenshots and checks beside
/// them. `dot -Tsvg` renders it.
public struct DOTGraphRenderer: GraphRenderer {
  public static let identifier = "dot"

  /// Creates the renderer.
  public init() {}

  public func render(_ graph: StepGraph) -> String {
    var lines: [String] = []
    lines.append("digraph \(quote(graph.guideID)) {")
    lines.append("  label=\(quote("\(graph.guideTitle) (v\(graph.guideVersion))"));")
    lines.append("  labelloc=t; fontname=\"Helvetica\"; rankdir=TB; compound=true; newrank=true;")
    lines.append("  node [fontname=\"Helvetica\", fontsize=11]; edge [fontname=\"Helvetica\", fontsize=9];")
    let nodesByStage = Dictionary(grouping: graph.nodes.filter { $0.stageID != nil }) { $0.stageID ?? "" }
    let labels = graph.stages.indices.map { graph.stageLabel($0) }
    for (index, stage) in graph.stages.enumerated() {
      lines.append("  subgraph \(quote("cluster_\(index + 1)")) {")
      lines.append("    label=\(quote(labels[index])); style=rounded; color=\"#4a6fa5\";")
      for node in nodesByStage[stage.id] ?? [] {
        lines.append("    \(declaration(node))")
      }
      lines.append("  }")
    }
    for node in graph.nodes where node.stageID == nil && node.kind != .stage {
      lines.append("  \(declaration(node))")
    }
    let lookup = Lookup(graph)
    for edge in graph.edges where edge.kind != .contains || lookup.stageIndex[edge.from] == nil {
      lines.append("  \(attributes(edge, lookup))")
    }
    lines.append("}")
    return lines.joined(separator: "\n") + "\n"
  }

  /// Indexes built once per render, so that drawing edges stays linear in the graph's size.
  private struct Lookup {
    var stageIndex: [String: Int] = [:]
    var firstStep: [String: String] = [:]
    var nodeStage: [String: String] = [:]
    var branchLabels: [String: String]

    init(_ graph: StepGraph) {
      branchLabels = graph.branchLabels
      for (index, stage) in graph.stages.enumerated() { stageIndex[stage.id] = index }
      for node in graph.nodes {
        if let stage = node.stageID {
          nodeStage[node.id] = stage
          if node.kind == .step && firstStep[stage] == nil { firstStep[stage] = node.id }
        }
      }
    }
  }

  private func declaration(_ node: StepGraph.Node) -> String {
    let label = wrap(node.title)
    switch node.kind {
    case .step:
      return "\(quote(node.id)) [shape=box, style=\"rounded,filled\", fillcolor=\"#e8f0fb\", label=\(quote(label))];"
    case .credential:
      return "\(quote(node.id)) [shape=note, style=filled, fillcolor=\"#fff4c2\", label=\(quote(label))];"
    case .screenshot:
      return "\(quote(node.id)) [shape=tab, style=filled, fillcolor=\"#eeeeee\", label=\(quote(label))];"
    case .check: return "\(quote(node.id)) [shape=box, style=dashed, fontsize=9, label=\(quote("✓ " + label))];"
    case .note: return "\(quote(node.id)) [shape=octagon, fontsize=9, label=\(quote(label))];"
    case .precondition: return "\(quote(node.id)) [shape=parallelogram, fontsize=9, label=\(quote(label))];"
    case .stage: return "\(quote(node.id)) [shape=plaintext, label=\(quote(label))];"
    }
  }

  private func attributes(_ edge: StepGraph.Edge, _ lookup: Lookup) -> String {
    var from = quote(edge.from)
    var to = quote(edge.to)
    var extra = ""
    if let index = lookup.stageIndex[edge.from], let first = lookup.firstStep[edge.from] {
      from = quote(first)
      // A cluster edge only when the target is outside the stage's own cluster.
      if lookup.nodeStage[edge.to] != edge.from { extra = ", ltail=\(quote("cluster_\(index + 1)"))" }
    }
    if let index = lookup.stageIndex[edge.to], let first = lookup.firstStep[edge.to] {
      to = quote(first)
      extra += ", lhead=\(quote("cluster_\(index + 1)"))"
    }
    let style: String
    switch edge.kind {
    case .next:
      style = "style=bold" + (lookup.branchLabels[edge.to].map { ", label=\(quote($0))" } ?? "")
    case .requires: style = "style=dashed, color=\"#aa3333\", label=\"requires\""
    case .produces: style = "color=\"#b8860b\", label=\"produces\""
    case .consumes: style = "color=\"#b8860b\", style=dotted, label=\"consumes\""
    case .illustrates: style = "color=\"#888888\", arrowhead=empty"
    case .checks: style = "style=dashed, arrowhead=none, color=\"#888888\""
    case .contains: style = "arrowhead=none, color=\"#888888\""
    }
    return "\(from) -> \(to) [\(style)\(extra)];"
  }

  private func wrap(_ text: String, width: Int = 28) -> String {
    var lines: [String] = []
    var current = ""
    for word in text.split(separator: " ") {
      if current.count + word.count + 1 > width && !current.isEmpty {
        lines.append(current)
        current = ""
      }
      current += current.isEmpty ? String(word) : " " + word
    }
    if !current.isEmpty { lines.append(current) }
    if lines.count > 4 { lines = Array(lines.prefix(4)) + ["…"] }
    return lines.joined(separator: "\n")
  }

  /// A DOT string literal: quotes and backslashes escaped, newlines as `\n`.
  func quote(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\r": break
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result + "\""
  }
}
