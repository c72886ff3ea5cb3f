import CredentialSpecs
import OnboardDiagnostics

/// The part of a guide that checking credential files needs: its front matter (which names the
/// template set, and so the credential layout) and its credential specs, read without building
/// the step graph, resolving screenshots, reading the data table or running the guide rules.
/// ``GuideLoader/loadCredentials(file:)`` reads it; `onboard check` is where a guide is checked.
public struct GuideCredentials: Sendable {
  /// The front matter.
  public var metadata: GuideMetadata
  /// The specs of the guide's credentials block (empty when it has none).
  public var credentials: CredentialSpecSet
  /// Problems in the front matter and the credentials block, in report order.
  public var diagnostics: [Diagnostic]

  /// Creates the value.
  public init(metadata: GuideMetadata, credentials: CredentialSpecSet, diagnostics: [Diagnostic]) {
    self.metadata = metadata
    self.credentials = credentials
    self.diagnostics = diagnostics
  }
}
