/// `{"edges": [...], "guide": {...}, "nodes": [...]}`: pretty-printed with keys in sorted order,
/// stable across runs. Written directly into a byte buffer (no `JSONEncoder`), so a graph of a
/// 5 MB guide is rendered in time linear in its size.
public struct JSONGraphRenderer: GraphRenderer {
  public static let identifier = "json"

  /// Creates the renderer.
  public init() {}

  public func render(_ graph: StepGraph) -> String {
    var out = JSONBuffer()
    out.raw("{\n  \"edges\" : [")
    for (index, edge) in graph.edges.enumerated() {
      out.raw(index == 0 ? "\n    {\n" : ",\n    {\n")
      out.field("from", edge.from, indent: 6)
      out.field("kind", edge.kind.rawValue, indent: 6)
      out.field("to", edge.to, indent: 6, last: true)
      out.raw("    }")
    }
    out.raw(graph.edges.isEmpty ? "],\n" : "\n  ],\n")
    out.raw("  \"guide\" : {\n")
    out.field("file", graph.guideFile, indent: 4)
    out.field("id", graph.guideID, indent: 4)
    out.field("title", graph.guideTitle, indent: 4)
    out.field("version", graph.guideVersion, indent: 4, last: true)
    out.raw("  },\n  \"nodes\" : [")
    for (index, node) in graph.nodes.enumerated() {
      out.raw(index == 0 ? "\n    {\n" : ",\n    {\n")
      out.field("id", node.id, indent: 6)
      out.field("kind", node.kind.rawValue, indent: 6)
      out.raw("      \"source\" : {\n")
      out.number("column", node.source.column, indent: 8)
      out.field("file", node.source.file, indent: 8)
      out.number("line", node.source.line, indent: 8, last: true)
      out.raw("      },\n")
      if let stage = node.stageID { out.field("stage", stage, indent: 6) }
      out.field("title", node.title, indent: 6, last: true)
      out.raw("    }")
    }
    out.raw(graph.nodes.isEmpty ? "]\n}\n" : "\n  ]\n}\n")
    return out.string
  }
}

/// A UTF-8 byte buffer with JSON string escaping (as `JSONEncoder` does, without escaping `/`).
struct JSONBuffer {
  private(set) var bytes: [UInt8] = []

  var string: String { String(decoding: bytes, as: UTF8.self) }

  mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

  mutating func field(_ key: String, _ value: String, indent: Int, last: Bool = false) {
    bytes.append(contentsOf: repeatElement(0x20, count: indent))
    quoted(key)
    raw(" : ")
    quoted(value)
    raw(last ? "\n" : ",\n")
  }

  mutating func number(_ key: String, _ value: Int, indent: Int, last: Bool = false) {
    bytes.append(contentsOf: repeatElement(0x20, count: indent))
    quoted(key)
    raw(" : \(value)")
    raw(last ? "\n" : ",\n")
  }

  mutating func quoted(_ text: String) {
    bytes.append(UInt8(ascii: "\""))
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "\""): raw("\\\"")
      case UInt8(ascii: "\\"): raw("\\\\")
      case 0x0A: raw("\\n")
      case 0x0D: raw("\\r")
      case 0x09: raw("\\t")
      case 0x08: raw("\\b")
      case 0x0C: raw("\\f")
      case 0x00..<0x20:
        let hex = String(byte, radix: 16)
        raw("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
      default: bytes.append(byte)
      }
    }
    bytes.append(UInt8(ascii: "\""))
  }
}
