import GuideKit

/// One step of a delta packet (`packets --since`): what changed in it for the seller, in the
/// vocabulary of ``GuideKit/GuideDiff``.
public struct StepChange: Sendable, Equatable {
  /// The step id.
  public var step: String
  /// The step's title (plain text) in the guide it is taken from.
  public var title: String
  /// The step is new in the guide.
  public var added: Bool = false
  /// The step was not in the seller's packet for the old guide (its condition did not hold
  /// then, or nothing required it), but is in it now.
  public var newForSeller: Bool = false
  /// What changed in it since the old guide (empty for added steps).
  public var aspects: [GuideDiff.Aspect] = []
  /// For a step the seller no longer needs: it was removed from the guide (`false`: it is
  /// still there but no longer applies to the seller).
  public var removed: Bool = false

  /// Creates a change.
  public init(
    step: String, title: String, added: Bool = false, newForSeller: Bool = false,
    aspects: [GuideDiff.Aspect] = [], removed: Bool = false
  ) {
    self.step = step
    self.title = title
    self.added = added
    self.newForSeller = newForSeller
    self.aspects = aspects
    self.removed = removed
  }

  /// What changed, as one sentence for the packet's "what changed" note.
  public func sentence(oldVersion: String) -> String {
    if added { return "New step in this version of the guide." }
    var parts: [String] = []
    if newForSeller {
      parts.append("New for you: this step was not in your packet for version \(oldVersion).")
    }
    if !aspects.isEmpty {
      parts.append("Changed since version \(oldVersion): \(Self.words(aspects)).")
    }
    return parts.joined(separator: " ")
  }

  /// The aspects in words: "its text and checks".
  static func words(_ aspects: [GuideDiff.Aspect]) -> String {
    let names = aspects.map { aspect -> String in
      switch aspect {
      case .text: return "text"
      case .checks: return "checks"
      case .conditions: return "conditions"
      case .credentials: return "credentials"
      case .screenshots: return "screenshots"
      }
    }
    guard let last = names.last else { return "" }
    let head = names.dropLast()
    return "its " + (head.isEmpty ? last : head.joined(separator: ", ") + " and " + last)
  }
}
