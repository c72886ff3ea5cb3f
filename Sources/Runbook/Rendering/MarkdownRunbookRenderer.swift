import Escaping
import Foundation
import GuideKit
import PacketPlanning

/// Renders a runbook as CommonMark (with GitHub task-list boxes), for reading or printing from
/// a Markdown viewer.
///
/// It has the same parts as the HTML runbook: the facts and sign-off lines, contents, each
/// stage and step with a `- [ ]` box, notes as block quotes, screenshots as image links (or a
/// line naming a missing file), credential "stored in" lines and "confirmed by / date" lines.
/// Roster values are Markdown-escaped where they sit (see ``PacketPlanning/MarkdownFiller``); a generic
/// runbook shows `\_\_\_\_\_\_ (what goes here)` blanks.
public struct MarkdownRunbookRenderer: RunbookRenderer {
  /// The folder the Markdown file is written to: screenshot links are relative to it.
  public var outputDirectory: String
  /// Markdown.
  public var format: RunbookFormat { .md }

  /// Creates a renderer.
  /// - Parameter outputDirectory: where the file goes (the current folder by default).
  public init(outputDirectory: String = ".") {
    self.outputDirectory = outputDirectory
  }

  public func render(_ document: RunbookDocument) throws -> String {
    let filler: any RunbookFiller =
      document.seller == nil ? BlankFiller(guide: document.guide) : SellerFiller(variables: document.variables)
    var writer = MarkdownWriter(document: document, filler: filler, outputDirectory: outputDirectory)
    try writer.write()
    return writer.text
  }
}

/// Writes the Markdown, part by part.
private struct MarkdownWriter {
  let document: RunbookDocument
  let filler: any RunbookFiller
  let outputDirectory: String
  var text = ""

  private var guide: Guide { document.guide }
  private let escaper = MarkdownEscaper()
  private let line = String(repeating: "\\_", count: 14)
  private let shortLine = String(repeating: "\\_", count: 8)

  init(document: RunbookDocument, filler: any RunbookFiller, outputDirectory: String) {
    self.document = document
    self.filler = filler
    self.outputDirectory = outputDirectory
  }

  mutating func write() throws {
    cover()
    contents()
    if !document.introduction.isEmpty {
      for block in document.introduction { text += try blockMarkdown(block) + "\n\n" }
    }
    for section in document.leadingSections { try write(section) }
    for stage in document.stages { try write(stage) }
    credentials()
    while text.hasSuffix("\n\n") { text.removeLast() }
  }

  private func code(_ value: String) -> String {
    "`" + PlaceholderContext.codeText(value) + "`"
  }

  mutating func cover() {
    text += "# Runbook: \(escaper.escape(guide.title))\n\n"
    if document.isGeneric {
      text +=
        "Generic runbook: it has every step of the guide. Fill in the blanks by hand, and follow the steps marked *only when* only when their condition holds.\n\n"
    }
    text +=
      "- **Guide:** \(escaper.escape(guide.title)) (\(code(guide.metadata.id)), version \(escaper.escape(guide.metadata.version)))\n"
    let blanks = (filler as? BlankFiller) ?? BlankFiller(guide: guide)
    func blank(_ name: String) -> String { BlankFiller.markdownBlank + " " + escaper.escape(blanks.label(name)) }
    if let seller = document.seller {
      text += "- **Seller:** \(escaper.escape(seller.name))\n"
      text += "- **Seller id:** \(escaper.escape(seller.id))\n"
      text += "- **Account:** \(escaper.escape(seller.account))\n"
      if !seller.owner.display.isEmpty { text += "- **Account owner:** \(escaper.escape(seller.owner.display))\n" }
      for line in document.coverLines {
        text += "- **\(escaper.escape(line.label)):** \(filler.textMarkdown(line.value))\n"
      }
      text += "- **Credentials kept in:** \(escaper.escape(seller.credentialSource))\n"
    } else {
      text += "- **Seller:** \(blank("name"))\n"
      text += "- **Seller id:** \(blank("id"))\n"
      text += "- **Account:** \(blank("account"))\n"
      text += "- **Account owner:** \(blank("owner"))\n"
      for line in document.coverLines {
        let first = VariableText.occurrences(in: line.value).first?.name
        text += "- **\(escaper.escape(line.label)):** \(first.map(blank) ?? BlankFiller.markdownBlank)\n"
      }
      text += "- **Credentials kept in:** \(blank("credential_source"))\n"
    }
    text += "- **Date:** \(document.date)\n"
    let steps = document.steps.count
    let checks = document.steps.reduce(0) { $0 + $1.step.checks.count }
    text +=
      "- **Steps:** \(steps) step\(steps == 1 ? "" : "s") in \(document.stages.count) stage\(document.stages.count == 1 ? "" : "s"), \(checks) check\(checks == 1 ? "" : "s")\n\n"
    text += "## Sign-off\n\n"
    for role in ["Carried out by", "Checked by", "Signed off by"] {
      text += "- \(role): \(line) signature: \(line) date: \(shortLine)\n"
    }
    text += "\n"
  }

  mutating func contents() {
    text += "## Contents\n\n"
    for stage in document.stages {
      text += "\(stage.number). \(filler.textMarkdown(stage.stage.title))\n"
      for step in stage.steps {
        text += "   - \(step.label) \(filler.textMarkdown(step.step.title))\n"
      }
    }
    text += "\nThen: Credentials.\n\n"
  }

  mutating func write(_ stage: RunbookStage) throws {
    text += "## Stage \(stage.number): \(filler.textMarkdown(stage.stage.title))\n\n"
    meta(who: stage.stage.who, duration: stage.stage.duration)
    if let condition = stage.shownCondition { text += "*Only when* \(onlyWhenWords(condition))\n\n" }
    for precondition in stage.stage.preconditions {
      text += Self.quoted(try filler.markdown(precondition.markdown), label: "**Requires:** ") + "\n\n"
    }
    for part in stage.parts {
      switch part {
      case .block(let block): text += try blockMarkdown(block) + "\n\n"
      case .note(let note): try write(note)
      case .check, .screenshot: break  // a stage has neither
      }
    }
    for step in stage.steps { try write(step) }
    for section in stage.sectionsAfter { try write(section) }
  }

  /// A plain section of the guide: its heading and its blocks.
  mutating func write(_ section: Section) throws {
    let title = try filler.markdown(section.titleMarkdown).split(whereSeparator: \.isNewline).joined(separator: " ")
    text += "## \(title)\n\n"
    for block in section.body { text += try blockMarkdown(block) + "\n\n" }
  }

  mutating func write(_ planned: RunbookStep) throws {
    let step = planned.step
    let title = try filler.markdown(step.titleMarkdown).split(whereSeparator: \.isNewline).joined(separator: " ")
    text += "### \(planned.label) \(title)\n\n"
    text += "- [ ] Done (step \(code(step.id)))\n\n"
    meta(who: step.who, duration: step.duration)
    if let condition = planned.shownCondition { text += "*Only when* \(onlyWhenWords(condition))\n\n" }
    if planned.pulledIn {
      let requirers = planned.requiredBy.map { id -> String in
        guard let found = document.labelAndTitle(of: id) else { return escaper.escape(id) }
        return "\(found.label) (\(filler.textMarkdown(found.title)))"
      }
      text +=
        "*Included because \(requirers.isEmpty ? "a later step" : "step " + requirers.joined(separator: ", ")) requires it.*\n\n"
    }
    for precondition in step.preconditions {
      text += Self.quoted(try filler.markdown(precondition.markdown), label: "**Requires:** ") + "\n\n"
    }
    if !step.consumes.isEmpty {
      text += "**Uses:** \(step.consumes.map { code($0.key) }.joined(separator: ", ")).\n\n"
    }
    var inChecks = false
    for part in planned.parts {
      if case .check = part {
      } else if inChecks {
        text += "\n"
        inChecks = false
      }
      switch part {
      case .block(let block): text += try blockMarkdown(block) + "\n\n"
      case .note(let note): try write(note)
      case .screenshot(let reference): figure(reference)
      case .check(let check):
        let markdown = try filler.markdown(check.markdown).split(whereSeparator: \.isNewline).joined(separator: " ")
        text += "- **Check:** \(markdown)  \n  confirmed by \(line) date \(shortLine)\n"
        inChecks = true
      }
    }
    if inChecks { text += "\n" }
    for reference in step.produces {
      let title = guide.credentials[key: reference.key]?.title ?? reference.key
      text +=
        "**Credential:** \(escaper.escape(title)) (\(code(reference.key))), stored in: \(line) (write where it is kept, never the value)\n\n"
    }
  }

  mutating func write(_ note: Note) throws {
    if document.isGeneric, let condition = note.condition { text += "*Only when* \(onlyWhenWords(condition))\n\n" }
    text += Self.quoted(try filler.markdown(note.markdown), label: "**\(note.kind.label):** ") + "\n\n"
  }

  mutating func figure(_ reference: ScreenshotReference) {
    let screenshot = guide.screenshot(path: reference.path)
    let caption = reference.caption.isEmpty ? (screenshot?.caption ?? "") : reference.caption
    let captionText = filler.textMarkdown(caption)
    if let source = screenshot?.resolvedPath {
      let relative = RelativePath.from(directory: outputDirectory, to: source)
      text += "![\(captionText)](\(URLEscaper().escape(relative)))\n\n*\(captionText)*\n\n"
    } else {
      let name = screenshot?.fileName ?? reference.path
      text += "> **Screenshot not found:** \(escaper.escape(name))\n>\n> \(captionText)\n\n"
    }
  }

  private mutating func meta(who: String?, duration: String?) {
    var parts: [String] = []
    if let who { parts.append("**Who:** \(filler.textMarkdown(who))") }
    if let duration { parts.append("**Duration:** \(filler.textMarkdown(duration))") }
    if !parts.isEmpty { text += parts.joined(separator: " · ") + "\n\n" }
  }

  private func blockMarkdown(_ block: Block) throws -> String {
    if !block.images.isEmpty {
      // A paragraph of images: screenshots linked relative to the output (or a missing-file box).
      var writer = self
      writer.text = ""
      for reference in block.images { writer.figure(reference) }
      return String(writer.text.dropLast(2))
    }
    var markdown = try filler.markdown(block.markdown)
    if let language = block.runnable, Block.runLanguages.contains(language) {
      markdown += "\n\n*onboard walk can run this.*"
    }
    guard document.isGeneric, let condition = block.condition else { return markdown }
    return "*Only when* \(onlyWhenWords(condition)):\n\n" + markdown
  }

  /// A condition in words (see ``ConditionWording``), escaped for Markdown.
  private func onlyWhenWords(_ condition: Condition) -> String {
    MarkdownEscaper().escape(ConditionWording(guide: guide).words(condition))
  }

  mutating func credentials() {
    text += "## Credentials\n\nWrite down where each value is stored, never the value itself.\n\n"
    let printed = Set(document.steps.map(\.step.id))
    for spec in guide.credentials.specs where !spec.isDeprecated {
      let producers = guide.producers(of: spec.key).filter { printed.contains($0.id) }.compactMap { step in
        document.labelAndTitle(of: step.id).map { "\($0.label) \(filler.textMarkdown($0.title))" }
      }
      let from = producers.isEmpty ? "" : ", from step \(producers.joined(separator: "; "))"
      text +=
        "- **\(escaper.escape(spec.title))** (\(code(spec.key))\(spec.required ? "" : ", optional")\(from)): stored in \(line) checked by \(shortLine) date \(shortLine)\n"
    }
    text += "\n"
  }

  /// Markdown as a block quote, with a label at its start.
  static func quoted(_ markdown: String, label: String) -> String {
    let lines = (label + markdown).split(separator: "\n", omittingEmptySubsequences: false)
    return lines.map { $0.isEmpty ? ">" : "> " + $0 }.joined(separator: "\n")
  }
}
