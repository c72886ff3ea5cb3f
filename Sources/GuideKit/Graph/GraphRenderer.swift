/// Renders a ``StepGraph`` as text. One implementation per output format.
public protocol GraphRenderer: Sendable {
  /// The format's name on the command line.
  static var identifier: String { get }
  /// Renders the graph.
  func render(_ graph: StepGraph) -> String
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
