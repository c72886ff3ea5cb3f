import CommonMark
import CredentialSpecs
import Foundation
import OnboardDiagnostics
import OnboardSupport

/// Turns a guide's bytes into a ``Guide`` and its diagnostics.
///
/// The document is walked once, top level first: the `#` title, then `##` sections. A section
/// with steps (ordered-list items, or `###` subsections) is a stage; the others are plain
/// sections. Cross-cutting checks run on the finished guide (``GuideChecker``).
struct GuideBuilder {
  /// The path diagnostics name.
  var file: String
  /// The folder the guide is in, for screenshots and the data table.
  var folder: String
  var bytes: [UInt8]
  var screenshotFolders: [String]
  /// Guides larger than this many bytes are parsed and read in parts (see ``GuideParse``).
  var partsThreshold = 256 << 10
  /// About how many bytes each part of a guide parsed in parts has (see ``GuideParse``).
  var partBytes = GuideParse.defaultPartBytes

  /// Reads the guide and checks it.
  func build() -> GuideLoadResult {
    // The bytes are checked once and stay bytes: the source text and cmark's input are the
    // body's bytes, with no `String` of the whole guide made on the way.
    let content: ArraySlice<UInt8>
    switch GuideInput.check(bytes, file: file) {
    case .failure(let diagnostic): return GuideLoadResult(guide: nil, diagnostics: [diagnostic])
    case .success(let checked): content = checked
    }
    var diagnostics: [Diagnostic] = []
    let frontMatter = FrontMatter.split(bytes: content)
    var fieldLocations: [String: DiagnosticLocation] = [:]
    let metadata = FrontMatter.metadata(
      yaml: frontMatter.yaml, file: file, diagnostics: &diagnostics, fieldLocations: &fieldLocations)
    let source = SourceText(bytes: frontMatter.body)
    var reader = DocumentReader(
      file: file, source: source, paragraphs: ParagraphReader(source: source, file: file))
    // One thread per guide. A large guide is parsed in parts, one after the other, and each part
    // is read as soon as it is parsed, so its cmark tree is freed before the next is made; the
    // parts' readers are joined in order.
    let template = reader
    let parsed = GuideParse.parse(source, threshold: partsThreshold, partBytes: partBytes) { index, document in
      template.readPart(document.root, first: index == 0)
    }
    switch parsed {
    case .parts(let parts): reader.join(parts)
    case .whole(let document): reader.read(document.root)
    }

    var credentials = CredentialSpecSet()
    if let block = reader.credentialsBlocks.first {
      let (specs, specDiagnostics) = CredentialsBlock.specs(of: block, file: file)
      credentials = specs
      diagnostics += specDiagnostics
    }
    for extra in reader.credentialsBlocks.dropFirst() {
      diagnostics.append(
        Diagnostic(
          severity: .error, ruleID: GuideRules.malformedCredentials,
          message: "The guide has more than one `yaml credentials` block; only the first is read.",
          location: DiagnosticLocation(file: file, line: extra.range.start.line, column: extra.range.start.column),
          fix: "Merge the specs into one block."))
    }

    let guideFolder = folder
    let displayFolder = PathParts.folder(of: file)
    var dataTable: DataTable?
    if let data = metadata.data, DataTablePath.problem(of: data, guideFolder: guideFolder) == nil {
      dataTable = DataTableReader.read(
        path: guideFolder.isEmpty ? data : guideFolder + "/" + data,
        displayPath: displayFolder.isEmpty ? data : displayFolder + "/" + data, named: data,
        referencedAt: fieldLocations["data"] ?? metadata.location, diagnostics: &diagnostics)
    }

    let screenshots = ScreenshotResolver(guideFolder: guideFolder, folders: screenshotFolders)
      .resolve(reader.screenshotUses)
    var guide = Guide(
      file: file, metadata: metadata,
      title: reader.title ?? metadata.title, introduction: reader.introduction, stages: reader.stages,
      sections: reader.sections, credentials: credentials, screenshots: screenshots, dataTable: dataTable)
    for use in reader.conditionUses where guide.conditionTexts[use.condition] == nil {
      guide.conditionTexts[use.condition] = use.text.trimmingCharacters(in: .whitespaces)
    }

    if reader.title == nil {
      diagnostics.append(
        Diagnostic(
          severity: .warning, ruleID: GuideRules.noTitle,
          message: "The guide has no `#` title heading; the front matter's title is used.",
          location: DiagnosticLocation(file: file, line: 1, column: 1),
          fix: "Add a `# Title` line after the front matter."))
    }
    let checker = GuideChecker(
      guide: guide, source: source, links: reader.links, variableUses: reader.variableUses,
      conditionUses: reader.conditionUses,
      searchedFolders: [displayFolder.isEmpty ? "." : displayFolder] + screenshotFolders, guideFolder: guideFolder,
      readingProblems: reader.problems)
    diagnostics += checker.check()
    return GuideLoadResult(guide: guide, diagnostics: Diagnostic.sortedForReport(diagnostics))
  }
}
