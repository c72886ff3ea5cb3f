import GuideKit

/// The step graph `onboard graph` builds while the guide's checks run: written once, by the one
/// thread that builds it, and read only after the load that ran it has returned.
final class BuiltGraph: @unchecked Sendable {
  /// The graph, once built.
  var graph: StepGraph?
}
