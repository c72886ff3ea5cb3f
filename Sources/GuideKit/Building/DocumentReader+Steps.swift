import CommonMark
import Foundation
import OnboardDiagnostics
import OnboardSupport

// Reading a stage's steps: list items and `###` subsections, their titles, ids and attributes.

extension DocumentReader {
  /// Reads an ordered-list item as step `number` of a stage: its title is its first paragraph,
  /// its id an anchor there (or `stage/number`).
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
    return step
  }

  /// Reads a `###` heading and the blocks up to the next heading as step `number` of a stage.
  mutating func readHeadingStep(heading: MarkdownNode, blocks: [MarkdownNode], stageID: String, number: Int) -> Step {
    let (explicitID, title) = anchorAndTitle(heading)
    var step = Step(
      id: explicitID ?? stageID + "/" + String(number), hasExplicitID: explicitID != nil, stageID: stageID,
      number: number, title: title, titleMarkdown: headingMarkdown(heading), location: location(heading.range))
    readStepContent(blocks, into: &step, titleFromFirstParagraph: false)
    return step
  }

  /// Reads a step's blocks into it: its title (from the first paragraph or heading, when
  /// `titleFromFirstParagraph`), attributes, notes, body, links and images, under the
  /// `<!-- when: -->` regions opened among them (which must close within the step).
  mutating func readStepContent(_ blocks: [MarkdownNode], into step: inout Step, titleFromFirstParagraph: Bool) {
    var conditions = ConditionStack()
    var needTitle = titleFromFirstParagraph
    for block in blocks {
      // Before the blocks skipped below: those (HTML and code blocks) hold no links or images.
      collectLinksAndImages(block, into: &step)
      if let marker = ConditionMarker(block) {
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
            problems.append(.misspeltAttribute(text: text, closest: close.rawValue, at: at))
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
        if let note = noteReader.note(in: block, condition: conditions.combined) {
          step.notes.append(note)
          step.parts.append(.note(step.notes.count - 1))
        } else if let attributes = attributeReader.blockQuoteAttributes(block), !attributes.isEmpty {
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
    problems += conditions.openLocations.map { .unclosedCondition(at: $0) }
  }

  /// Sets a step's title (plain and as written) from its first paragraph's lines, and its id
  /// from an anchor in them.
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

  /// Applies a step attribute (an empty one is a problem).
  mutating func applyStep(_ attribute: Attribute, to step: inout Step) {
    switch attribute.label {
    case .requires:
      let (references, precondition) = attributeReader.requires(attribute, problems: &problems)
      step.requires += references
      if let precondition { step.preconditions.append(precondition) }
    case .produces: step.produces += attributeReader.credentialKeys(attribute, problems: &problems)
    case .consumes: step.consumes += attributeReader.credentialKeys(attribute, problems: &problems)
    case .check:
      if attribute.markdown.isEmpty {
        problems.append(.empty(attribute))
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
          if caption.isEmpty { problems.append(.imageWithoutAlt(at: location(node.range))) }
          step.screenshots.append(
            ScreenshotReference(path: destination, caption: caption, location: location(node.range)))
          step.parts.append(.screenshot(step.screenshots.count - 1))
          screenshotUses.append(
            ScreenshotUse(path: destination, caption: caption, location: location(node.range), stepID: step.id))
        default: break
        }
      }
      if !found {
        problems.append(.empty(attribute, expected: "a link to an image file, like [Caption](images/file.png)"))
      }
    case .when:
      if let condition = readCondition(attribute) {
        step.condition = step.condition.map { .and($0, condition) } ?? condition
      }
    case .who: step.who = attribute.plainText
    case .duration: step.duration = attribute.plainText
    }
  }
}
