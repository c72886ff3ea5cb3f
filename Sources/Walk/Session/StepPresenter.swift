import CredentialSpecs
import GuideKit
import PacketPlanning

/// Turns a planned step into the text a walk shows: heading, body, notes and warnings,
/// preconditions, screenshots (with OSC 8 hyperlinks on terminals that take them) and the
/// credentials it produces or uses.
///
/// Guide and roster text pass through ``TerminalText/inert(_:)``, so nothing in them can drive
/// the terminal. Nothing shown is a credential value.
struct StepPresenter {
  let guide: Guide
  let filler: MarkdownFiller
  let hyperlinks: Bool
  let markdownRenderer: TerminalMarkdown

  init(guide: Guide, variables: [String: String], hyperlinks: Bool, styled: Bool = false) {
    self.guide = guide
    self.filler = MarkdownFiller(variables: variables)
    self.hyperlinks = hyperlinks
    self.markdownRenderer = TerminalMarkdown(styled: styled, hyperlinks: hyperlinks)
  }

  /// Fills variables in plain text (a title, a name) and makes the text inert.
  func text(_ plain: String) -> String {
    TerminalText.inert(filler.plain(plain))
  }

  /// Fills variables in guide Markdown (each value escaped for where it stands, so a value
  /// cannot add markup) and renders it for the terminal (``TerminalMarkdown``), inert.
  func markdown(_ markdown: String) -> String {
    guard let filled = try? filler.markdown(markdown) else {
      // A variable holds a link that may not be used: the text is shown as it is, inert.
      return text(markdown)
    }
    return markdownRenderer.render(filled)
  }

  func stageHeading(_ stage: PacketPlan.PlannedStage) -> String {
    var output = "\n== Stage \(stage.number): \(text(stage.stage.title)) ==\n"
    for precondition in stage.stage.preconditions {
      output += "Before you start: \(markdown(precondition.markdown))\n"
    }
    if let who = stage.stage.who { output += "Who: \(text(who))\n" }
    for part in stage.parts {
      switch part {
      case .block(let block): output += "\n" + TerminalText.indent(markdown(block.markdown), by: "  ") + "\n"
      case .note(let stageNote): output += self.note(stageNote, indent: "")
      case .check, .screenshot: break  // a stage has neither
      }
    }
    return output
  }

  /// A plain section of the guide: its heading and text.
  func section(_ section: Section) -> String {
    var output = "\n== \(text(section.title)) ==\n"
    for block in section.body {
      if block.images.isEmpty {
        output += "\n" + TerminalText.indent(markdown(block.markdown), by: "  ") + "\n"
      } else {
        for reference in block.images { output += "\n  Screenshot: \(screenshot(reference))\n" }
      }
    }
    return output
  }

  /// The step's heading, numbered as in its packet (`2.3`), with the guide's step id.
  func stepHeading(_ planned: PacketPlan.PlannedStep, position: Int, total: Int) -> String {
    let step = planned.step
    return
      "\n-- Step \(planned.label) (\(position) of \(total)): \(text(step.title)) [\(TerminalText.inert(step.id))] --\n"
  }

  /// What comes before the step's own text: preconditions, who, how long.
  func stepPreamble(_ planned: PacketPlan.PlannedStep) -> String {
    let step = planned.step
    var output = ""
    for precondition in step.preconditions {
      output += "  Before you start: \(markdown(precondition.markdown))\n"
    }
    if let who = step.who { output += "  Who: \(text(who))\n" }
    if let duration = step.duration { output += "  Takes: \(text(duration))\n" }
    return output
  }

  /// One block, note or screenshot of a step (checks are asked, not shown).
  func part(_ part: PacketPlan.PlannedPart) -> String {
    switch part {
    case .block(let block): return "\n" + TerminalText.indent(markdown(block.markdown), by: "  ") + "\n"
    case .note(let note): return "\n" + self.note(note, indent: "  ")
    case .screenshot(let reference): return "\n  Compare with the screenshot: \(screenshot(reference))\n"
    case .check: return ""
    }
  }

  /// The whole step as text, checks included as lines (for tests and transcripts).
  func stepDetails(_ planned: PacketPlan.PlannedStep) -> String {
    var output = stepPreamble(planned)
    for item in planned.parts {
      if case .check(let check) = item {
        output += "\n  Check: \(markdown(check.markdown))\n"
      } else {
        output += part(item)
      }
    }
    return output + stepCredentials(planned)
  }

  /// The credentials the step gives and uses.
  func stepCredentials(_ planned: PacketPlan.PlannedStep) -> String {
    let step = planned.step
    var output = ""
    let produced = step.produces.compactMap { guide.credentials[key: $0.key] }.filter { !$0.isDeprecated }
    let consumed = step.consumes.compactMap { guide.credentials[key: $0.key] }.filter { !$0.isDeprecated }
    if !produced.isEmpty || !consumed.isEmpty { output += "\n" }
    if !produced.isEmpty {
      output += "  This step gives you: " + produced.map { "\($0.title) (\($0.key))" }.joined(separator: ", ") + "\n"
    }
    if !consumed.isEmpty {
      output +=
        "  This step uses: " + consumed.map(\.key).joined(separator: ", ")
        + " (the walk collects them and writes them for you at the end)\n"
    }
    return output
  }

  func note(_ note: Note, indent: String) -> String {
    let label = note.kind.isWarning ? "\(note.kind.label.uppercased())" : note.kind.label
    let body = markdown(note.markdown)
    let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
    var output = "\(indent)\(label): \(lines.first ?? "")\n"
    for line in lines.dropFirst() {
      output += line.isEmpty ? "\n" : "\(indent)  \(line)\n"
    }
    return output
  }

  /// `caption: path` with the file's location (or a hint when it was not found); the name is
  /// a hyperlink to the file when the terminal takes hyperlinks.
  func screenshot(_ reference: ScreenshotReference) -> String {
    let caption = TerminalText.inert(reference.caption)
    let resolved = guide.screenshot(path: reference.path)?.resolvedPath
    let name = guide.screenshot(path: reference.path)?.fileName ?? reference.path
    guard let resolved else {
      return
        "\(TerminalText.inert(reference.path)) (\(caption)); the file was not found, give its folder with --screenshots"
    }
    let shown = hyperlinks ? TerminalText.fileHyperlink(path: resolved, label: name) : TerminalText.inert(name)
    return "\(shown) (\(caption))\n    file: \(TerminalText.inert(resolved))"
  }
}
