import CommonMark
import CredentialSpecs
import Foundation
import OnboardDiagnostics
import OnboardSupport

extension GuideLoader {
  /// Reads only what checking credential files needs: the front matter and the first
  /// credentials block. The same readers as ``load(file:displayPath:)`` run, so the specs and
  /// their diagnostics are the same; the step graph, screenshots, data table and guide rules are
  /// skipped, which makes this several times cheaper for a one-file `onboard lint`.
  /// - Parameter path: the guide file.
  /// - Returns: the front matter and specs, or the diagnostic that says why the file is not a
  ///   guide (it cannot be read, or is not UTF-8 text).
  public func loadCredentials(file path: String) -> Result<GuideCredentials, DiagnosticList> {
    let bytes: [UInt8]
    do {
      bytes = try InputFile.read(path, limits: .guide)
    } catch {
      return .failure(DiagnosticList([Self.unreadable(path, error)]))
    }
    let text: String
    switch GuideInput.decode(bytes, file: path) {
    case .failure(let diagnostic): return .failure(DiagnosticList([diagnostic]))
    case .success(let decoded): text = decoded
    }
    var diagnostics: [Diagnostic] = []
    var fieldLocations: [String: DiagnosticLocation] = [:]
    let frontMatter = FrontMatter.split(text)
    let metadata = FrontMatter.metadata(
      yaml: frontMatter.yaml, file: path, diagnostics: &diagnostics, fieldLocations: &fieldLocations)
    let document = MarkdownDocument.parse(frontMatter.body)
    var credentials = CredentialSpecSet()
    // Credentials blocks are top-level blocks (DocumentReader reads them nowhere else).
    if let block = document.root.children.lazy.compactMap(CredentialsBlock.match).first {
      let (specs, specDiagnostics) = CredentialsBlock.specs(of: block, file: path)
      credentials = specs
      diagnostics += specDiagnostics
    }
    return .success(
      GuideCredentials(
        metadata: metadata, credentials: credentials, diagnostics: Diagnostic.sortedForReport(diagnostics)))
  }
}
