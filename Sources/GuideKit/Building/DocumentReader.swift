import CommonMark
import Foundation
import OnboardDiagnostics

/// One pass over the document's top-level blocks, collecting the guide's parts.
struct DocumentReader {
  let file: String
  let source: SourceText
  let paragraphs: ParagraphReader
  let attributeReader: AttributeReader
  let noteReader: NoteReader

  var title: String?
  var introduction: [Block] = []
  var stages: [Stage] = []
  var sections: [Section] = []
  var credentialsBlocks: [(literal: String, range: SourceRange)] = []
  var screenshotUses: [ScreenshotUse] = []
  var links: [Reference] = []
  var variableUses: [(name: String, location: DiagnosticLocation)] = []
  var conditionUses: [(condition: Condition, location: DiagnosticLocation, text: String)] = []
  /// What is wrong in what was read, for the rules that report it (``ReadingProblem``).
  var problems: [ReadingProblem] = []
  /// The ids of the sections and stages read so far (for numbering repeated section slugs).
  var sectionAndStageIDs: Set<String> = []
  /// Stages (`true`) and sections (`false`) in the order they were read.
  var sectionOrder: [Bool] = []
  /// Each section's slug when its id is derived from its heading (`nil` for an explicit id).
  var sectionSlugs: [String?] = []
  /// For a part after the first (see ``readPart(_:first:)``): whether it has a `#` heading.
  var partHasLevelOneHeading = false

  init(file: String, source: SourceText, paragraphs: ParagraphReader) {
    self.file = file
    self.source = source
    self.paragraphs = paragraphs
    attributeReader = AttributeReader(file: file, paragraphs: paragraphs)
    noteReader = NoteReader(file: file, source: source, paragraphs: paragraphs)
  }

  /// Where a node starts (line 1, column 1 when it has no position).
  func location(_ range: SourceRange?) -> DiagnosticLocation {
    guard let range else { return DiagnosticLocation(file: file, line: 1, column: 1) }
    return DiagnosticLocation(file: file, line: range.start.line, column: range.start.column)
  }

  /// Reads a guide parsed in one piece, in one pass. (A guide parsed in parts is read part by
  /// part: ``readPart(_:first:)`` and ``join(_:)``.)
  mutating func read(_ root: MarkdownNode) {
    read(DocumentUnit.units(of: [root])[...])
    collectVariables()
  }

  /// Reads one part of a guide parsed in parts (see ``GuideParse``) with a reader of its own,
  /// which starts as this one is; ``join(_:)`` puts the parts together.
  /// - Parameters:
  ///   - root: the part's document.
  ///   - first: whether it is the guide's first part.
  func readPart(_ root: MarkdownNode, first: Bool) -> DocumentReader {
    var part = self
    part.read(DocumentUnit.units(of: [root], laterPart: !first)[...])
    if !first {
      part.partHasLevelOneHeading = root.children.contains {
        if case .heading(1) = $0.kind { return true } else { return false }
      }
    }
    return part
  }

  /// Joins the readers of a guide's parts (from ``readPart(_:first:)``, in order), as if the
  /// guide had been read in one pass. When the first part has no title but a later part has a
  /// `#` heading, that heading is the title, which the part could not know: the guide is then
  /// parsed again in one piece and read in one pass (the parts' trees are gone by now).
  mutating func join(_ parts: [DocumentReader]) {
    if let first = parts.first, first.title == nil, parts.dropFirst().contains(where: \.partHasLevelOneHeading) {
      read(MarkdownDocument.parse(source).root)
      return
    }
    for part in parts { append(part) }
    renumberAfterJoining()
    collectVariables()
  }

  /// Reads top-level units in order.
  mutating func read(_ units: ArraySlice<DocumentUnit>) {
    for unit in units {
      switch unit {
      case .title(let heading):
        title = heading.plainText.trimmingCharacters(in: " \t")
      case .introduction(let block):
        collectGallery(block)
        collectLinks(block)
        if let credentials = credentialsBlock(block) {
          credentialsBlocks.append(credentials)
        } else if let body = bodyBlock(block, condition: nil) {
          introduction.append(body)
        }
      case .section(let heading, let blocks, let omitted):
        readSection(heading: heading, blocks: blocks, omitted: omitted)
      }
    }
  }

  /// Appends what another reader read (of the units after this reader's).
  mutating func append(_ other: DocumentReader) {
    if title == nil { title = other.title }
    introduction += other.introduction
    stages += other.stages
    sections += other.sections
    credentialsBlocks += other.credentialsBlocks
    screenshotUses += other.screenshotUses
    links += other.links
    conditionUses += other.conditionUses
    problems += other.problems
    sectionOrder += other.sectionOrder
    sectionSlugs += other.sectionSlugs
  }

  /// Numbers the stages and the repeated section slugs again, in document order, as one pass
  /// over the joined parts would have.
  mutating func renumberAfterJoining() {
    for index in stages.indices { stages[index].number = index + 1 }
    var taken: Set<String> = []
    var stageIndex = 0
    var sectionIndex = 0
    for isStage in sectionOrder {
      if isStage {
        taken.insert(stages[stageIndex].id)
        stageIndex += 1
        continue
      }
      if let slug = sectionSlugs[sectionIndex] {
        var sectionID = slug
        var suffix = 0
        while taken.contains(sectionID) {
          suffix += 1
          sectionID = "\(slug)-\(suffix)"
        }
        sections[sectionIndex].id = sectionID
      }
      taken.insert(sections[sectionIndex].id)
      sectionIndex += 1
    }
    sectionAndStageIDs = taken
  }

  /// The `yaml credentials` code block a block is, with its range, or `nil`.
  func credentialsBlock(_ block: MarkdownNode) -> (literal: String, range: SourceRange)? {
    CredentialsBlock.match(block)
  }
}
