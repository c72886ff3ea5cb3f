/// `{"edges": [...], "guide": {...}, "nodes": [...]}`: pretty-printed with keys in sorted order,
/// stable across runs. Written directly into a byte buffer (no `JSONEncoder`): the fixed parts are
/// static bytes and strings are copied a run at a time between the characters that need escaping,
/// so a graph of a 5 MB guide is rendered in time linear in its size, close to the cost of copying.
public struct JSONGraphRenderer: GraphRenderer {
  public static let identifier = "json"

  /// Creates the renderer.
  public init() {}

  public func render(_ graph: StepGraph) -> String {
    String(decoding: renderUTF8(graph), as: UTF8.self)
  }

  /// The JSON as UTF-8 bytes, written without an intermediate `String`.
  public func renderUTF8(_ graph: StepGraph) -> [UInt8] {
    var out = JSONBuffer(capacity: graph.edges.count * 96 + graph.nodes.count * 240 + 512)
    out.raw("{\n  \"edges\" : [")
    var first = true
    for edge in graph.edges {
      out.raw(first ? "\n    {\n      \"from\" : " : ",\n    {\n      \"from\" : ")
      first = false
      out.quoted(edge.from)
      out.raw(",\n      \"kind\" : \"")
      out.raw(edge.kind.jsonName)
      out.raw("\",\n      \"to\" : ")
      out.quoted(edge.to)
      out.raw("\n    }")
    }
    out.raw(graph.edges.isEmpty ? "],\n" : "\n  ],\n")
    out.raw("  \"guide\" : {\n    \"file\" : ")
    out.quoted(graph.guideFile)
    out.raw(",\n    \"id\" : ")
    out.quoted(graph.guideID)
    out.raw(",\n    \"title\" : ")
    out.quoted(graph.guideTitle)
    out.raw(",\n    \"version\" : ")
    out.quoted(graph.guideVersion)
    out.raw("\n  },\n  \"nodes\" : [")
    first = true
    for index in graph.nodes.indices {
      out.raw(first ? "\n    {\n      \"id\" : " : ",\n    {\n      \"id\" : ")
      first = false
      out.quoted(graph.nodes[index].id)
      out.raw(",\n      \"kind\" : \"")
      out.raw(graph.nodes[index].kind.jsonName)
      out.raw("\",\n      \"source\" : {\n        \"column\" : ")
      out.number(graph.nodes[index].source.column)
      out.raw(",\n        \"file\" : ")
      out.quoted(graph.nodes[index].source.file)
      out.raw(",\n        \"line\" : ")
      out.number(graph.nodes[index].source.line)
      out.raw("\n      },\n")
      if let stage = graph.nodes[index].stageID {
        out.raw("      \"stage\" : ")
        out.quoted(stage)
        out.raw(",\n")
      }
      out.raw("      \"title\" : ")
      out.quoted(graph.nodes[index].title)
      out.raw("\n    }")
    }
    out.raw(graph.nodes.isEmpty ? "]\n}\n" : "\n  ]\n}\n")
    return out.bytes
  }
}

extension StepGraph.NodeKind {
  /// The raw value as static bytes (no `String` to copy per node).
  fileprivate var jsonName: StaticString {
    switch self {
    case .stage: return "stage"
    case .step: return "step"
    case .credential: return "credential"
    case .screenshot: return "screenshot"
    case .check: return "check"
    case .note: return "note"
    case .precondition: return "precondition"
    }
  }
}

extension StepGraph.EdgeKind {
  /// The raw value as static bytes.
  fileprivate var jsonName: StaticString {
    switch self {
    case .next: return "next"
    case .contains: return "contains"
    case .requires: return "requires"
    case .produces: return "produces"
    case .consumes: return "consumes"
    case .illustrates: return "illustrates"
    case .checks: return "checks"
    }
  }
}

/// A UTF-8 byte buffer with JSON string escaping (as `JSONEncoder` does, without escaping `/`).
struct JSONBuffer {
  private(set) var bytes: [UInt8] = []

  init(capacity: Int = 0) {
    bytes.reserveCapacity(capacity)
  }

  mutating func raw(_ text: StaticString) {
    text.withUTF8Buffer { bytes.append(contentsOf: $0) }
  }

  /// An integer in decimal.
  mutating func number(_ value: Int) {
    if value < 0 { bytes.append(UInt8(ascii: "-")) }
    var magnitude = value.magnitude
    var divisor: UInt = 1
    while magnitude / divisor >= 10 { divisor *= 10 }
    repeat {
      bytes.append(UInt8(truncatingIfNeeded: magnitude / divisor) &+ UInt8(ascii: "0"))
      magnitude %= divisor
      divisor /= 10
    } while divisor > 0
  }

  mutating func quoted(_ text: String) {
    bytes.append(UInt8(ascii: "\""))
    var text = text
    text.withUTF8 { utf8 in
      var runStart = 0
      for index in 0..<utf8.count {
        let byte = utf8[index]
        guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
        if runStart < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index])) }
        runStart = index + 1
        escape(byte)
      }
      if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
    }
    bytes.append(UInt8(ascii: "\""))
  }

  private mutating func escape(_ byte: UInt8) {
    switch byte {
    case UInt8(ascii: "\""): raw("\\\"")
    case UInt8(ascii: "\\"): raw("\\\\")
    case 0x0A: raw("\\n")
    case 0x0D: raw("\\r")
    case 0x09: raw("\\t")
    case 0x08: raw("\\b")
    case 0x0C: raw("\\f")
    default:
      let hex: [UInt8] = Array("0123456789abcdef".utf8)
      raw("\\u00")
      bytes.append(hex[Int(byte >> 4)])
      bytes.append(hex[Int(byte & 0x0F)])
    }
  }
}
