import GuideKit

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
      return graph.node(mayThrow: parent.mayThrow) { evaluator in transform(try evaluator.value(of: parent)) }
    }
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
    return graph.node(mayThrow: parts.contains { $0.mayThrow }) { evaluator in
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
  let compute: (SlotEvaluator) throws -> String

  init(id: Int, mayThrow: Bool, compute: @escaping (SlotEvaluator) throws -> String) {
    self.id = id
    self.mayThrow = mayThrow
    self.compute = compute
  }
}

/// The nodes made while describing one context. Nodes only refer to nodes made before them.
final class SlotGraph {
  private(set) var nodes: [SlotNode] = []

  /// A new per-seller text.
  func node(mayThrow: Bool, _ compute: @escaping (SlotEvaluator) throws -> String) -> SlotText {
    let node = SlotNode(id: nodes.count, mayThrow: mayThrow, compute: compute)
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
    let computed = try node.compute(self)
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
