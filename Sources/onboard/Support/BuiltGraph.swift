import GuideKit

/// The step graph `onboard graph` builds (and the JSON it writes) while the guide's checks run:
/// written once, by the one thread that builds it, and read only after the load that ran it has
/// returned.
final class BuiltGraph: @unchecked Sendable {
  /// The graph, once built.
  var graph: StepGraph?
  /// The graph's JSON, in the pieces the renderer wrote (a few hundred kilobytes each), when
  /// JSON was asked for.
  var jsonPieces: [[UInt8]]?
}
