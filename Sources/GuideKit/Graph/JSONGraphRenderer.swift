/// `{"edges": [...], "guide": {...}, "nodes": [...], "omitted": [...]}`: pretty-printed with keys in sorted order,
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
    var bytes: [UInt8] = []
    write(graph) { bytes.append(contentsOf: $0) }
    return bytes
  }

  /// Writes the JSON to `sink` a piece at a time (pieces of up to a few hundred kilobytes), so
  /// that a large graph is never held in memory whole.
  public func write(_ graph: StepGraph, to sink: (UnsafeRawBufferPointer) -> Void) {
    var out = JSONWriter(capacity: 256 << 10)
    defer { out.deallocate() }
    write(graph, to: &out, sink: sink)
    out.flush(to: sink)
  }

  private func write(
    _ graph: StepGraph, to out: inout JSONWriter, sink: (UnsafeRawBufferPointer) -> Void
  ) {
    // Before each element, room for it is made (an escaped byte takes at most six).
    out.reserve(512, sink: sink)
    out.raw("{\n  \"edges\" : [")
    var first = true
    for edge in graph.edges {
      out.reserve(96 + 6 * (edge.from.utf8.count + edge.to.utf8.count), sink: sink)
      out.raw(first ? "\n    {\n      \"from\" : " : ",\n    {\n      \"from\" : ")
      first = false
      out.quoted(edge.from)
      out.raw(",\n      \"kind\" : \"")
      out.raw(edge.kind.jsonName)
      out.raw("\",\n      \"to\" : ")
      out.quoted(edge.to)
      out.raw("\n    }")
    }
    out.reserve(
      512 + 6
        * (graph.guideFile.utf8.count + graph.guideID.utf8.count + graph.guideTitle.utf8.count
          + graph.guideVersion.utf8.count),
      sink: sink)
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
      out.reserve(
        256 + 6
          * (graph.nodes[index].id.utf8.count + graph.nodes[index].source.file.utf8.count
            + (graph.nodes[index].stageID?.utf8.count ?? 0) + graph.nodes[index].title.utf8.count),
        sink: sink)
      out.raw(first ? "\n    {\n" : ",\n    {\n")
      first = false
      if let condition = graph.nodes[index].condition {
        // The condition as the guide writes it, and its parsed form.
        let text = graph.nodes[index].conditionText ?? condition.text
        let parsed = condition.parsedJSON(indent: 8)
        out.reserve(128 + 6 * text.utf8.count + parsed.utf8.count, sink: sink)
        out.raw("      \"condition\" : {\n        \"parsed\" : ")
        out.text(parsed)
        out.raw(",\n        \"text\" : ")
        out.quoted(text)
        out.raw("\n      },\n")
        out.reserve(
          256 + 6
            * (graph.nodes[index].id.utf8.count + graph.nodes[index].source.file.utf8.count
              + (graph.nodes[index].stageID?.utf8.count ?? 0) + graph.nodes[index].title.utf8.count),
          sink: sink)
      }
      out.raw("      \"id\" : ")
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
    out.raw(graph.nodes.isEmpty ? "],\n" : "\n  ],\n")
    out.raw("  \"omitted\" : [")
    first = true
    for omission in graph.omitted {
      out.reserve(96 + 6 * (omission.id.utf8.count + omission.reason.utf8.count), sink: sink)
      out.raw(first ? "\n    {\n      \"id\" : " : ",\n    {\n      \"id\" : ")
      first = false
      out.quoted(omission.id)
      out.raw(",\n      \"reason\" : ")
      out.quoted(omission.reason)
      out.raw("\n    }")
    }
    out.raw(graph.omitted.isEmpty ? "]\n}\n" : "\n  ]\n}\n")
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

/// Writes JSON into a buffer that is handed to a sink when the next element might not fit, with
/// JSON string escaping as `JSONEncoder` does it, without escaping `/`.
struct JSONWriter {
  private var base: UnsafeMutablePointer<UInt8>
  private var capacity: Int
  /// Where the next byte goes.
  private var cursor: UnsafeMutablePointer<UInt8>

  init(capacity: Int) {
    self.capacity = capacity
    base = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    cursor = base
  }

  func deallocate() { base.deallocate() }

  /// Makes room for `count` more bytes: hands what is written to `sink` first when needed.
  mutating func reserve(_ count: Int, sink: (UnsafeRawBufferPointer) -> Void) {
    guard base.distance(to: cursor) + count > capacity else { return }
    flush(to: sink)
    if count > capacity {
      base.deallocate()
      capacity = count
      base = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
      cursor = base
    }
  }

  /// Hands what is written to `sink` and starts over.
  mutating func flush(to sink: (UnsafeRawBufferPointer) -> Void) {
    let written = base.distance(to: cursor)
    if written > 0 { sink(UnsafeRawBufferPointer(start: base, count: written)) }
    cursor = base
  }

  mutating func raw(_ text: StaticString) {
    text.withUTF8Buffer { bytes in
      guard let start = bytes.baseAddress else { return }
      cursor.update(from: start, count: bytes.count)
      cursor += bytes.count
    }
  }

  /// Text copied as it is (already JSON); room for it must be reserved.
  mutating func text(_ value: String) {
    for byte in value.utf8 { self.byte(byte) }
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
    if text.utf8.withContiguousStorageIfAvailable({ copyEscaping($0) }) == nil {
      var copy = text
      copy.withUTF8 { copyEscaping($0) }
    }
    byte(UInt8(ascii: "\""))
  }

  /// Copies UTF-8 bytes, escaping what JSON requires. Eight bytes at a time are checked for a
  /// byte that needs escaping (a control character, `"` or `\\`), so plain text is a `memcpy`.
  private mutating func copyEscaping(_ utf8: UnsafeBufferPointer<UInt8>) {
    guard let base = utf8.baseAddress else { return }
    let count = utf8.count
    var runStart = 0
    var index = 0
    while index < count {
      if index + 8 <= count {
        let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
        if !Self.needsEscape(word) {
          index += 8
          continue
        }
      }
      let value = base[index]
      if value < 0x20 || value == UInt8(ascii: "\"") || value == UInt8(ascii: "\\") {
        cursor.update(from: base + runStart, count: index - runStart)
        cursor += index - runStart
        runStart = index + 1
        escape(value)
      }
      index += 1
    }
    cursor.update(from: base + runStart, count: count - runStart)
    cursor += count - runStart
  }

  /// Whether any of the eight bytes is below 0x20, `"` or `\\` (the usual bit tricks: a byte
  /// below n sets its top bit in `x - n` when its own top bit is clear).
  @inline(__always)
  private static func needsEscape(_ word: UInt64) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let high: UInt64 = 0x8080_8080_8080_8080
    let control = (word &- ones &* 0x20) & ~word & high
    let quoteBytes = word ^ (ones &* 0x22)
    let quote = (quoteBytes &- ones) & ~quoteBytes & high
    let backslashBytes = word ^ (ones &* 0x5C)
    let backslash = (backslashBytes &- ones) & ~backslashBytes & high
    return control | quote | backslash != 0
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
