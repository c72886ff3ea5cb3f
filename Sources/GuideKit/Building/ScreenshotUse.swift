import OnboardDiagnostics

/// A screenshot named somewhere in the guide.
struct ScreenshotUse {
  var path: String
  var caption: String
  var location: DiagnosticLocation
  /// The step it illustrates, or `nil` for a gallery image.
  var stepID: String?
}
