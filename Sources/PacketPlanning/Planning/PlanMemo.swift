import Escaping
import GuideKit
import OnboardSupport

/// Remembers the structure of recent plans (stages, steps, blocks and notes kept), keyed by
/// exactly what decides it: the values of the variables the guide's conditions read, which
/// placeholder variables the seller has, and whether each link variable can start a link.
/// Sellers of one marketplace and credential source then share one planning; the checking pass
/// and the writing pass share it too. Bounded, so memory stays flat; safe for concurrent use.
final class PlanMemo: Sendable {
  /// A plan without its seller.
  struct Structure: Sendable {
    var stages: [PacketPlan.PlannedStage]
    var introduction: [Block]
    var leadingSections: [PacketPlan.PlannedSection]
    var missing: [PacketPlan.MissingUse]
    /// Its part of the packet's shape key (the planner's `structureKey` function),
    /// when it was given one.
    var key: String?
  }

  private let conditionVariables: [String]
  private let placeholderVariables: [String]
  private let linkVariables: [String]
  private let limit: Int
  private let entries = Locked<[String: Structure]>([:])

  /// A memo for plans whose conditions read `conditionVariables` and whose texts use
  /// `placeholderVariables`, of which `linkVariables` start links.
  init(conditionVariables: Set<String>, placeholderVariables: Set<String>, linkVariables: Set<String>, limit: Int = 256)
  {
    self.conditionVariables = conditionVariables.sorted()
    self.placeholderVariables = placeholderVariables.subtracting(conditionVariables).sorted()
    self.linkVariables = linkVariables.sorted()
    self.limit = limit
  }

  /// The key of a seller's variables: every value a condition reads (length-prefixed, so no
  /// two combinations meet), then a presence mark per placeholder variable and a mark per link
  /// variable for whether its value can start a link.
  func key(_ variables: [String: String]) -> String {
    var key = ""
    for name in conditionVariables {
      if let value = variables[name] {
        key += String(value.utf8.count)
        key += ":"
        key += value
      } else {
        key += "-"
      }
    }
    key += "|"
    for name in placeholderVariables { key += PacketPlanner.isGiven(variables[name]) ? "+" : "-" }
    key += "|"
    for name in linkVariables {
      guard let value = variables[name] else {
        key += "-"
        continue
      }
      key += URLEscaper().cannotRepresent(value) == nil ? "+" : "!"
    }
    return key
  }

  /// The structure remembered for `key`.
  func structure(for key: String) -> Structure? {
    entries.withLock { $0[key] }
  }

  /// Remembers a structure, while there is room.
  func remember(_ structure: Structure, for key: String) {
    entries.withLock { entries in
      if entries.count < limit { entries[key] = structure }
    }
  }
}
