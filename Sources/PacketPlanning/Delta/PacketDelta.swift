import GuideKit

/// What a seller must redo after a guide changed (`packets --since`): the steps of their new
/// packet that changed or are new for them, and the steps of their old packet they no longer
/// need.
public struct PacketDelta: Sendable, Equatable {
  /// The version of the guide the seller had, and of the guide they get now.
  public var oldVersion: String
  public var newVersion: String
  /// The steps to do (again), in the new guide's order.
  public var changes: [StepChange]
  /// The steps of the old packet that are gone from the new one, in the old guide's order.
  public var noLongerNeeded: [StepChange]
  /// Whether the packet carries the credential templates: a step to redo produces or consumes
  /// a credential, or changed which it does. Otherwise no credential changed for the seller,
  /// and the files they filled before stay as they are.
  public var needsCredentialFiles: Bool

  /// Creates a delta.
  public init(
    oldVersion: String, newVersion: String, changes: [StepChange], noLongerNeeded: [StepChange] = [],
    needsCredentialFiles: Bool = false
  ) {
    self.oldVersion = oldVersion
    self.newVersion = newVersion
    self.changes = changes
    self.noLongerNeeded = noLongerNeeded
    self.needsCredentialFiles = needsCredentialFiles
  }

  /// Whether the seller has nothing to redo (steps no longer needed alone make no packet).
  public var isEmpty: Bool { changes.isEmpty }

  /// What distinguishes one delta's rendering from another's with the same steps: its notes.
  public var shapeKey: String {
    var key = oldVersion + "\u{0}" + newVersion + "\u{0}" + (needsCredentialFiles ? "C" : "-")
    for change in changes { key += "\u{0}" + change.step + ":" + change.sentence(oldVersion: oldVersion) }
    key += "\u{1}"
    for change in noLongerNeeded { key += change.step + (change.removed ? "-" : "~") + "\u{0}" }
    return key
  }
}
