import CommonMark
import Foundation
import OnboardDiagnostics
import OnboardSupport

// Reading `##` sections: stages with their steps and stage attributes, and plain sections.

extension DocumentReader {
  /// Reads a `##` section: a stage when it has steps (an ordered list or `###` headings), with
  /// its steps, body, notes and attributes and the `<!-- when: -->` regions around them;
  /// otherwise a plain section (read by `readPlainSection`).
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
    var conditions = ConditionStack()
    var index = 0
    var stepNumber = 0
    while index < blocks.count {
      let block = blocks[index]
      if let marker = ConditionMarker(block) {
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
    problems += conditions.openLocations.map { .unclosedCondition(at: $0) }
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

  /// Reads a `##` section without steps: its body, any credentials block, and a problem when it
  /// has a stage attribute or an explicit id. A derived id repeated in the guide is numbered as
  /// GitHub numbers heading slugs.
  mutating func readPlainSection(
    id: String, explicitID: String?, title: String, location: DiagnosticLocation, blocks: [MarkdownNode],
    omitted: Bool = false, titleMarkdown: String? = nil
  ) {
    var holdsCredentials = false
    var body: [Block] = []
    var stageAttribute: Attribute?
    var conditions = ConditionStack()
    for block in blocks {
      if let marker = ConditionMarker(block) {
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
    problems += conditions.openLocations.map { .unclosedCondition(at: $0) }
    if let attribute = stageAttribute {
      problems.append(
        .sectionWithoutSteps(
          title: title, attributeLabel: attribute.label.rawValue, explicitID: explicitID, at: attribute.location))
    } else if let explicitID {
      problems.append(.sectionWithoutSteps(title: title, attributeLabel: nil, explicitID: explicitID, at: location))
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

  /// Reads one block of a stage outside its steps: a note, attributes, or body text.
  mutating func readStageBlock(_ block: MarkdownNode, into stage: inout Stage, condition: Condition?) {
    collectLinks(block)
    if let credentials = credentialsBlock(block) {
      credentialsBlocks.append(credentials)
      return
    }
    if case .blockQuote = block.kind {
      if let note = noteReader.note(in: block, condition: condition) {
        stage.notes.append(note)
        stage.parts.append(.note(stage.notes.count - 1))
        return
      }
      if let attributes = attributeReader.blockQuoteAttributes(block), !attributes.isEmpty {
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
          problems.append(.misspeltAttribute(text: text, closest: close.rawValue, at: at))
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

  /// Applies a stage attribute; a step's attribute on a stage is a problem and is ignored.
  mutating func applyStage(_ attribute: Attribute, to stage: inout Stage) {
    switch attribute.label {
    case .requires:
      let (references, precondition) = attributeReader.requires(attribute, problems: &problems)
      stage.requires += references
      if let precondition { stage.preconditions.append(precondition) }
    case .when:
      if let condition = readCondition(attribute) {
        stage.condition = stage.condition.map { .and($0, condition) } ?? condition
      }
    case .who: stage.who = attribute.plainText
    case .duration: stage.duration = attribute.plainText
    case .produces, .consumes, .check, .screenshot:
      problems.append(.stepAttributeOnStage(label: attribute.label.rawValue, at: attribute.location))
    }
  }

  /// A heading's explicit id (its first `<a id="…"></a>`) and its plain-text title.
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

  /// A heading's text as written, without its `#` marks and anchor.
  func headingMarkdown(_ heading: MarkdownNode) -> String {
    guard let range = heading.range else { return "" }
    var text = source.line(range.start.line)
    while text.hasPrefix("#") { text.removeFirst() }
    return Anchor.strip(text.trimmingCharacters(in: " \t"))
  }
}
