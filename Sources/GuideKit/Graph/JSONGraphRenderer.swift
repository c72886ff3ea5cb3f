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
    // An upper bound on the size (an escaped byte takes at most six), so the bytes are written
    // once, in place, into an array allocated once; pages past the end are never touched.
    var bound = 512 + 6 * (graph.guideFile.utf8.count + graph.guideID.utf8.count + graph.guideTitle.utf8.count
      + graph.guideVersion.utf8.count)
    for edge in graph.edges { bound += 96 + 6 * (edge.from.utf8.count + edge.to.utf8.count) }
    for index in graph.nodes.indices {
      bound += 256 + 6 * (graph.nodes[index].id.utf8.count + graph.nodes[index].source.file.utf8.count
        + (graph.nodes[index].stageID?.utf8.count ?? 0) + graph.nodes[index].title.utf8.count)
    }
    return [UInt8](unsafeUninitializedCapacity: bound) { buffer, initialized in
      guard let base = buffer.baseAddress else { return }
      var out = JSONWriter(cursor: base)
      write(graph, to: &out)
      initialized = base.distance(to: out.cursor)
    }
  }

  private func write(_ graph: StepGraph, to out: inout JSONWriter) {
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

/// Writes JSON into memory the caller sized (``JSONGraphRenderer/renderUTF8(_:)`` bounds it),
/// with JSON string escaping as `JSONEncoder` does it, without escaping `/`.
struct JSONWriter {
  /// Where the next byte goes.
  var cursor: UnsafeMutablePointer<UInt8>

  mutating func raw(_ text: StaticString) {
    text.withUTF8Buffer { bytes in
      guard let start = bytes.baseAddress else { return }
      cursor.update(from: start, count: bytes.count)
      cursor += bytes.count
    }
  }

  mutating func byte(_ value: UInt8) {
    cursor.pointee = value
    cursor += 1
  }

  /// An integer in decimal.
  mutating func number(_ value: Int) {
    if value < 0 { byte(UInt8(ascii: "-")) }
    var magnitude = value.magnitude
    var divisor: UInt = 1
    while magnitude / divisor >= 10 { divisor *= 10 }
    repeat {
      byte(UInt8(truncatingIfNeeded: magnitude / divisor) &+ UInt8(ascii: "0"))
      magnitude %= divisor
      divisor /= 10
    } while divisor > 0
  }

  mutating func quoted(_ text: String) {
    byte(UInt8(ascii: "\""))
    var text = text
    text.withUTF8 { utf8 in
      guard let base = utf8.baseAddress else { return }
      var runStart = 0
      for index in 0..<utf8.count {
        let value = utf8[index]
        guard value < 0x20 || value == UInt8(ascii: "\"") || value == UInt8(ascii: "\\") else { continue }
        cursor.update(from: base + runStart, count: index - runStart)
        cursor += index - runStart
        runStart = index + 1
        escape(value)
      }
      cursor.update(from: base + runStart, count: utf8.count - runStart)
      cursor += utf8.count - runStart
    }
    byte(UInt8(ascii: "\""))
  }

  private mutating func escape(_ value: UInt8) {
    switch value {
    case UInt8(ascii: "\""): raw("\\\"")
    case UInt8(ascii: "\\"): raw("\\\\")
    case 0x0A: raw("\\n")
    case 0x0D: raw("\\r")
    case 0x09: raw("\\t")
    case 0x08: raw("\\b")
    case 0x0C: raw("\\f")
    default:
      raw("\\u00")
      // Only bytes below 0x20 get here: the high digit is 0 or 1.
      byte(UInt8(ascii: "0") + (value >> 4))
      let low = value & 0x0F
      byte(low < 10 ? UInt8(ascii: "0") + low : UInt8(ascii: "a") + (low - 10))
    }
  }
}
