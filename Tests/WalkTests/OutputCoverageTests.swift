import CommonMark
import Foundation
import GuideKit
import PacketPlanning
import Packets
import Roster
import Runbook
import Testing

@testable import Walk

/// Every block of a guide reaches every output it belongs to.
///
/// For the bundled guide and every test guide, and for a seller of each credential source,
/// the test walks cmark's tree of the guide and checks, for each leaf block (paragraph line,
/// heading, code block, image), that its text reaches checklist.md, checklist.html, the runbook
/// (Markdown and HTML), the walk's text and, for a check, prompts.md — or that the block is
/// marked out (`<!-- onboard: omit -->`, the credentials section), or excluded for that seller
/// by a condition. Outputs are compared as words: Markdown is rendered with cmark, tags are
/// dropped (an image's alt text kept) and entities decoded, so escaping and wrapping do not
/// matter. Text is cut at each `{{variable}}`, whose value differs per seller.
@Suite("Output coverage")
struct OutputCoverageTests {
  static let root: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
  }()

  /// The bundled guides and every Markdown guide among the test fixtures.
  static var guidePaths: [String] {
    var paths: [String] = []
    let manager = FileManager.default
    let testFolders = ((try? manager.contentsOfDirectory(atPath: root + "/Tests")) ?? []).map({ "Tests/" + $0 })
    for folder in ["guides"] + testFolders {
      guard let enumerator = manager.enumerator(atPath: root + "/" + folder) else { continue }
      while let path = enumerator.nextObject() as? String {
        guard path.hasSuffix(".md") else { continue }
        let full = root + "/" + folder + "/" + path
        if let text = manager.contents(atPath: full), String(decoding: text, as: UTF8.self).hasPrefix("---\n") {
          paths.append(full)
        }
      }
    }
    return paths.sorted()
  }

  @Test("the guides found include the bundled guide and the fixtures")
  func guidesFound() {
    let names = Self.guidePaths.map { ($0 as NSString).lastPathComponent }
    #expect(names.contains("sp-api-self-authorisation.md"))
    #expect(names.contains("brief-example.md") && names.contains("fidelity.md"))
    #expect(names.contains("tillpoint-payments.md"))
    #expect(names.contains("fernhill-pay-webhooks.md"))
  }

  @Test("every block of every guide reaches every output, or is marked out or excluded", arguments: guidePaths)
  func coverage(path: String) throws {
    let loaded = GuideLoader(screenshotFolders: [Self.root + "/../shared/screenshots"]).load(file: path)
    let guide = try #require(loaded.guide, "\(path) did not load")
    // The template set the guide names, else the generic set packets fall back to (issue 20).
    let set = guide.metadata.templates.first ?? "generic"
    let templates = try TemplateSet.load(directory: Self.root + "/templates/" + set).choosingLayout(
      guide.metadata.layout)
    let generator = PacketGenerator(
      guide: guide, templates: templates, options: .init(outputDirectory: NSTemporaryDirectory()))
    let source = try String(contentsOfFile: path, encoding: .utf8)
    let blocks = GuideBlocks(source: source, guide: guide)
    #expect(!blocks.items.isEmpty)
    let date = try #require(RunbookDate("2025-01-01"))

    // The generic runbook prints every block of the guide, conditions shown, except those that
    // `output == "runbook"` alone rules out.
    let generic = RunbookDocument(genericFor: guide, date: date)
    let genericOutputs = [
      "generic runbook.md": Words(markdown: try MarkdownRunbookRenderer().render(generic)),
      "generic runbook.html": Words(html: try HTMLRunbookRenderer(images: RunbookImages(guide: guide)).render(generic)),
    ]
    let runbookOnly = ["output": "runbook"]
    for item in blocks.items where !item.markedOut {
      if item.conditions.contains(where: { $0.resolving(runbookOnly) == .decided(false) }) { continue }
      for (name, words) in genericOutputs {
        for segment in item.segments where !words.contains(segment) {
          Issue.record("\(path):\(item.line): '\(segment.joined(separator: " "))' is missing from the \(name)")
        }
      }
    }

    for source in ["file", "env", "code"] {
      let seller = Self.seller(for: guide, credentialSource: source)
      let plan = try generator.plan(seller).get()
      let files = try generator.render(plan)
      func file(_ name: String) -> String { files.first { $0.path == name }.map(Self.text) ?? "" }
      // A runbook and the walk plan with their own `output` (issue 19), as `runbook` and `walk` do.
      func outputPlan(_ output: GuideOutput) throws -> PacketPlan {
        var planner = PacketPlanner(guide: guide, layout: templates.layout)
        planner.output = output
        return try planner.plan(seller).get()
      }
      let runbookPlan = try outputPlan(.runbook)
      let walkPlan = try outputPlan(.walk)
      let document = RunbookDocument(plan: runbookPlan, guide: guide, date: date)
      let outputs: [(String, Words, PacketPlan)] = [
        ("checklist.md", Words(markdown: file("checklist.md")), plan),
        ("checklist.html", Words(html: file("checklist.html")), plan),
        ("runbook.md", Words(markdown: try MarkdownRunbookRenderer().render(document)), runbookPlan),
        (
          "runbook.html", Words(html: try HTMLRunbookRenderer(images: RunbookImages(guide: guide)).render(document)),
          runbookPlan
        ),
        ("the walk", Words(markdown: WalkText.transcript(of: walkPlan, guide: guide)), walkPlan),
      ]
      let prompts = Words(markdown: file("prompts.md"))
      for item in blocks.items where !item.markedOut {
        for (name, words, outputPlan) in outputs {
          let planned = Set(outputPlan.steps.map(\.step.id))
          if item.isExcluded(plannedSteps: planned, variables: outputPlan.variables) { continue }
          for segment in item.segments where !words.contains(segment) {
            Issue.record(
              "\(path):\(item.line): '\(segment.joined(separator: " "))' is missing from \(name) of a \(source) seller")
          }
        }
        if item.isCheck, !item.isExcluded(plannedSteps: Set(plan.steps.map(\.step.id)), variables: plan.variables) {
          for segment in item.segments where !prompts.contains(segment) {
            Issue.record(
              "\(path):\(item.line): the check '\(segment.joined(separator: " "))' is missing from prompts.md")
          }
        }
      }
    }
  }

  @Test("marked-out sections and the credentials section reach no output")
  func markedOut() throws {
    let path = Self.root + "/Tests/GuideKitTests/Fixtures/fidelity.md"
    let guide = try #require(GuideLoader().load(file: path).guide)
    let templates = try TemplateSet.load(directory: Self.root + "/templates/sp-api")
    let generator = PacketGenerator(
      guide: guide, templates: templates, options: .init(outputDirectory: NSTemporaryDirectory()))
    let plan = try generator.plan(Self.seller(for: guide, credentialSource: "env")).get()
    let document = RunbookDocument(plan: plan, guide: guide, date: try #require(RunbookDate("2025-01-01")))
    var texts = try generator.render(plan).map(Self.text)
    texts.append(try MarkdownRunbookRenderer().render(document))
    texts.append(WalkText.transcript(of: plan, guide: guide))
    for text in texts {
      #expect(!text.contains("Internal text that no recipient sees"))
      #expect(!text.contains("describes the block to onboard"))
    }
    #expect(texts[0...].contains { $0.contains("Ask the onboarding team in the help channel.") })
  }

  /// A packet file's text ("" for an image).
  static func text(_ file: PacketFile) -> String {
    if case .bytes(let bytes) = file.content { return String(decoding: bytes, as: UTF8.self) }
    return ""
  }

  /// A seller with every variable the guide can use: standard fields, declared variables, and
  /// the first row of the data table.
  static func seller(for guide: Guide, credentialSource: String) -> Seller {
    var fields: [String: String] = [:]
    // A declared variable with a closed set takes one of its values, a different one per credential
    // source, so each alternative reaches a seller's outputs too.
    let turn = ["file", "env", "code"].firstIndex(of: credentialSource) ?? 0
    for declaration in guide.metadata.variables {
      let values = declaration.values?.map(\.value) ?? []
      fields[declaration.name] = values.isEmpty ? "value-of-\(declaration.name)" : values[turn % values.count]
    }
    if let key = guide.metadata.dataKey, let row = guide.dataTable?.rows.first { fields[key] = row.key }
    return Seller(
      id: "shop-\(credentialSource)", name: "Coverage Shop",
      owner: .init(name: "Olive Owner", email: "olive@example.com"),
      credentialSource: credentialSource, fields: fields)
  }
}

/// The walk's text for a plan, in the order a walk shows it (``WalkSession`` uses the same
/// presenter calls: introduction, sections, stage headings, each step's heading and details).
enum WalkText {
  static func transcript(of plan: PacketPlan, guide: Guide) -> String {
    let presenter = StepPresenter(guide: guide, variables: plan.variables, hyperlinks: false)
    var text = presenter.text(guide.title) + "\n\n"
    text += plan.introduction.map { presenter.text($0.markdown) + "\n\n" }.joined()
    for section in plan.leadingSections { text += presenter.section(section.section) }
    let total = plan.steps.count
    var position = 0
    for stage in plan.stages {
      text += presenter.stageHeading(stage)
      for step in stage.steps {
        position += 1
        text += presenter.stepHeading(step, position: position, total: total) + presenter.stepDetails(step)
      }
      for section in stage.sectionsAfter { text += presenter.section(section.section) }
    }
    return text
  }
}

/// An output as lower-case words (runs of letters and digits), for comparing text that was
/// escaped, wrapped or rendered differently.
struct Words {
  let joined: String

  init(text: String) {
    joined = " " + Self.words(text).joined(separator: " ") + " "
  }

  /// Markdown (or the walk's text): rendered with cmark first, so link destinations drop out.
  init(markdown: String) {
    self.init(html: CMarkRenderer.render(markdown, as: .html))
  }

  init(html: String) {
    var text = html.replacingOccurrences(
      of: "<img[^>]*?alt=\"([^\"]*)\"[^>]*>", with: " $1 ", options: .regularExpression)
    text = text.replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
    for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&#x27;", "'")] {
      text = text.replacingOccurrences(of: entity, with: character)
    }
    self.init(text: text.replacingOccurrences(of: "&amp;", with: "&"))
  }

  func contains(_ segment: [String]) -> Bool {
    segment.isEmpty || joined.contains(" " + segment.joined(separator: " ") + " ")
  }

  static func words(_ text: String) -> [String] {
    text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
  }
}

/// The leaf blocks of a guide's cmark tree, each as the word runs an output must hold.
struct GuideBlocks {
  struct Item {
    /// Where it starts.
    var line: Int
    /// Its words, cut at each `{{variable}}`.
    var segments: [[String]]
    /// Whether it is a **Check:** line (prompts.md holds those).
    var isCheck: Bool
    /// Marked out of every output (an omitted section, the credentials section or block).
    var markedOut: Bool
    /// The `<!-- when -->` conditions around it.
    var conditions: [Condition]
    /// The ids of the steps and stages it sits in (the innermost step, if any, and its stage).
    var stepID: String?

    func isExcluded(plannedSteps: Set<String>, variables: [String: String]) -> Bool {
      if let stepID, !plannedSteps.contains(stepID) { return true }
      return conditions.contains { (try? $0.evaluate(variables)) != true }
    }
  }

  var items: [Item] = []

  /// Attribute labels whose lines are structure, not text: their effect is shown otherwise.
  static let structuralLabels: Set<String> = [
    "requires", "produces", "consumes", "when", "who", "duration", "screenshot",
  ]

  init(source: String, guide: Guide) {
    // The front matter is not Markdown: blank it as the loader does, keeping line numbers.
    var lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.first == "---", let end = lines.dropFirst().firstIndex(where: { $0 == "---" || $0 == "..." }) {
      for index in 0...end { lines[index] = "" }
    }
    let document = MarkdownDocument.parse(lines.joined(separator: "\n"))
    // Where each step starts, in line order; a block belongs to the last step started before it
    // within the same `##` section.
    let stepStarts = guide.steps.map { ($0.location.line, $0.id) }.sorted { $0.0 < $1.0 }
    var markedOutSection = false
    var pendingOmit = false
    var conditions: [Condition] = []
    var sectionStart = 0
    for block in document.root.children {
      let line = block.range?.start.line ?? 0
      if case .heading(let level) = block.kind, level <= 2 {
        markedOutSection =
          pendingOmit || guide.sections.contains { $0.location.line == line && !$0.isCarried }
        pendingOmit = false
        conditions = []
        sectionStart = line
      }
      if case .htmlBlock(let html) = block.kind, html.contains("onboard: omit") {
        pendingOmit = true
        continue
      }
      pendingOmit = false
      let step = stepStarts.last { $0.0 <= line && $0.0 > sectionStart }?.1
      collect(block, markedOut: markedOutSection, conditions: &conditions, stepID: step, stepStarts: stepStarts)
    }
  }

  private mutating func collect(
    _ node: MarkdownNode, markedOut: Bool, conditions: inout [Condition], stepID: String?,
    stepStarts: [(Int, String)]
  ) {
    let line = node.range?.start.line ?? 0
    switch node.kind {
    case .htmlBlock(let html):
      let trimmed = html.trimmingCharacters(in: .whitespacesAndNewlines)
      if trimmed.hasPrefix("<!-- when:"),
        let condition = try? ConditionParser.parse(
          String(trimmed.dropFirst(10).dropLast(3)).trimmingCharacters(in: .whitespaces))
      {
        conditions.append(condition)
      } else if trimmed.hasPrefix("<!-- end") {
        _ = conditions.popLast()
      }
    case .codeBlock(let info, let literal):
      let isCredentials = info.split(separator: " ").contains("credentials")
      items.append(
        Item(
          line: line, segments: Self.segments(literal), isCheck: false, markedOut: markedOut || isCredentials,
          conditions: conditions, stepID: stepID))
    case .heading, .paragraph:
      for (text, isCheck) in Self.lines(of: node) {
        items.append(
          Item(
            line: line, segments: Self.segments(text), isCheck: isCheck, markedOut: markedOut,
            conditions: conditions, stepID: stepID))
      }
    case .list, .item, .blockQuote:
      var inner = conditions
      for child in node.children {
        let childLine = child.range?.start.line ?? line
        let step = node.type == .item ? (stepStarts.last { $0.0 == line }?.1 ?? stepID) : stepID
        _ = childLine
        collect(child, markedOut: markedOut, conditions: &inner, stepID: step, stepStarts: stepStarts)
      }
    default:
      break
    }
  }

  /// A paragraph's or heading's lines as text (inline HTML dropped, an image as its alt text),
  /// without structural attribute lines; a **Check:** line without its label.
  static func lines(of node: MarkdownNode) -> [(String, Bool)] {
    var lines: [(String, Bool)] = []
    var current = ""
    var first = true
    var skip = false
    var isCheck = false
    func finish() {
      if !skip && !current.trimmingCharacters(in: .whitespaces).isEmpty { lines.append((current, isCheck)) }
      current = ""
      first = true
      skip = false
      isCheck = false
    }
    for child in node.children {
      switch child.kind {
      case .softBreak, .lineBreak:
        finish()
        continue
      case .htmlInline:
        continue
      case .strong where first:
        let label = child.plainText.trimmingCharacters(in: .whitespaces).lowercased()
          .trimmingCharacters(in: CharacterSet(charactersIn: ":"))
        if structuralLabels.contains(label) { skip = true }
        if label == "check" {
          isCheck = true
          first = false
          continue
        }
      default: break
      }
      first = false
      current += child.plainText
    }
    finish()
    return lines
  }

  /// Text cut at each `{{variable}}`, as words.
  static func segments(_ text: String) -> [[String]] {
    var segments: [[String]] = []
    var rest = Substring(text)
    while let open = rest.range(of: "{{") {
      segments.append(Words.words(String(rest[..<open.lowerBound])))
      guard let close = rest[open.upperBound...].range(of: "}}") else { break }
      rest = rest[close.upperBound...]
    }
    segments.append(Words.words(String(rest)))
    return segments.filter { !$0.isEmpty }
  }
}
