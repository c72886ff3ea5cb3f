import OnboardDiagnostics

/// What a delta run (`packets --since`, `--since-ledger`) does with one seller's plan.
public enum DeltaDecision: Sendable {
  /// Write this plan: only the steps to redo, each with a "what changed" note.
  case packet(PacketPlan)
  /// Write no packet; the seller is listed on stderr with this reason, worded to follow "no
  /// packet for 2 sellers" ("with nothing to redo since version 1.0").
  case skip(reason: String)
  /// Planning the seller against the old guide failed.
  case failure([Diagnostic])
  /// The run cannot go on (a usage error, exit 2), such as a seller whose old guide text the
  /// ledger does not hold; the message names the seller.
  case unusable(String)
}

/// Decides each seller's delta packet from their plan for the new guide.
public protocol DeltaSource: Sendable {
  /// The decision for one seller, given their plan for the new guide.
  func decide(_ plan: PacketPlan) -> DeltaDecision
}
