import OnboardDiagnostics

/// `{"guide": {...}, "nodes": [...], "edges": [...]}` with sorted keys, stable across runs.
public struct JSONGraphRenderer: GraphRenderer {
  public static let identifier = "json"

  /// Creates the renderer.
  public init() {}

  private struct Document: Encodable {
    var guide: GuideInfo
    var nodes: [NodeEntry]
    var edges: [EdgeEntry]
  }

  private struct GuideInfo: Encodable {
    var id: String
    var title: String
    var version: String
    var file: String
  }

  private struct NodeEntry: Encodable {
    var id: String
    var kind: String
    var title: String
    var stage: String?
    var source: Source
  }

  private struct Source: Encodable {
    var file: String
    var line: Int
    var column: Int
  }

  private struct EdgeEntry: Encodable {
    var from: String
    var to: String
    var kind: String
  }

  public func render(_ graph: StepGraph) -> String {
    JSONText.encode(
      Document(
        guide: GuideInfo(id: graph.guideID, title: graph.guideTitle, version: graph.guideVersion, file: graph.guideFile),
        nodes: graph.nodes.map {
          NodeEntry(
            id: $0.id, kind: $0.kind.rawValue, title: $0.title, stage: $0.stageID,
            source: Source(file: $0.source.file, line: $0.source.line, column: $0.source.column))
        },
        edges: graph.edges.map { EdgeEntry(from: $0.from, to: $0.to, kind: $0.kind.rawValue) }))
  }
}
