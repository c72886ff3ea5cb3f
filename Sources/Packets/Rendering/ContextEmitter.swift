/// Turns ``SlotText`` fields into context values.
///
/// Concrete: every field is computed for one seller, giving the context the Mustache templates
/// render. Symbolic: a field that is the same for every seller stays as it is, and a per-seller
/// field becomes a slot marker (``SlotMarker``); a flag that depends on a per-seller text (such
/// as `has_body` of a step whose body holds a variable) becomes a ``DeferredFlag``, decided per
/// seller before the shape is looked up.
final class ContextEmitter {
  /// A flag decided per seller: whether slot `slot`'s text is not empty.
  struct DeferredFlag {
    /// The flag's position among the emitter's flags.
    var index: Int
  }

  private let evaluator: SlotEvaluator?
  /// The per-seller fields, in the order they were emitted (symbolic only).
  private(set) var slots: [SlotNode] = []
  /// For each deferred flag, the slot whose emptiness decides it.
  private(set) var flagSlots: [Int] = []
  private var slotOfNode: [Int: Int] = [:]

  /// An emitter that computes every field with `evaluator`.
  init(concrete evaluator: SlotEvaluator) {
    self.evaluator = evaluator
  }

  /// An emitter that leaves per-seller fields as markers.
  init() {
    self.evaluator = nil
  }

  /// The context value of a text field: a `String`.
  func text(_ text: SlotText) throws -> Any {
    switch text.storage {
    case .constant(let value): return value
    case .node(let node):
      if let evaluator { return try evaluator.value(of: node) }
      return SlotMarker.raw(slot(of: node))
    }
  }

  /// The context value of "this text is not empty": a `Bool` or a ``DeferredFlag``.
  func nonEmpty(_ text: SlotText) throws -> Any {
    switch text.storage {
    case .constant(let value): return !value.isEmpty
    case .node(let node):
      if let evaluator { return try !evaluator.value(of: node).isEmpty }
      flagSlots.append(slot(of: node))
      return DeferredFlag(index: flagSlots.count - 1)
    }
  }

  private func slot(of node: SlotNode) -> Int {
    if let known = slotOfNode[node.id] { return known }
    slots.append(node)
    slotOfNode[node.id] = slots.count - 1
    return slots.count - 1
  }
}
