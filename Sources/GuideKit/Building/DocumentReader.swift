import CommonMark
import Foundation
import OnboardDiagnostics
import OnboardSupport

/// A screenshot named somewhere in the guide.
struct ScreenshotUse {
  var path: String
  var caption: String
  var location: DiagnosticLocation
  /// The step it illustrates, or `nil` for a gallery image.
  var stepID: String?
}

/// One pass over the document's top-level blocks, collecting the guide's parts.
struct DocumentReader {
  let file: String
  let source: SourceText
  let paragraphs: ParagraphReader

  var title: String?
  var introduction: [Block] = []
  var stages: [Stage] = []
  var sections: [Section] = []
  var credentialsBlocks: [(literal: String, range: SourceRange)] = []
  var screenshotUses: [ScreenshotUse] = []
  var links: [Reference] = []
  var variableUses: [(name: String, location: DiagnosticLocation)] = []
  var conditionUses: [(condition: Condition, location: DiagnosticLocation, text: String)] = []
  var diagnostics: [Diagnostic] = []
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
  }

  func location(_ range: SourceRange?) -> DiagnosticLocation {
    guard let range else { return DiagnosticLocation(file: file, line: 1, column: 1) }
    return DiagnosticLocation(file: file, line: range.start.line, column: range.start.column)
  }

  // MARK: - Top level

  /// A top-level part of the document: the title heading, a block before the first section (or
  /// after a later `#` heading), or a `##` section with its blocks.
  enum Unit {
    case title(MarkdownNode)
    case introduction(MarkdownNode)
    case section(heading: MarkdownNode, blocks: [MarkdownNode], omitted: Bool)
  }

  /// Whether a block is the marker that leaves the next `##` section out of generated outputs:
  /// an HTML comment `<!-- onboard: omit -->` on its own.
  static func isOmitMarker(_ block: MarkdownNode) -> Bool {
    guard block.type == .htmlBlock, case .htmlBlock(let html) = block.kind else { return false }
    let trimmed = html.trimmingCharacters(in: " \t\n\r")
    guard trimmed.hasPrefix("<!--"), trimmed.hasSuffix("-->") else { return false }
    let words = trimmed.dropFirst(4).dropLast(3).split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
    return words == ["onboard:", "omit"]
  }

  /// Reads a guide parsed in one piece, in one pass. (A guide parsed in parts is read part by
  /// part: ``readPart(_:first:)`` and ``join(_:)``.)
  mutating func read(_ root: MarkdownNode) {
    read(Self.units(of: [root])[...])
    collectVariables()
  }

  /// The document's top-level units, in order (the blocks being the children of `roots`). The
  /// first `#` heading is the title; a later `#` heading ends the section it is in.
  /// - Parameter laterPart: the roots are a part of a guide after its first part, which starts
  ///   at a `##` heading: any `#` heading in it is read as a later one (``join(_:)`` reads the
  ///   guide again in the rare case that the first part has no title).
  static func units(of roots: [MarkdownNode], laterPart: Bool = false) -> [Unit] {
    var units: [Unit] = []
    var sectionHeading: MarkdownNode?
    var sectionOmitted = false
    var sectionBlocks: [MarkdownNode] = []
    var pendingOmit: MarkdownNode?
    var sawFirstSection = laterPart
    var sawTitle = laterPart
    func place(_ block: MarkdownNode) {
      if sawFirstSection && sectionHeading != nil {
        sectionBlocks.append(block)
      } else {
        units.append(.introduction(block))
      }
    }
    for block in roots.lazy.flatMap(\.children) {
      if case .heading(let level) = block.kind, level <= 2 {
        if level == 1 && !sawTitle {
          if let marker = pendingOmit { place(marker) }
          pendingOmit = nil
          sawTitle = true
          units.append(.title(block))
          continue
        }
        if let heading = sectionHeading {
          units.append(.section(heading: heading, blocks: sectionBlocks, omitted: sectionOmitted))
        }
        sectionBlocks = []
        if level == 2 {
          sectionHeading = block
          sectionOmitted = pendingOmit != nil
          sawFirstSection = true
        } else {
          if let marker = pendingOmit { place(marker) }
          sectionHeading = nil
        }
        pendingOmit = nil
        continue
      }
      if let marker = pendingOmit { place(marker) }
      pendingOmit = Self.isOmitMarker(block) ? block : nil
      if pendingOmit == nil { place(block) }
    }
    if let marker = pendingOmit { place(marker) }
    if let heading = sectionHeading {
      units.append(.section(heading: heading, blocks: sectionBlocks, omitted: sectionOmitted))
    }
    return units
  }

  /// Reads one part of a guide parsed in parts (see ``GuideParse``) with a reader of its own,
  /// which starts as this one is; ``join(_:)`` puts the parts together.
  /// - Parameters:
  ///   - root: the part's document.
  ///   - first: whether it is the guide's first part.
  func readPart(_ root: MarkdownNode, first: Bool) -> DocumentReader {
    var part = self
    part.read(Self.units(of: [root], laterPart: !first)[...])
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

  mutating func read(_ units: ArraySlice<Unit>) {
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
    diagnostics += other.diagnostics
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

  func credentialsBlock(_ block: MarkdownNode) -> (literal: String, range: SourceRange)? {
    CredentialsBlock.match(block)
  }

  // MARK: - Sections and stages

  mutating func readSection(heading: MarkdownNode, blocks: [MarkdownNode], omitted: Bool = false) {
    let (explicitID, headingTitle) = anchorAndTitle(heading)
    let stageID = explicitID ?? Slug.make(headingTitle)
    let headingLocation = location(heading.range)

    let hasListSteps = blocks.contains {
      if case .list(let info) = $0.kind { return info.ordered } else { return false }
    }
    let hasHeadingSteps = blocks.contains { if case .heading(3) = $0.kind { return true } else { return false } }

    guard hasListSteps || hasHeadingSteps else {
      readPlainSection(
        id: stageID, explicitID: explicitID, title: headingTitle, location: headingLocation, blocks: blocks,
        omitted: omitted, titleMarkdown: headingMarkdown(heading))
      return
    }

    var stage = Stage(
      id: stageID, hasExplicitID: explicitID != nil, title: headingTitle, number: stages.count + 1,
      location: headingLocation)
    if explicitID == nil {
      diagnostics.append(
        Diagnostic(
          severity: .note, ruleID: GuideRules.derivedID,
          message:
            "The stage '\(headingTitle)' has no explicit id; '\(stageID)' is derived from its heading and changes if the heading does.",
          location: headingLocation,
          fix: "Start the heading with <a id=\"\(stageID)\"></a>."))
    }
    var conditions = ConditionStack()
    var index = 0
    var stepNumber = 0
    while index < blocks.count {
      let block = blocks[index]
      if let marker = conditionMarker(block) {
        apply(marker, to: &conditions, at: block)
        index += 1
        continue
      }
      if case .list(let info) = block.kind, info.ordered {
        stage.steps.reserveCapacity(stage.steps.count + block.children.underestimatedCount)
        for item in block.children {
          stepNumber += 1
          // Built in place in the array: a step is a dozen arrays and strings to copy.
          stage.steps.append(readListStep(item, stageID: stageID, number: stepNumber))
          stage.steps[stage.steps.count - 1].inheritedCondition = conditions.combined
        }
        index += 1
        continue
      }
      if case .heading(3) = block.kind {
        var end = index + 1
        while end < blocks.count {
          if case .heading(let level) = blocks[end].kind, level <= 3 { break }
          end += 1
        }
        stepNumber += 1
        var step = readHeadingStep(
          heading: block, blocks: Array(blocks[(index + 1)..<end]), stageID: stageID, number: stepNumber)
        step.inheritedCondition = conditions.combined
        stage.steps.append(step)
        index = end
        continue
      }
      readStageBlock(block, into: &stage, condition: conditions.combined)
      index += 1
    }
    conditions.reportUnclosed(into: &diagnostics, file: file)
    if let stageCondition = stage.condition {
      for index in stage.steps.indices {
        let inherited = stage.steps[index].inheritedCondition
        stage.steps[index].inheritedCondition = inherited.map { .and(stageCondition, $0) } ?? stageCondition
      }
    }
    sectionAndStageIDs.insert(stage.id)
    sectionOrder.append(true)
    stages.append(stage)
  }

  mutating func readPlainSection(
    id: String, explicitID: String?, title: String, location: DiagnosticLocation, blocks: [MarkdownNode],
    omitted: Bool = false, titleMarkdown: String? = nil
  ) {
    var holdsCredentials = false
    var body: [Block] = []
    var stageAttribute: Attribute?
    var conditions = ConditionStack()
    for block in blocks {
      if let marker = conditionMarker(block) {
        apply(marker, to: &conditions, at: block)
        continue
      }
      if let credentials = credentialsBlock(block) {
        credentialsBlocks.append(credentials)
        holdsCredentials = true
        continue
      }
      collectGallery(block)
      collectLinks(block)
      if case .paragraph = block.kind {
        for line in paragraphs.lines(of: block) {
          if case .attribute(let attribute) = paragraphs.label(of: line), stageAttribute == nil {
            stageAttribute = attribute
          }
        }
      }
      if case .blockQuote = block.kind, let first = block.children.first(where: { _ in true }),
        case .paragraph = first.kind, let line = paragraphs.lines(of: first).first,
        case .attribute(let attribute) = paragraphs.label(of: line), stageAttribute == nil
      {
        stageAttribute = attribute
      }
      if let part = bodyBlock(block, condition: conditions.combined) { body.append(part) }
    }
    conditions.reportUnclosed(into: &diagnostics, file: file)
    if let attribute = stageAttribute {
      diagnostics.append(
        Diagnostic(
          severity: .warning, ruleID: GuideRules.sectionWithoutSteps,
          message:
            "The section '\(title)' has a **\(attribute.label.rawValue):** attribute but no steps, so it is not a stage and the attribute does nothing.",
          location: attribute.location,
          fix: "Add the steps as an ordered list (1. …) or ### headings, or remove the attribute."))
    } else if let explicitID {
      diagnostics.append(
        Diagnostic(
          severity: .warning, ruleID: GuideRules.sectionWithoutSteps,
          message: "The section '\(title)' has the explicit id '\(explicitID)' but no steps, so it is not a stage.",
          location: location,
          fix: "Add the steps as an ordered list (1. …) or ### headings, or drop the id if it is background prose."))
    }
    var sectionID = id
    if explicitID == nil {
      // GitHub numbers repeated heading slugs: notes, notes-1, notes-2.
      var suffix = 0
      while sectionAndStageIDs.contains(sectionID) {
        suffix += 1
        sectionID = "\(id)-\(suffix)"
      }
    }
    sectionAndStageIDs.insert(sectionID)
    sectionOrder.append(false)
    sectionSlugs.append(explicitID == nil ? id : nil)
    sections.append(
      Section(
        id: sectionID, title: title, body: body, location: location, holdsCredentials: holdsCredentials,
        hasExplicitID: explicitID != nil, omitted: omitted, titleMarkdown: titleMarkdown))
  }

  mutating func readStageBlock(_ block: MarkdownNode, into stage: inout Stage, condition: Condition?) {
    collectLinks(block)
    if let credentials = credentialsBlock(block) {
      credentialsBlocks.append(credentials)
      return
    }
    if case .blockQuote = block.kind {
      if let note = readNote(block, condition: condition) {
        stage.notes.append(note)
        stage.parts.append(.note(stage.notes.count - 1))
        return
      }
      if let attributes = blockQuoteAttributes(block), !attributes.isEmpty {
        for attribute in attributes { applyStage(attribute, to: &stage) }
        return
      }
    }
    if case .paragraph = block.kind {
      var rest: [ParagraphLine] = []
      for item in paragraphs.items(of: block) {
        switch item {
        case .attribute(let attribute): applyStage(attribute, to: &stage)
        case .misspelt(let line, let text, let close, let at):
          reportMisspelt(text, close, at)
          rest.append(line)
        case .content(let line): rest.append(line)
        }
      }
      if !rest.isEmpty {
        stage.body.append(
          Block(
            markdown: paragraphs.markdown(of: rest), condition: condition,
            location: location(block.range)))
        stage.parts.append(.block(stage.body.count - 1))
      }
      collectGallery(block)
      return
    }
    collectGallery(block)
    if let body = bodyBlock(block, condition: condition) {
      stage.body.append(body)
      stage.parts.append(.block(stage.body.count - 1))
    }
  }

  mutating func applyStage(_ attribute: Attribute, to stage: inout Stage) {
    switch attribute.label {
    case .requires:
      let (references, precondition) = readRequires(attribute)
      stage.requires += references
      if let precondition { stage.preconditions.append(precondition) }
    case .when:
      if let condition = readCondition(attribute) {
        stage.condition = stage.condition.map { .and($0, condition) } ?? condition
      }
    case .who: stage.who = attribute.plainText
    case .duration: stage.duration = attribute.plainText
    case .produces, .consumes, .check, .screenshot:
      diagnostics.append(
        Diagnostic(
          severity: .warning, ruleID: GuideRules.unknownAttribute,
          message: "**\(attribute.label.rawValue):** belongs to a step, not to a stage; here it is ignored.",
          location: attribute.location, fix: "Move the line into the step it belongs to."))
    }
  }

  // MARK: - Steps

  mutating func readListStep(_ item: MarkdownNode, stageID: String, number: Int) -> Step {
    let children = Array(item.children)
    var step = Step(
      id: stageID + "/" + String(number), hasExplicitID: false, stageID: stageID, number: number, title: "",
      titleMarkdown: "", location: location(item.range))
    let derivedID = step.id
    let firstUse = screenshotUses.count
    readStepContent(children, into: &step, titleFromFirstParagraph: true)
    if step.id != derivedID {
      // Only this step's uses, so that the pass stays linear in the guide's size.
      for index in firstUse..<screenshotUses.count where screenshotUses[index].stepID == derivedID {
        screenshotUses[index].stepID = step.id
      }
      for index in step.checks.indices { step.checks[index].id = "\(step.id)#check-\(index + 1)" }
    }
    finishStepID(&step, stageID: stageID)
    return step
  }

  mutating func readHeadingStep(heading: MarkdownNode, blocks: [MarkdownNode], stageID: String, number: Int) -> Step {
    let (explicitID, title) = anchorAndTitle(heading)
    var step = Step(
      id: explicitID ?? stageID + "/" + String(number), hasExplicitID: explicitID != nil, stageID: stageID,
      number: number, title: title, titleMarkdown: headingMarkdown(heading), location: location(heading.range))
    readStepContent(blocks, into: &step, titleFromFirstParagraph: false)
    if explicitID == nil { finishStepID(&step, stageID: stageID) }
    return step
  }

  mutating func finishStepID(_ step: inout Step, stageID: String) {
    guard !step.hasExplicitID else { return }
    diagnostics.append(
      Diagnostic(
        severity: .note, ruleID: GuideRules.derivedID,
        message:
          "Step \(step.number) of '\(stageID)' has no explicit id; '\(step.id)' is derived from its position and changes if steps move.",
        location: step.location,
        fix: "Start the step with <a id=\"…\"></a> naming what it does."))
  }

  mutating func readStepContent(_ blocks: [MarkdownNode], into step: inout Step, titleFromFirstParagraph: Bool) {
    var conditions = ConditionStack()
    var needTitle = titleFromFirstParagraph
    for block in blocks {
      // Before the blocks skipped below: those (HTML and code blocks) hold no links or images.
      collectLinksAndImages(block, into: &step)
      if let marker = conditionMarker(block) {
        apply(marker, to: &conditions, at: block)
        continue
      }
      if let credentials = credentialsBlock(block) {
        credentialsBlocks.append(credentials)
        continue
      }
      if needTitle, block.type == .htmlBlock, case .htmlBlock(let html) = block.kind, let id = Anchor.id(in: html) {
        step.id = id
        step.hasExplicitID = true
        continue
      }
      switch block.type {
      case .paragraph:
        var rest: [ParagraphLine] = []
        var titleLines: [ParagraphLine] = []
        for item in paragraphs.items(of: block) {
          switch item {
          case .attribute(let attribute):
            applyStep(attribute, to: &step)
          case .misspelt(let line, let text, let close, let at):
            reportMisspelt(text, close, at)
            if needTitle { titleLines.append(line) } else { rest.append(line) }
          case .content(let line):
            if needTitle { titleLines.append(line) } else { rest.append(line) }
          }
        }
        if needTitle {
          needTitle = false
          setTitle(titleLines, of: &step)
        }
        if rest.contains(where: { line in line.nodes.allSatisfy { $0.type == .image } }) {
          rest.removeAll { line in
            line.nodes.allSatisfy { $0.type == .image }
          }
        }
        if !rest.isEmpty {
          step.body.append(
            Block(
              markdown: paragraphs.markdown(of: rest), condition: conditions.combined,
              location: location(block.range)))
          step.parts.append(.block(step.body.count - 1))
        }
      case .blockQuote:
        if let note = readNote(block, condition: conditions.combined) {
          step.notes.append(note)
          step.parts.append(.note(step.notes.count - 1))
        } else if let attributes = blockQuoteAttributes(block), !attributes.isEmpty {
          for attribute in attributes { applyStep(attribute, to: &step) }
        } else {
          if let body = bodyBlock(block, condition: conditions.combined) {
            step.body.append(body)
            step.parts.append(.block(step.body.count - 1))
          }
        }
      default:
        if needTitle, block.type == .heading {
          needTitle = false
          let (explicitID, title) = anchorAndTitle(block)
          if let explicitID {
            step.id = explicitID
            step.hasExplicitID = true
          }
          step.title = title
          step.titleMarkdown = headingMarkdown(block)
          continue
        }
        if let body = bodyBlock(block, condition: conditions.combined) {
          step.body.append(body)
          step.parts.append(.block(step.body.count - 1))
        }
      }
    }
    conditions.reportUnclosed(into: &diagnostics, file: file)
  }

  mutating func setTitle(_ lines: [ParagraphLine], of step: inout Step) {
    var plain: [UInt8] = []
    var markdown: [UInt8] = []
    for (index, line) in lines.enumerated() {
      for node in line.nodes {
        switch node.type {
        case .htmlInline:
          if !step.hasExplicitID, let id = node.withLiteralUTF8({ Anchor.id(inUTF8: $0) }) {
            step.id = id
            step.hasExplicitID = true
          }
        case .image: continue
        default: node.appendPlainText(to: &plain)
        }
      }
      plain.append(0x20)
      if index > 0 { markdown.append(0x0A) }
      let lineRange = paragraphs.markdownRange(of: line)
      markdown.append(contentsOf: source.bytes[Anchor.strip(source.bytes[lineRange])])
    }
    step.title = String(decoding: plain[UTF8Scan.trimmed(plain[...], UTF8Scan.spaceTab)], as: UTF8.self)
    step.titleMarkdown = String(decoding: markdown[UTF8Scan.trimmed(markdown[...], UTF8Scan.spaceTab)], as: UTF8.self)
  }

  mutating func applyStep(_ attribute: Attribute, to step: inout Step) {
    switch attribute.label {
    case .requires:
      let (references, precondition) = readRequires(attribute)
      step.requires += references
      if let precondition { step.preconditions.append(precondition) }
    case .produces: step.produces += credentialKeys(attribute)
    case .consumes: step.consumes += credentialKeys(attribute)
    case .check:
      if attribute.markdown.isEmpty {
        reportEmpty(attribute)
      } else {
        step.checks.append(
          Check(
            id: "\(step.id)#check-\(step.checks.count + 1)", markdown: attribute.markdown,
            text: attribute.plainText, location: attribute.location))
        step.parts.append(.check(step.checks.count - 1))
      }
    case .screenshot:
      var found = false
      for node in attribute.nodes {
        switch node.kind {
        case .link(let destination, _), .image(let destination, _):
          found = true
          let caption = node.plainText.trimmingCharacters(in: " \t")
          if caption.isEmpty { reportMissingAlt(node) }
          step.screenshots.append(
            ScreenshotReference(path: destination, caption: caption, location: location(node.range)))
          step.parts.append(.screenshot(step.screenshots.count - 1))
          screenshotUses.append(
            ScreenshotUse(path: destination, caption: caption, location: location(node.range), stepID: step.id))
        default: break
        }
      }
      if !found { reportEmpty(attribute, expected: "a link to an image file, like [Caption](images/file.png)") }
    case .when:
      if let condition = readCondition(attribute) {
        step.condition = step.condition.map { .and($0, condition) } ?? condition
      }
    case .who: step.who = attribute.plainText
    case .duration: step.duration = attribute.plainText
    }
  }

  // MARK: - Attributes

  mutating func readRequires(_ attribute: Attribute) -> ([Reference], Precondition?) {
    var references: [Reference] = []
    var proseBytes: [UInt8] = []
    for node in attribute.nodes {
      if node.type == .link, case .link(let destination, _) = node.kind, destination.hasPrefix("#") {
        references.append(Reference(target: String(destination.dropFirst()), location: location(node.range)))
      } else {
        node.appendPlainText(to: &proseBytes)
      }
    }
    if attribute.nodes.isEmpty { reportEmpty(attribute) }
    var hasProse = false
    if proseBytes.allSatisfy({ $0 < 0x80 }) {
      // Plain ASCII: words are runs of letters and digits.
      var word: [UInt8] = []
      for byte in proseBytes + [0x20] {
        if (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) {
          word.append(byte | (byte >= 0x41 ? 0x20 : 0))
        } else if !word.isEmpty {
          if !Self.requiresFiller.contains(String(decoding: word, as: UTF8.self)) {
            hasProse = true
            break
          }
          word.removeAll(keepingCapacity: true)
        }
      }
    } else {
      let prose = String(decoding: proseBytes, as: UTF8.self)
      let words = prose.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { $0.lowercased() }
      hasProse = words.contains { !Self.requiresFiller.contains($0) }
    }
    let precondition =
      hasProse
      ? Precondition(markdown: attribute.markdown, text: attribute.plainText, location: attribute.location) : nil
    return (references, precondition)
  }

  /// Words in a **Requires:** line that say nothing beyond its links.
  static let requiresFiller: Set<String> = ["and", "or", "after", "step", "steps", "stage", "see", "the", "first"]

  mutating func credentialKeys(_ attribute: Attribute) -> [CredentialReference] {
    var keys: [CredentialReference] = []
    for node in attribute.nodes {
      if node.type == .code, case .code(let key) = node.kind {
        keys.append(CredentialReference(key: key.trimmingCharacters(in: " \t"), location: location(node.range)))
      }
    }
    if keys.isEmpty {
      var column = attribute.valueLocation.column
      for part in attribute.markdown.split(separator: ",", omittingEmptySubsequences: false) {
        let word = String(part).trimmingCharacters(in: " \t")
        let leading = part.prefix { $0 == " " || $0 == "\t" }.utf8.count
        if !word.isEmpty {
          keys.append(
            CredentialReference(
              key: word,
              location: DiagnosticLocation(file: file, line: attribute.valueLocation.line, column: column + leading)))
        }
        column += part.utf8.count + 1
      }
    }
    if keys.isEmpty { reportEmpty(attribute, expected: "credential keys in backticks, like `api_key`") }
    return keys
  }

  mutating func readCondition(_ attribute: Attribute) -> Condition? {
    var text = attribute.markdown
    var column = attribute.valueLocation.column
    if text.hasPrefix("`") && text.hasSuffix("`") && text.count >= 2 {
      text = String(text.dropFirst().dropLast())
      column += 1
    }
    return parseCondition(text, line: attribute.valueLocation.line, column: column)
  }

  mutating func parseCondition(_ text: String, line: Int, column: Int) -> Condition? {
    do {
      let condition = try ConditionParser.parse(text)
      conditionUses.append((condition, DiagnosticLocation(file: file, line: line, column: column), text))
      return condition
    } catch let error as ConditionParser.SyntaxError {
      diagnostics.append(
        Diagnostic(
          severity: .error, ruleID: GuideRules.malformedCondition,
          message: "This condition cannot be read: \(error.message).",
          location: DiagnosticLocation(file: file, line: line, column: column + error.offset),
          fix: "Write conditions like: marketplace in [UK, DE] and not credential_source == \"code\"."))
      return nil
    } catch {
      return nil
    }
  }

  func blockQuoteAttributes(_ quote: MarkdownNode) -> [Attribute]? {
    guard let first = quote.children.first(where: { _ in true }), case .paragraph = first.kind else { return nil }
    var attributes: [Attribute] = []
    for item in paragraphs.items(of: first) {
      if case .attribute(let attribute) = item { attributes.append(attribute) }
    }
    return attributes
  }

  // MARK: - Notes

  mutating func readNote(_ quote: MarkdownNode, condition: Condition?) -> Note? {
    guard let first = quote.children.first(where: { _ in true }), first.type == .paragraph,
      let firstNode = paragraphs.firstLineFirstNode(of: first)
    else { return nil }
    var kind: Note.Kind?
    if firstNode.type == .strong {
      kind = firstNode.withPlainTextUTF8 { bytes -> Note.Kind? in
        guard bytes.allSatisfy({ $0 < 0x80 }) else {
          var label = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: " \t")
          if label.hasSuffix(":") { label.removeLast() }
          return Note.Kind(rawValue: label.lowercased())
        }
        // Plain ASCII: each byte is a character.
        var start = 0
        var end = bytes.count
        while start < end && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
        while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
        if end > start && bytes[end - 1] == UInt8(ascii: ":") { end -= 1 }
        let label = bytes[start..<end]
        return Note.Kind.allCases.first { kind in
          kind.rawValue.utf8.count == label.count
            && zip(kind.rawValue.utf8, label).allSatisfy { $0 == $1 | 0x20 && $0 >= 0x61 }
        }
      }
    } else if firstNode.type == .text, case .text(let value) = firstNode.kind, value.hasPrefix("[!") {
      let label = value.dropFirst(2).prefix { $0 != "]" }
      kind = Note.Kind(rawValue: label.lowercased())
    }
    guard let kind else { return nil }
    let markdown = NoteText.body(of: quote, source: source)
    return Note(kind: kind, markdown: markdown, location: location(quote.range), condition: condition)
  }

  // MARK: - Bodies, images, links

  func bodyBlock(_ block: MarkdownNode, condition: Condition?) -> Block? {
    guard let range = block.range else { return nil }
    if case .codeBlock(_, let literal) = block.kind, !isFenced(block, at: range) {
      // An indented code block starts at its code, four columns right of the text around it:
      // dedenting it by its start column would make it a paragraph. It is written as a fenced
      // block, which means the same wherever an output puts it (in a list item, a quote).
      return Block(markdown: Self.fenced(literal), condition: condition, location: location(range))
    }
    let markdown = Dedent.lines(source, from: range.start.line, to: range.end.line, indent: range.start.column - 1)
    var images: [ScreenshotReference] = []
    if block.type == .paragraph {
      for child in block.children {
        switch child.kind {
        case .image(let path, _):
          images.append(
            ScreenshotReference(
              path: path, caption: child.plainText.trimmingCharacters(in: " \t"), location: location(child.range)))
        case .softBreak, .lineBreak: continue
        case .text(let text) where text.allSatisfy({ $0 == " " || $0 == "\t" }): continue
        default:
          images = []
          return Block(markdown: markdown, condition: condition, location: location(range))
        }
      }
    }
    return Block(markdown: markdown, condition: condition, location: location(range), images: images)
  }

  /// Whether a code block is fenced (its first line starts with ``` or ~~~).
  func isFenced(_ block: MarkdownNode, at range: SourceRange) -> Bool {
    let first = source.line(range.start.line).drop { $0 == " " || $0 == "\t" || $0 == ">" }
    return first.hasPrefix("```") || first.hasPrefix("~~~")
  }

  /// Code as a fenced code block whose fence is longer than any run of backticks in it.
  static func fenced(_ literal: String) -> String {
    var longest = 0
    var run = 0
    for character in literal {
      run = character == "`" ? run + 1 : 0
      longest = max(longest, run)
    }
    let fence = String(repeating: "`", count: max(3, longest + 1))
    var code = literal
    if !code.hasSuffix("\n") { code += "\n" }
    return fence + "\n" + code + fence
  }

  /// Collects a step block's `#id` links (as ``collectLinks(_:)``) and its images (as the step's
  /// screenshots), in one walk over its nodes.
  mutating func collectLinksAndImages(_ block: MarkdownNode, into step: inout Step) {
    if block.type == .image { collectImage(block, stepID: step.id, into: &step) }
    block.forEachDescendant(ofType: .link, or: .image) { node in
      if node.type == .link {
        collectLink(node)
      } else {
        collectImage(node, stepID: step.id, into: &step)
      }
    }
  }

  private mutating func collectImage(_ node: MarkdownNode, stepID: String, into step: inout Step) {
    guard case .image(let sourcePath, _) = node.kind else { return }
    let caption = node.plainText.trimmingCharacters(in: " \t")
    if caption.isEmpty { reportMissingAlt(node) }
    step.screenshots.append(ScreenshotReference(path: sourcePath, caption: caption, location: location(node.range)))
    step.parts.append(.screenshot(step.screenshots.count - 1))
    screenshotUses.append(
      ScreenshotUse(path: sourcePath, caption: caption, location: location(node.range), stepID: stepID))
  }

  mutating func collectGallery(_ block: MarkdownNode) {
    if block.type == .image { collectGalleryImage(block) }
    block.forEachDescendant(ofType: .image) { collectGalleryImage($0) }
  }

  private mutating func collectGalleryImage(_ node: MarkdownNode) {
    guard case .image(let sourcePath, _) = node.kind else { return }
    let caption = node.plainText.trimmingCharacters(in: " \t")
    if caption.isEmpty { reportMissingAlt(node) }
    screenshotUses.append(
      ScreenshotUse(path: sourcePath, caption: caption, location: location(node.range), stepID: nil))
  }

  mutating func collectLinks(_ block: MarkdownNode) {
    block.forEachDescendant(ofType: .link) { collectLink($0) }
  }

  /// Keeps a link to an `#id`.
  private mutating func collectLink(_ node: MarkdownNode) {
    // Most links are not `#id` links: look at the first byte before making strings.
    guard node.withLiteralUTF8({ $0.first == UInt8(ascii: "#") }) else { return }
    if case .link(let destination, _) = node.kind, destination.hasPrefix("#"), destination.count > 1 {
      links.append(Reference(target: String(destination.dropFirst()), location: location(node.range)))
    }
  }

  mutating func collectVariables() {
    let excluded = credentialsBlocks.map { $0.range.start.line...$0.range.end.line }
    for occurrence in VariableText.occurrences(inUTF8: source.bytes) {
      let at = source.location(ofOffset: occurrence.offset)
      if excluded.contains(where: { $0.contains(at.line) }) { continue }
      variableUses.append((occurrence.name, DiagnosticLocation(file: file, line: at.line, column: at.column)))
    }
  }

  // MARK: - Conditions in HTML comments

  enum ConditionMarker {
    case open(String, column: Int)
    case close
  }

  func conditionMarker(_ block: MarkdownNode) -> ConditionMarker? {
    guard block.type == .htmlBlock, case .htmlBlock(let html) = block.kind else { return nil }
    let trimmed = html.trimmingCharacters(in: " \t\n\r")
    guard trimmed.hasPrefix("<!--"), trimmed.hasSuffix("-->") else { return nil }
    let inner = String(trimmed.dropFirst(4).dropLast(3))
    let content = inner.trimmingCharacters(in: " \t\n\r")
    if content == "end" || content == "end when" { return .close }
    guard content.hasPrefix("when:") else { return nil }
    let condition = String(content.dropFirst(5))
    let leadingInner = inner.prefix { $0 == " " || $0 == "\t" }.utf8.count
    let leadingCondition = condition.prefix { $0 == " " || $0 == "\t" }.utf8.count
    let column = (block.range?.start.column ?? 1) + 4 + leadingInner + 5 + leadingCondition
    return .open(condition.trimmingCharacters(in: " \t\n\r"), column: column)
  }

  mutating func apply(_ marker: ConditionMarker, to stack: inout ConditionStack, at block: MarkdownNode) {
    switch marker {
    case .open(let text, let column):
      let parsed = parseCondition(text, line: block.range?.start.line ?? 1, column: column)
      stack.push(parsed, at: location(block.range))
    case .close:
      if !stack.pop() {
        diagnostics.append(
          Diagnostic(
            severity: .error, ruleID: GuideRules.unclosedCondition,
            message: "This <!-- end --> closes no <!-- when: … --> region.", location: location(block.range),
            fix: "Remove it, or add the <!-- when: … --> it should close."))
      }
    }
  }

  // MARK: - Helpers

  func anchorAndTitle(_ heading: MarkdownNode) -> (String?, String) {
    var id: String?
    var title: [UInt8] = []
    for child in heading.children {
      if child.type == .htmlInline {
        if id == nil { id = child.withLiteralUTF8 { Anchor.id(inUTF8: $0) } }
        continue
      }
      child.appendPlainText(to: &title)
    }
    return (id, String(decoding: title[UTF8Scan.trimmed(title[...], UTF8Scan.spaceTab)], as: UTF8.self))
  }

  func headingMarkdown(_ heading: MarkdownNode) -> String {
    guard let range = heading.range else { return "" }
    var text = source.line(range.start.line)
    while text.hasPrefix("#") { text.removeFirst() }
    return Anchor.strip(text.trimmingCharacters(in: " \t"))
  }

  mutating func reportMisspelt(_ text: String, _ close: Attribute.Label, _ at: DiagnosticLocation) {
    diagnostics.append(
      Diagnostic(
        severity: .warning, ruleID: GuideRules.unknownAttribute,
        message: "Unknown attribute label '\(text)'; did you mean '\(close.rawValue)'?", location: at,
        fix: "Write **\(close.rawValue):** — known labels are "
          + Attribute.Label.allCases.map(\.rawValue).joined(separator: ", ") + "."))
  }

  mutating func reportEmpty(_ attribute: Attribute, expected: String? = nil) {
    diagnostics.append(
      Diagnostic(
        severity: .warning, ruleID: GuideRules.emptyAttribute,
        message: "**\(attribute.label.rawValue):** has no value" + (expected.map { "; expected \($0)." } ?? "."),
        location: attribute.location))
  }

  mutating func reportMissingAlt(_ image: MarkdownNode) {
    diagnostics.append(
      Diagnostic(
        severity: .warning, ruleID: GuideRules.imageWithoutAlt,
        message: "This image has no alt text; it becomes the screenshot's caption and what screen readers say.",
        location: location(image.range), fix: "Describe the screen between the brackets: ![App overview](…)."))
  }
}
