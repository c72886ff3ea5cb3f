import CredentialSpecs
import Escaping
import GuideKit
import PacketPlanning

/// Renders a runbook as one self-contained HTML page laid out for printing on A4 or Letter
/// (``RunbookDocument/paper``).
///
/// The page has a cover (guide title and version, the seller or "generic", the date, a
/// sign-off table), a table of contents, the introduction, one page-starting section per stage
/// with each step in a box (its number and a tick box, notes and warnings set apart, its
/// screenshots scaled to the page width with captions, credential boxes for writing where a
/// value is stored, and each check with "confirmed by / date" lines), and a credentials page.
/// The footer (guide id and version, who the runbook is for, page X of Y) is drawn by `@page`
/// margin boxes; see ``RunbookStylesheet``.
///
/// Sections and steps carry the guide's own ids, so the guide's links to them (`#configure`)
/// work in the page and in the PDF; relative links to other files are turned into plain text
/// (see ``PrintableLinks``). Guide Markdown goes through cmark's safe renderer after the seller's values are filled in
/// (escaped for where each sits); other values are HTML-escaped. Screenshots are `data:` URIs
/// and the page allows nothing else to load (Content-Security-Policy), and has no script.
public struct HTMLRunbookRenderer: RunbookRenderer {
  /// The screenshots to embed.
  public var images: RunbookImages
  /// The page each contents entry starts on, by the entry's anchor (a stage's or step's id, or
  /// ``credentialsAnchor``), for a printed runbook; `nil` shows no page numbers. An entry
  /// missing from a non-`nil` map keeps an empty, fixed-width place, so filling the numbers in
  /// does not move anything (see ``PaginatedRunbookPrinter``).
  public var contentsPages: [String: Int]?
  /// HTML.
  public var format: RunbookFormat { .html }

  /// The anchor of the credentials page.
  public static let credentialsAnchor = "runbook-credentials"

  /// Creates a renderer.
  public init(images: RunbookImages, contentsPages: [String: Int]? = nil) {
    self.images = images
    self.contentsPages = contentsPages
  }

  public func render(_ document: RunbookDocument) throws -> String {
    let filler: any RunbookFiller =
      document.seller == nil ? BlankFiller(guide: document.guide) : SellerFiller(variables: document.variables)
    var page = PageWriter(document: document, filler: filler, images: images, contentsPages: contentsPages)
    try page.write()
    return UnbreakableCode.rewrite(PrintableLinks.rewrite(page.html))
  }
}

/// Writes the page, part by part.
private struct PageWriter {
  let document: RunbookDocument
  let filler: any RunbookFiller
  let images: RunbookImages
  let contentsPages: [String: Int]?
  var html = ""

  private var guide: Guide { document.guide }
  private func escape(_ text: String) -> String { HTMLEscaper().escape(text) }

  init(document: RunbookDocument, filler: any RunbookFiller, images: RunbookImages, contentsPages: [String: Int]?) {
    self.document = document
    self.filler = filler
    self.images = images
    self.contentsPages = contentsPages
    html.reserveCapacity(64 * 1024)
  }

  mutating func write() throws {
    head()
    cover()
    try contents()
    for section in document.leadingSections { try write(section) }
    for stage in document.stages { try write(stage) }
    credentialsPage()
    html += "</body>\n</html>\n"
  }

  // MARK: - Head and cover

  /// Who the runbook is for, in the title and footer.
  private var recipient: String {
    guard let seller = document.seller else { return "generic runbook" }
    return seller.name == seller.id ? seller.name : "\(seller.name) (\(seller.id))"
  }

  mutating func head() {
    let css = CSSStringEscaper()
    let footerLeft = css.escape("\(guide.metadata.id) · version \(guide.metadata.version)")
    let footerCenter = css.escape(recipient)
    html += """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
      <meta name="generator" content="onboard runbook">
      <title>Runbook: \(escape(guide.title)) — \(escape(recipient))</title>
      <style>
      \(RunbookStylesheet.css(footerLeft: footerLeft, footerCenter: footerCenter, paper: document.paper))
      </style>
      </head>
      <body class="\(document.isGeneric ? "generic" : "seller")" data-paper="\(document.paper.rawValue)" data-guide="\(escape(guide.metadata.id))"\(document.seller.map { " data-seller=\"\(escape($0.id))\"" } ?? "")>

      """
  }

  mutating func cover() {
    html += "<section class=\"cover\">\n<p class=\"kind\">Runbook</p>\n<h1>\(escape(guide.title))</h1>\n"
    if document.isGeneric {
      html +=
        "<p class=\"generic\">Generic runbook: it has every step of the guide. Fill in the blanks by hand, and follow the steps marked “only when” only when their condition holds.</p>\n"
    }
    html += "<table class=\"facts\">\n"
    fact(
      "Guide",
      "\(escape(guide.title))<br><code>\(escape(guide.metadata.id))</code>, version \(escape(guide.metadata.version))")
    if let seller = document.seller {
      fact("Seller", escape(seller.name))
      fact("Seller id", "<code>\(escape(seller.id))</code>")
      fact("Account", "<code>\(escape(seller.account))</code>")
      if !seller.owner.display.isEmpty { fact("Account owner", escape(seller.owner.display)) }
      for line in document.coverLines { fact(line.label, filler.textHTML(line.value)) }
      fact("Credentials kept in", escape(seller.credentialSource))
    } else {
      let blanks = (filler as? BlankFiller) ?? BlankFiller(guide: guide)
      fact("Seller", blanks.blankHTML("name"))
      fact("Seller id", blanks.blankHTML("id"))
      fact("Account", blanks.blankHTML("account"))
      fact("Account owner", blanks.blankHTML("owner"))
      for line in document.coverLines {
        // A blank labelled by the first variable the line shows (the data key's description).
        let first = VariableText.occurrences(in: line.value).first?.name
        fact(line.label, first.map { blanks.blankHTML($0) } ?? "<span class=\"blank\"></span>")
      }
      fact("Credentials kept in", blanks.blankHTML("credential_source"))
    }
    fact("Date", "<time datetime=\"\(document.date)\">\(document.date)</time>")
    let steps = document.steps.count
    let checks = document.steps.reduce(0) { $0 + $1.step.checks.count }
    fact(
      "Steps",
      "\(steps) step\(steps == 1 ? "" : "s") in \(document.stages.count) stage\(document.stages.count == 1 ? "" : "s"), \(checks) check\(checks == 1 ? "" : "s")"
    )
    html += "</table>\n"
    html += """
      <div class="signoff">
      <h2>Sign-off</h2>
      <table class="signoff-table">
      <tr><th>Role</th><th>Name</th><th>Signature</th><th>Date</th></tr>
      <tr><th>Carried out by</th><td></td><td></td><td></td></tr>
      <tr><th>Checked by</th><td></td><td></td><td></td></tr>
      <tr><th>Signed off by</th><td></td><td></td><td></td></tr>
      </table>
      </div>
      </section>

      """
  }

  private mutating func fact(_ label: String, _ valueHTML: String) {
    html += "<tr><th>\(escape(label))</th><td>\(valueHTML)</td></tr>\n"
  }

  // MARK: - Contents and introduction

  mutating func contents() throws {
    html += "<section class=\"toc-page\">\n<nav class=\"toc\">\n<h2>Contents</h2>\n<ol>\n"
    for stage in document.stages {
      html +=
        "<li><a class=\"toc-entry\" href=\"#\(escape(stage.stage.id))\"><span class=\"toc-title\"><span class=\"toc-label\">\(stage.number).</span> \(filler.textHTML(stage.stage.title))</span>\(pageNumber(stage.stage.id))</a>\n<ol>\n"
      for step in stage.steps {
        html +=
          "<li><a class=\"toc-entry\" href=\"#\(escape(step.step.id))\"><span class=\"toc-title\"><span class=\"toc-label\">\(escape(step.label))</span> \(filler.textHTML(step.step.title))</span>\(pageNumber(step.step.id))</a></li>\n"
      }
      html += "</ol>\n</li>\n"
    }
    let credentials = HTMLRunbookRenderer.credentialsAnchor
    html +=
      "<li><a class=\"toc-entry\" href=\"#\(credentials)\"><span class=\"toc-title\">Credentials</span>\(pageNumber(credentials))</a></li>\n</ol>\n</nav>\n"
    if !document.introduction.isEmpty {
      html += "<div class=\"intro\">\n"
      for block in document.introduction { html += try blockHTML(block) }
      html += "</div>\n"
    }
    html += "</section>\n\n"
  }

  /// The page number of a contents entry: nothing on screen, a fixed-width place in print.
  private func pageNumber(_ anchor: String) -> String {
    guard let contentsPages else { return "" }
    return "<span class=\"toc-number\">\(contentsPages[anchor].map(String.init) ?? "")</span>"
  }

  // MARK: - Stages and steps

  mutating func write(_ stage: RunbookStage) throws {
    let id = escape(stage.stage.id)
    html += "<section class=\"stage\" id=\"\(id)\">\n"
    html +=
      "<h2 class=\"stage-head\"><span class=\"stage-number\">Stage \(stage.number)</span> \(filler.textHTML(stage.stage.title))</h2>\n"
    meta(who: stage.stage.who, duration: stage.stage.duration)
    if let condition = stage.shownCondition { onlyWhen(condition) }
    for precondition in stage.stage.preconditions {
      html += "<p class=\"requires\"><strong>Requires:</strong> \(try filler.inlineHTML(precondition.markdown))</p>\n"
    }
    for part in stage.parts {
      switch part {
      case .block(let block): html += try blockHTML(block)
      case .note(let note): try write(note)
      case .check, .screenshot: break  // a stage has neither
      }
    }
    for step in stage.steps { try write(step) }
    html += "</section>\n\n"
    for section in stage.sectionsAfter { try write(section) }
  }

  /// A plain section of the guide: its heading and its blocks.
  mutating func write(_ section: Section) throws {
    html += "<section class=\"plain-section\" id=\"\(escape(section.id))\">\n"
    html += "<h2>\(try filler.inlineHTML(section.titleMarkdown))</h2>\n"
    for block in section.body { html += try blockHTML(block) }
    html += "</section>\n\n"
  }

  mutating func write(_ planned: RunbookStep) throws {
    let step = planned.step
    html += "<article class=\"step\" id=\"\(escape(step.id))\">\n"
    html += "<div class=\"step-head\"><span class=\"tick\" role=\"img\" aria-label=\"tick box\"></span>"
    html += "<span class=\"step-label\">\(escape(planned.label))</span>"
    html += "<span class=\"step-title\">\(try filler.inlineHTML(step.titleMarkdown))</span>"
    html += "<span class=\"step-id\">\(escape(step.id))</span></div>\n"
    meta(who: step.who, duration: step.duration)
    if let condition = planned.shownCondition { onlyWhen(condition) }
    if planned.pulledIn {
      let requirers = planned.requiredBy.map { id -> String in
        guard let found = document.labelAndTitle(of: id) else { return escape(id) }
        return "\(escape(found.label)) (\(filler.textHTML(found.title)))"
      }
      let list = requirers.isEmpty ? "a later step" : "step " + requirers.joined(separator: ", ")
      html += "<p class=\"pulled\">Included because \(list) requires it.</p>\n"
    }
    for precondition in step.preconditions {
      html += "<p class=\"requires\"><strong>Requires:</strong> \(try filler.inlineHTML(precondition.markdown))</p>\n"
    }
    if !step.consumes.isEmpty {
      let keys = step.consumes.map { "<code>\(escape($0.key))</code>" }.joined(separator: ", ")
      html += "<p class=\"uses\">Uses: \(keys).</p>\n"
    }
    // The part just before a run of checks goes into one unbreakable group with the checks, so
    // that a page never starts with a step's checks.
    let parts = planned.parts
    func isCheck(_ index: Int) -> Bool {
      guard parts.indices.contains(index), case .check = parts[index] else { return false }
      return true
    }
    var inChecks = false
    for (index, part) in parts.enumerated() {
      if case .check = part {
      } else if inChecks {
        html += "</ol>\n</div>\n"
        inChecks = false
      }
      if !isCheck(index) && isCheck(index + 1) { html += "<div class=\"with-checks\">\n" }
      switch part {
      case .block(let block): html += try blockHTML(block)
      case .note(let note): try write(note)
      case .screenshot(let reference): figure(reference)
      case .check(let check):
        if !inChecks { html += (index == 0 ? "<div class=\"with-checks\">\n" : "") + "<ol class=\"checks\">\n" }
        inChecks = true
        html += "<li><div class=\"check-text\">\(try filler.inlineHTML(check.markdown))</div>"
        html +=
          "<div class=\"confirm\"><span>confirmed by</span><span class=\"fill\"></span><span>date</span><span class=\"fill short\"></span></div></li>\n"
      }
    }
    if inChecks { html += "</ol>\n</div>\n" }
    for reference in step.produces { credentialBox(reference.key) }
    html += "</article>\n"
  }

  mutating func write(_ note: Note) throws {
    html += "<aside class=\"note\(note.kind.isWarning ? " warning" : "") kind-\(note.kind.rawValue)\">"
    if document.isGeneric, let condition = note.condition { onlyWhen(condition) }
    html += "<p class=\"note-label\">\(escape(note.kind.label))</p>\n\(try filler.blockHTML(note.markdown))</aside>\n"
  }

  mutating func figure(_ reference: ScreenshotReference) {
    let caption =
      reference.caption.isEmpty ? (guide.screenshot(path: reference.path)?.caption ?? "") : reference.caption
    let captionHTML = filler.textHTML(caption)
    html += "<figure>"
    switch images.image(for: reference.path) {
    case .embedded(let uri):
      html += "<img src=\"\(escape(uri))\" alt=\"\(escape(filler.plain(caption)))\">"
    case .missing(let fileName):
      html +=
        "<div class=\"shot-missing\" data-missing=\"\(escape(fileName))\">Screenshot not found: \(escape(fileName))</div>"
    }
    if !caption.isEmpty { html += "<figcaption>\(captionHTML)</figcaption>" }
    html += "</figure>\n"
  }

  mutating func credentialBox(_ key: String) {
    let spec = guide.credentials[key: key]
    let title = spec?.title ?? key
    html += "<div class=\"credential\" data-key=\"\(escape(key))\">"
    html += "<div class=\"credential-name\">\(escape(title)) <code>\(escape(key))</code></div>"
    html += "<div class=\"stored-in\"><span>stored in:</span><span class=\"fill\"></span></div>"
    var hint = "Write where the value is kept (a file, a variable, a password manager entry), never the value."
    if let seller = document.seller, seller.knownCredentials[key] != nil {
      hint += " The roster already has a value; it is not printed."
    }
    html += "<p class=\"hint\">\(escape(hint))</p></div>\n"
  }

  private mutating func meta(who: String?, duration: String?) {
    var parts: [String] = []
    if let who { parts.append("<strong>Who:</strong> \(filler.textHTML(who))") }
    if let duration { parts.append("<strong>Duration:</strong> \(filler.textHTML(duration))") }
    if !parts.isEmpty { html += "<p class=\"meta\">\(parts.joined(separator: " · "))</p>\n" }
  }

  private mutating func onlyWhen(_ condition: Condition) {
    html += "<p class=\"only-when\">Only when \(escape(ConditionWording(guide: guide).words(condition)))</p>\n"
  }

  private func blockHTML(_ block: Block) throws -> String {
    if !block.images.isEmpty {
      // A paragraph of images: screenshots, embedded (or a frame naming a missing file).
      var page = self
      page.html = ""
      for reference in block.images { page.figure(reference) }
      return page.html
    }
    var rendered = try filler.blockHTML(block.markdown)
    if let language = block.runnable, Block.runLanguages.contains(language) {
      rendered += "<p class=\"run-note\">onboard walk can run this.</p>\n"
    }
    guard document.isGeneric, let condition = block.condition else { return rendered }
    return
      "<div class=\"conditional\"><p class=\"only-when\">Only when \(escape(ConditionWording(guide: guide).words(condition)))</p>\n\(rendered)</div>\n"
  }

  // MARK: - Credentials page

  mutating func credentialsPage() {
    html +=
      "<section class=\"credentials-page\" id=\"\(HTMLRunbookRenderer.credentialsAnchor)\">\n<h2>Credentials</h2>\n"
    html += "<p>Write down where each value is stored, never the value itself.</p>\n"
    html +=
      "<table class=\"credentials-table\">\n<tr><th>Credential</th><th>From step</th><th>Stored in</th><th>Checked by / date</th></tr>\n"
    let printed = Set(document.steps.map(\.step.id))
    for spec in guide.credentials.specs where !spec.isDeprecated {
      let producers = guide.producers(of: spec.key).filter { printed.contains($0.id) }.compactMap { step in
        document.labelAndTitle(of: step.id).map { "\(escape($0.label)) \(filler.textHTML($0.title))" }
      }
      html +=
        "<tr data-key=\"\(escape(spec.key))\"><td><strong>\(escape(spec.title))</strong><br><code>\(escape(spec.key))</code>\(spec.required ? "" : " (optional)")</td>"
      html +=
        "<td>\(producers.isEmpty ? "—" : producers.joined(separator: "<br>"))</td><td class=\"stored\"></td><td class=\"checked\"></td></tr>\n"
    }
    html += "</table>\n</section>\n"
  }
}
