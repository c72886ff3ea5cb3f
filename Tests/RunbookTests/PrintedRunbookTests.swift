import Foundation
import GuideKit
import PacketPlanning
import Testing

@testable import Runbook

/// The printed runbook (issue 19): output format from the file name, paper, conditions in
/// words, page numbers in the contents, and checks kept with their step.
@Suite("Printed runbook")
struct PrintedRunbookTests {
  // MARK: - Format from the output file

  @Test("an unknown extension is refused unless --format says what to write")
  func unknownExtension() throws {
    #expect(throws: RunbookFormat.Mismatch.self) { try RunbookFormat.resolve(explicit: nil, output: "x.docx") }
    do {
      _ = try RunbookFormat.resolve(explicit: nil, output: "out/x.docx")
      Issue.record("x.docx was accepted")
    } catch {
      let message = "\(error)"
      #expect(message.contains(".docx"))
      #expect(message.contains(".html, .htm, .pdf, .md, .markdown"))
      #expect(message.contains("--format"))
    }
    #expect(try RunbookFormat.resolve(explicit: .html, output: "x.docx") == .html)
  }

  @Test("a known extension gives the format, and must agree with --format")
  func knownExtension() throws {
    #expect(try RunbookFormat.resolve(explicit: nil, output: "x.pdf") == .pdf)
    #expect(try RunbookFormat.resolve(explicit: nil, output: "x.HTM") == .html)
    #expect(try RunbookFormat.resolve(explicit: nil, output: "a.b/x.markdown") == .md)
    #expect(try RunbookFormat.resolve(explicit: .pdf, output: "x.pdf") == .pdf)
    #expect(throws: RunbookFormat.Mismatch.self) { try RunbookFormat.resolve(explicit: .html, output: "x.pdf") }
  }

  @Test("no file, standard output, or a name without an extension take --format or HTML")
  func noExtension() throws {
    #expect(try RunbookFormat.resolve(explicit: nil, output: nil) == .html)
    #expect(try RunbookFormat.resolve(explicit: .md, output: "-") == .md)
    #expect(try RunbookFormat.resolve(explicit: nil, output: "runbook") == .html)
    #expect(try RunbookFormat.resolve(explicit: .md, output: "a.b/q") == .md)
    #expect(try RunbookFormat.resolve(explicit: nil, output: ".hidden") == .html)
  }

  // MARK: - Paper

  @Test("--paper wins, then the seller's paper variable (any case), then A4")
  func paperChoice() throws {
    #expect(try RunbookPaper.choose(explicit: nil, variables: [:]) == .a4)
    #expect(try RunbookPaper.choose(explicit: nil, variables: ["paper": "letter"]) == .letter)
    #expect(try RunbookPaper.choose(explicit: nil, variables: ["paper": " Letter "]) == .letter)
    #expect(try RunbookPaper.choose(explicit: nil, variables: ["paper": "A4"]) == .a4)
    #expect(try RunbookPaper.choose(explicit: nil, variables: ["paper": ""]) == .a4)
    #expect(try RunbookPaper.choose(explicit: .a4, variables: ["paper": "letter"]) == .a4)
    #expect(try RunbookPaper.choose(explicit: .letter, variables: ["paper": "legal"]) == .letter)
    #expect(throws: RunbookPaper.UnknownPaper.self) {
      try RunbookPaper.choose(explicit: nil, variables: ["paper": "legal"])
    }
  }

  @Test("the bundled data table gives Letter for US, CA and MX sellers and A4 for others")
  func paperFromTheDataTable() throws {
    let guide = try RunbookFixtures.bundledGuide()
    let roster = RunbookFixtures.root + "/examples/sellers.yml"
    let expected: [String: RunbookPaper] = [
      "north-trail-outfitters": .letter, "maple-leaf-home": .letter, "rhein-werkstatt": .a4, "thames_tea": .a4,
      "sakura-stationery": .a4,
    ]
    for (id, paper) in expected {
      guard case .planned(let plan) = try SellerRunbookPlanner(guide: guide).plan(sellerID: id, roster: roster) else {
        Issue.record("\(id) was not planned")
        continue
      }
      #expect(try RunbookPaper.choose(explicit: nil, variables: plan.variables) == paper, "\(id)")
    }
    // A generic runbook has no seller, so A4.
    let generic = RunbookDocument(genericFor: guide, date: RunbookFixtures.date)
    #expect(try RunbookPaper.choose(explicit: nil, variables: generic.variables) == .a4)
  }

  @Test("the page's @page size follows the document's paper")
  func paperCSS() throws {
    let guide = try RunbookFixtures.guide()
    var document = RunbookDocument(genericFor: guide, date: RunbookFixtures.date)
    let images = RunbookImages(guide: guide)
    #expect(try HTMLRunbookRenderer(images: images).render(document).contains("size: A4;"))
    document.paper = .letter
    let letter = try HTMLRunbookRenderer(images: images).render(document)
    #expect(letter.contains("size: letter;"))
    #expect(!letter.contains("size: A4;"))
  }

  // MARK: - Conditions in words

  @Test("a labelled value is said in the guide's words")
  func labelledConditions() throws {
    let wording = ConditionWording(guide: try RunbookFixtures.bundledGuide())
    #expect(
      wording.words(.equals(variable: "credential_source", value: "file"))
        == "python-amazon-sp-api reads the credentials from credentials.yml")
    #expect(
      wording.words(.equals(variable: "credential_source", value: "FILE"))
        == "python-amazon-sp-api reads the credentials from credentials.yml")
    // Every value is labelled, so "not file" is the other two values' words.
    let others =
      "python-amazon-sp-api reads the credentials from environment variables or the code passes the credentials to python-amazon-sp-api"
    #expect(wording.words(.notEquals(variable: "credential_source", value: "file")) == others)
    #expect(wording.words(.not(.equals(variable: "credential_source", value: "file"))) == others)
    #expect(
      wording.words(.isIn(variable: "credential_source", values: ["env", "code"])) == others)
  }

  @Test("without labels: the variable's name in words and the value quoted, never code")
  func plainConditions() throws {
    let wording = ConditionWording(guide: try RunbookFixtures.guide())
    let source = Condition.equals(variable: "credential_source", value: "file")
    #expect(wording.words(source) == "the credential source is \"file\"")
    #expect(wording.words(.notEquals(variable: "shop_tier", value: "pro")) == "the shop tier is not \"pro\"")
    #expect(
      wording.words(.isIn(variable: "marketplace", values: ["UK", "DE"])) == "the marketplace is \"UK\" or \"DE\"")
    #expect(
      wording.words(.isIn(variable: "marketplace", values: ["UK", "DE", "FR"]))
        == "the marketplace is \"UK\", \"DE\" or \"FR\"")
    #expect(
      wording.words(.not(.isIn(variable: "marketplace", values: ["UK", "DE"])))
        == "the marketplace is neither \"UK\" nor \"DE\"")
    let region = Condition.equals(variable: "region", value: "EU")
    let tier = Condition.notEquals(variable: "tier", value: "basic")
    #expect(wording.words(.and(source, region)) == "the credential source is \"file\" and the region is \"EU\"")
    #expect(
      wording.words(.and(.or(source, region), tier))
        == "either the credential source is \"file\" or the region is \"EU\", and the tier is not \"basic\"")
    #expect(
      wording.words(.or(.and(source, region), tier))
        == "both the credential source is \"file\" and the region is \"EU\", or the tier is not \"basic\"")
    #expect(
      wording.words(.not(.and(source, region)))
        == "it is not the case that the credential source is \"file\" and the region is \"EU\"")
    for condition in [source, .and(.or(source, region), .not(tier))] {
      let words = wording.words(condition)
      #expect(!words.contains("==") && !words.contains("!=") && !words.contains("_"), "\(words)")
    }
  }

  @Test("the generic bundled runbook prints conditions in the guide's words")
  func bundledGenericConditions() throws {
    let guide = try RunbookFixtures.bundledGuide()
    let document = RunbookDocument(genericFor: guide, date: RunbookFixtures.date)
    let html = try HTMLRunbookRenderer(images: RunbookImages(guide: guide)).render(document)
    #expect(html.contains("Only when python-amazon-sp-api reads the credentials from credentials.yml"))
    #expect(!html.contains("credential_source =="))
    #expect(!html.contains("Only when credential_source"))
    // The account's description is said once, on the cover; later blanks name it.
    #expect(RunbookFixtures.count("(the account name in credential files)", in: html) == 1)
    let markdown = try MarkdownRunbookRenderer().render(document)
    #expect(markdown.contains("*Only when* python-amazon-sp-api reads the credentials from credentials.yml"))
    #expect(RunbookFixtures.count("the account name in credential files", in: markdown) == 1)
  }

  // MARK: - Page numbers in the contents

  @Test("each entry is found on the first later page its heading starts, in order")
  func locatePages() {
    let locator = ContentsPageLocator(entries: [
      .init(anchor: "one", heading: "Stage 1 Set up the shop"),
      .init(anchor: "two", heading: "Stage 2 Use the key"),
      .init(anchor: "runbook-credentials", heading: "Credentials Write down where each value is stored"),
    ])
    let pages = [
      "RUNBOOK\nShop onboarding\n",
      "Contents\n1. Set up the shop\n2. Use the key\nCredentials\nWrite down where each value is stored? no\n",
      "STAGE 1\nSet up the\nshop\n1.1 Open\n",
      "1.2 Get the key\nStage 2 Use the key is mentioned here but does not start the page\n",
      "STAGE 2\nUse the key\n",
      "Credentials\nWrite down where each value is stored, never the value itself.\n",
    ]
    #expect(locator.locate(pages: pages) == ["one": 3, "two": 5, "runbook-credentials": 6])
    // An entry that no page starts with is left out; the others are still found.
    #expect(locator.locate(pages: Array(pages.prefix(4))) == ["one": 3])
    // A title set apart from its label: the label alone, not followed by a digit, is enough.
    let labelled = ContentsPageLocator(entries: [
      .init(anchor: "one", heading: "Stage 1 Set up the shop", label: "Stage 1"),
      .init(anchor: "two", heading: "Stage 2 Use the key", label: "Stage 2"),
    ])
    let split = [
      "Contents\n", "STAGE 12\nnot this one\n", "STAGE 1\nfooter text\n", "Set up the shop\n", "STAGE 2\nUse the key\n",
    ]
    #expect(labelled.locate(pages: split) == ["one": 3, "two": 5])
    // Steps are found anywhere on a page, in order from the page of the entry before them, so
    // a mention on an earlier page ("step 1.2 requires it") is not taken for the step.
    let steps = ContentsPageLocator(entries: [
      .init(anchor: "one", heading: "Stage 1 Set up", label: "Stage 1"),
      .init(anchor: "a", heading: "1.1 Open the shop. open", label: "1.1 Open the shop.", placement: .onPage),
      .init(anchor: "b", heading: "1.2 Get the key. get-key", label: "1.2 Get the key.", placement: .onPage),
      .init(anchor: "c", heading: "1.3 Use it. use-it", label: "1.3 Use it.", placement: .onPage),
    ])
    let stepPages = [
      "Contents\n1.1 Open the shop.\n1.2 Get the key.\n1.3 Use it.\n",
      "STAGE 1\nSet up\n1.1 Open the shop.\nopen\nIncluded because step 1.3 (Use it.) requires it.\n",
      "1.2 Get the key.\nget-key\n",
      "more of 1.2\n1.3 Use it.\nuse-it\n",
    ]
    #expect(steps.locate(pages: stepPages) == ["one": 2, "a": 2, "b": 3, "c": 4])
  }

  @Test("printed contents hold a fixed place for each page number; the screen has none")
  func contentsNumbers() throws {
    let guide = try RunbookFixtures.guide()
    let document = RunbookDocument(genericFor: guide, date: RunbookFixtures.date)
    let images = RunbookImages(guide: guide)
    let numbered = try HTMLRunbookRenderer(images: images, contentsPages: ["setup": 3, "runbook-credentials": 7])
      .render(document)
    #expect(numbered.contains("Set up the shop</span><span class=\"toc-number\">3</span></a>"))
    #expect(numbered.contains("Use the key</span><span class=\"toc-number\"></span></a>"))
    #expect(numbered.contains("Credentials</span><span class=\"toc-number\">7</span></a>"))
    let locator = PaginatedRunbookPrinter.locator(for: document)
    #expect(
      locator.entries.map(\.anchor) == [
        "setup", "open", "get-key", "use", "file-step", "env-step", "runbook-credentials",
      ])
    #expect(locator.entries[0].heading == "Stage 1 Set up the shop")
    // A generic title is cut at its first placeholder, and then has no id after it.
    #expect(locator.entries[1].heading == "1.1 Open the shop for ")
    #expect(locator.entries[2].heading == "1.2 Get the key. get-key")
    #expect(locator.entries[2].placement == .onPage)
    #expect(numbered.contains("Get the key.</span><span class=\"toc-number\"></span></a>"))
  }

  // MARK: - Checks stay with their step

  @Test("a step's checks and the part before them are one unbreakable group")
  func checksGroup() throws {
    let (guide, plan) = try RunbookFixtures.plan("plain")
    let document = RunbookDocument(plan: plan, guide: guide, date: RunbookFixtures.date)
    let html = try HTMLRunbookRenderer(images: RunbookImages(guide: guide)).render(document)
    #expect(html.contains(".with-checks { break-inside: avoid;"))
    // Step 1.1: its screenshot, then its check, in one group.
    #expect(html.contains("<div class=\"with-checks\">\n<figure><img src=\"data:image/png;base64,"))
    // Step 1.2: the missing screenshot's frame, then the check.
    #expect(html.contains("<div class=\"with-checks\">\n<figure><div class=\"shot-missing\""))
    #expect(
      RunbookFixtures.count("<div class=\"with-checks\">", in: html)
        == RunbookFixtures.count("<ol class=\"checks\">", in: html))
    #expect(RunbookFixtures.count("</ol>\n</div>\n", in: html) >= 2)
  }

  // MARK: - The cover

  @Test("the bundled cover shows the marketplace's code, name and region, as the checklist does")
  func bundledCover() throws {
    let guide = try RunbookFixtures.bundledGuide()
    let set = RunbookFixtures.root + "/templates/sp-api"
    guard case .success(let cover) = try #require(RunbookCover.load(templateSet: set)) else {
      Issue.record("templates/sp-api/runbook.yml did not load")
      return
    }
    let roster = RunbookFixtures.root + "/examples/sellers.yml"
    guard
      case .planned(let plan) = try SellerRunbookPlanner(guide: guide).plan(sellerID: "maple-leaf-home", roster: roster)
    else {
      Issue.record("maple-leaf-home was not planned")
      return
    }
    var document = RunbookDocument(plan: plan, guide: guide, date: RunbookFixtures.date)
    document.cover = cover
    let html = try HTMLRunbookRenderer(images: RunbookImages(guide: guide)).render(document)
    #expect(html.contains("<tr><th>Marketplace</th><td>CA (Canada, NA region)</td></tr>"))
    let markdown = try MarkdownRunbookRenderer().render(document)
    #expect(markdown.contains("- **Marketplace:** CA \\(Canada, NA region\\)"))
    // Without the template set's lines, the data key's value alone (the old cover).
    document.cover = nil
    let plain = try HTMLRunbookRenderer(images: RunbookImages(guide: guide)).render(document)
    #expect(plain.contains("<tr><th>Marketplace</th><td>CA</td></tr>"))
    // A generic runbook shows a blank labelled by the line's first variable.
    var generic = RunbookDocument(genericFor: guide, date: RunbookFixtures.date)
    generic.cover = cover
    let blank = try HTMLRunbookRenderer(images: RunbookImages(guide: guide)).render(generic)
    #expect(
      blank.contains(
        "<tr><th>Marketplace</th><td><span class=\"blank\"></span> <span class=\"blank-label\">(the seller&#39;s marketplace code"
      ))
  }

  @Test("runbook.yml: unknown keys and incomplete lines are errors at their place")
  func coverErrors() {
    let text = "cover:\n  - label: Marketplace\n    valeu: x\nextra: 1\n"
    guard case .failure(let list) = RunbookCover.parse(text, file: "runbook.yml") else {
      Issue.record("a broken runbook.yml was accepted")
      return
    }
    let found = list.diagnostics.map { "\($0.location.line):\($0.location.column) \($0.ruleID) \($0.message)" }
    #expect(found.contains { $0.hasPrefix("3:5 runbook/cover Unknown key 'valeu'") }, "\(found)")
    #expect(found.contains { $0.hasPrefix("4:1 runbook/cover Unknown key 'extra'") }, "\(found)")
    #expect(found.contains { $0.hasPrefix("2:5 runbook/cover Each cover line needs a label and a value") }, "\(found)")
    guard case .failure = RunbookCover.parse("cover: [\n", file: "runbook.yml") else {
      Issue.record("a YAML syntax error was accepted")
      return
    }
    guard case .success(let cover) = RunbookCover.parse("cover:\n  - {label: A, value: '{{a}}'}\n", file: "r.yml")
    else {
      Issue.record("a good runbook.yml was refused")
      return
    }
    #expect(cover.lines == [RunbookCover.Line(label: "A", value: "{{a}}")])
  }
}
