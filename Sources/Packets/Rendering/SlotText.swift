import GuideKit
import Roster

/// A text field of a packet's context: either the same for every seller of the guide (a
/// constant) or computed from the seller (a node of a ``SlotGraph``).
///
/// The context builder describes every field this way once, so the same description yields a
/// concrete context for one seller (every node evaluated at once) or a shape context whose
/// per-seller fields are markers, rendered once and then filled per seller (see
/// ``PacketRenderer``).
struct SlotText {
  enum Storage {
    case constant(String)
    case node(SlotNode)
  }

  let storage: Storage

  /// A text that is the same for every seller.
  static func constant(_ text: String) -> SlotText { SlotText(storage: .constant(text)) }

  /// The text, when it is the same for every seller.
  var constantValue: String? {
    if case .constant(let text) = storage { return text }
    return nil
  }

  /// This text transformed by a pure function: a constant stays a constant.
  func map(in graph: SlotGraph, _ transform: @escaping (String) -> String) -> SlotText {
    switch storage {
    case .constant(let text): return .constant(transform(text))
    case .node(let parent):
      return graph.node(mayThrow: parent.mayThrow, memoKeys: parent.memoKeys) { evaluator in
        transform(try evaluator.value(of: parent))
      }
    }
  }

  /// The variables the text is computed from (see ``SlotNode/memoKeys``); `[]` for a constant.
  var memoKeys: [String]? {
    if case .node(let node) = storage { return node.memoKeys }
    return []
  }

  /// The seller's Markdown with sentinels for their values, when the text can say (see
  /// ``SentinelSplice``).
  var template: ((SlotEvaluator) -> SentinelSplice.Template?)? {
    if case .node(let node) = storage { return node.template }
    return nil
  }

  /// Whether computing it can throw.
  var mayThrow: Bool {
    if case .node(let node) = storage { return node.mayThrow }
    return false
  }

  /// Texts joined with `separator` between non-empty pieces, the way a packet joins blocks.
  static func joinedBlocks(_ parts: [SlotText], separator: String, in graph: SlotGraph) -> SlotText {
    if parts.allSatisfy({ $0.constantValue != nil }) {
      var joined = ""
      for part in parts {
        if !joined.isEmpty { joined += separator }
        joined += part.constantValue ?? ""
      }
      return .constant(joined)
    }
    var keys: Set<String>? = []
    for part in parts {
      if let partKeys = part.memoKeys { keys?.formUnion(partKeys) } else { keys = nil }
    }
    var template: ((SlotEvaluator) -> SentinelSplice.Template?)?
    if parts.allSatisfy({ $0.constantValue != nil || $0.template != nil }) {
      template = { evaluator in
        var joined = SentinelSplice.Template()
        for part in parts {
          let piece: SentinelSplice.Template
          if let text = part.constantValue {
            piece = SentinelSplice.Template(literal: text)
          } else if let made = part.template?(evaluator) {
            piece = made
          } else {
            return nil
          }
          if !joined.markdown.isEmpty { joined.append(literal: separator.utf8) }
          joined.append(piece)
        }
        return joined
      }
    }
    return graph.node(
      mayThrow: parts.contains { $0.mayThrow }, memoKeys: keys.map { $0.sorted() }, template: template
    ) { evaluator in
      var joined = ""
      for part in parts {
        if !joined.isEmpty { joined += separator }
        joined += try evaluator.value(of: part)
      }
      return joined
    }
  }
}

/// One per-seller computation.
final class SlotNode {
  /// Its position in its graph.
  let id: Int
  /// Whether computing it can throw (filling a link destination can refuse a value).
  let mayThrow: Bool
  /// The variables whose values alone decide this node's value, or `nil` when it depends on
  /// more (such as the seller's fields). A node with keys remembers its value for recent
  /// combinations of their values: guide text that uses only the marketplace's variables is
  /// computed once per marketplace. A node whose keys take too many values (one holds the
  /// seller's name or account) stops remembering.
  let memoKeys: [String]?
  /// For Markdown computed from guide text, the seller's Markdown with sentinels in place of
  /// their values (see ``SentinelSplice``), or `nil` from it when a value rules that out.
  let template: ((SlotEvaluator) -> SentinelSplice.Template?)?
  let compute: (SlotEvaluator) throws -> String
  private var memo: [String: String] = [:]
  private var memoFull = false
  private static let memoLimit = 64

  init(
    id: Int, mayThrow: Bool, memoKeys: [String]?, template: ((SlotEvaluator) -> SentinelSplice.Template?)? = nil,
    compute: @escaping (SlotEvaluator) throws -> String
  ) {
    self.id = id
    self.mayThrow = mayThrow
    self.memoKeys = memoKeys.flatMap { $0.isEmpty ? nil : $0 }
    self.template = template
    self.compute = compute
  }

  /// The node's value for a seller, remembered by the values of its keys when it has some.
  func value(in evaluator: SlotEvaluator) throws -> String {
    guard let keys = memoKeys, !memoFull else { return try compute(evaluator) }
    var key = ""
    for name in keys {
      // Length-prefixed, so no two combinations of values make the same key.
      if let value = evaluator.input.variables[name] {
        key += String(value.utf8.count)
        key += ":"
        key += value
      } else {
        key += "-"
      }
    }
    if let known = memo[key] { return known }
    let computed = try compute(evaluator)
    if memo.count >= Self.memoLimit {
      memo = [:]
      memoFull = true
    } else {
      memo[key] = computed
    }
    return computed
  }
}

/// The nodes made while describing one context. Nodes only refer to nodes made before them.
final class SlotGraph {
  private(set) var nodes: [SlotNode] = []

  /// A new per-seller text, computed from the variables named in `memoKeys` alone (or, when
  /// `nil`, from more).
  func node(
    mayThrow: Bool, memoKeys: [String]? = nil, template: ((SlotEvaluator) -> SentinelSplice.Template?)? = nil,
    _ compute: @escaping (SlotEvaluator) throws -> String
  ) -> SlotText {
    let node = SlotNode(
      id: nodes.count, mayThrow: mayThrow, memoKeys: memoKeys, template: template, compute: compute)
    nodes.append(node)
    return SlotText(storage: .node(node))
  }
}

/// What a node is computed from: the seller and their variables.
struct SlotInput {
  /// The seller.
  var seller: Seller
  /// The seller's variables.
  var variables: [String: String]
}

/// Computes nodes for one seller, each at most once.
final class SlotEvaluator {
  /// The seller's data.
  let input: SlotInput
  private var memo: [String?]

  init(input: SlotInput, nodeCount: Int) {
    self.input = input
    self.memo = [String?](repeating: nil, count: nodeCount)
  }

  /// A node's value for this seller.
  func value(of node: SlotNode) throws -> String {
    if node.id < memo.count, let known = memo[node.id] { return known }
    let computed = try node.value(in: self)
    if node.id >= memo.count { memo += [String?](repeating: nil, count: node.id - memo.count + 1) }
    memo[node.id] = computed
    return computed
  }

  /// A text's value for this seller.
  func value(of text: SlotText) throws -> String {
    switch text.storage {
    case .constant(let value): return value
    case .node(let node): return try value(of: node)
    }
  }
}
