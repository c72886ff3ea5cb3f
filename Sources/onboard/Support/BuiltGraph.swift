import GuideKit

/// The step graph `onboard graph` builds (and the JSON it writes) while the guide's checks run:
/// written once, by the one thread that builds it, and read only after the load that ran it has
/// returned.
final class BuiltGraph: @unchecked Sendable {
  /// The graph, once built.
  var graph: StepGraph?
  /// Whether the graph's JSON has been written to standard output.
  var wroteJSON = false
}
