import GuideKit
import PacketPlanning

/// Puts what a generic runbook knows into the guide's conditions: only the standard variable
/// `output`, which is `runbook`. A block, note, step or stage whose condition that alone makes
/// false is left out; the others keep what is left of their conditions, to print.
struct GenericConditionResolver {
  /// What is left of one condition.
  enum Shown {
    /// Printed, under what is left of the condition (`nil`: none).
    case open(Condition?)
    /// Left out: the condition is false in every runbook.
    case leftOut
  }

  /// The variables a generic runbook knows.
  let known = [GuideOutput.variableName: GuideOutput.runbook.rawValue]

  /// What is left of `condition`.
  func resolve(_ condition: Condition?) -> Shown {
    guard let condition else { return .open(nil) }
    switch condition.resolving(known) {
    case .decided(true): return .open(nil)
    case .decided(false): return .leftOut
    case .open(let left): return .open(left)
    }
  }

  /// The blocks to print, each with what is left of its condition.
  func blocks(_ blocks: [Block]) -> [Block] {
    blocks.compactMap(block)
  }

  /// The notes to print, each with what is left of its condition.
  func notes(_ notes: [Note]) -> [Note] {
    notes.compactMap(note)
  }

  /// A step's or stage's parts to print, chosen as ``blocks(_:)`` and ``notes(_:)`` choose.
  func parts(_ parts: [PacketPlan.PlannedPart]) -> [PacketPlan.PlannedPart] {
    parts.compactMap { part in
      switch part {
      case .block(let block): return self.block(block).map { .block($0) }
      case .note(let note): return self.note(note).map { .note($0) }
      case .check, .screenshot: return part
      }
    }
  }

  private func block(_ block: Block) -> Block? {
    guard case .open(let left) = resolve(block.condition) else { return nil }
    var block = block
    block.condition = left
    return block
  }

  private func note(_ note: Note) -> Note? {
    guard case .open(let left) = resolve(note.condition) else { return nil }
    var note = note
    note.condition = left
    return note
  }
}
