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
