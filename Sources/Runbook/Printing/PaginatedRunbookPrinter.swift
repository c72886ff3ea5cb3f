import Foundation
import GuideKit

/// Prints a runbook to PDF with page numbers in its table of contents.
///
/// Chromium cannot fill in the page a link points to while it prints, so the runbook is laid
/// out twice: printed once with an empty, fixed-width place for each number, its pages read
/// back as text (``PDFPageText``) to find the page each stage, step and the credentials page
/// start on (``ContentsPageLocator``), then printed again with the numbers in those places. The
/// places have the same width either way, so the numbers do not move the pages; the second
/// print is read back too, and printed once more if a number is still off (at most
/// ``maximumPrints`` prints in all, then a warning). Without `pdftotext` the runbook is printed
/// once, without numbers, and a warning says so.
public struct PaginatedRunbookPrinter: Sendable {
  /// The browser.
  public let printer: ChromiumPrinter
  /// The page reader, or `nil` when `pdftotext` is not installed.
  public let pageText: PDFPageText?
  /// The screenshots to embed.
  public let images: RunbookImages

  /// The most prints one runbook takes.
  public static let maximumPrints = 3

  /// A printed runbook.
  public struct Printed: Sendable {
    /// The PDF.
    public var pdf: [UInt8]
    /// The page each contents entry starts on, by anchor, as printed in the contents.
    public var contentsPages: [String: Int]
    /// What went wrong with the page numbers, in words (the PDF is still good).
    public var warnings: [String]
  }

  /// Creates a printer.
  public init(printer: ChromiumPrinter, pageText: PDFPageText?, images: RunbookImages) {
    self.printer = printer
    self.pageText = pageText
    self.images = images
  }

  /// Prints `document`.
  /// - Throws: ``ChromiumPrinter/PrintError``, or the renderer's errors.
  public func print(_ document: RunbookDocument) throws -> Printed {
    guard let pageText else {
      let pdf = try printer.print(html: try HTMLRunbookRenderer(images: images).render(document), date: document.date)
      return Printed(
        pdf: pdf, contentsPages: [:],
        warnings: [
          "\(PDFPageText.toolName) (Debian: poppler-utils) was not found on PATH, so the contents have no page numbers"
        ])
    }
    let locator = Self.locator(for: document)
    var renderer = HTMLRunbookRenderer(images: images, contentsPages: [:])
    var pdf = try printer.print(html: try renderer.render(document), date: document.date)
    for _ in 1..<Self.maximumPrints {
      let located: [String: Int]
      do {
        located = locator.locate(pages: try pageText.pages(of: pdf))
      } catch {
        return Printed(
          pdf: pdf, contentsPages: renderer.contentsPages ?? [:],
          warnings: ["\(error); the contents have no page numbers"])
      }
      if located == renderer.contentsPages { return finished(pdf, located, locator) }
      renderer.contentsPages = located
      pdf = try printer.print(html: try renderer.render(document), date: document.date)
    }
    let printed = renderer.contentsPages ?? [:]
    let check = (try? pageText.pages(of: pdf)).map { locator.locate(pages: $0) }
    var result = finished(pdf, printed, locator)
    if check != printed {
      result.warnings.append(
        "the contents' page numbers did not settle after \(Self.maximumPrints) prints; some may be off by a page")
    }
    return result
  }

  private func finished(_ pdf: [UInt8], _ pages: [String: Int], _ locator: ContentsPageLocator) -> Printed {
    let missing = locator.entries.filter { pages[$0.anchor] == nil }.map(\.anchor)
    let warnings =
      missing.isEmpty
      ? []
      : [
        "the page of \(missing.joined(separator: ", ")) was not found in the printed PDF; its contents entry has no page number"
      ]
    return Printed(pdf: pdf, contentsPages: pages, warnings: warnings)
  }

  /// The contents entries of a document: each stage ("Stage N" and its title), each of its
  /// steps (number, title and id; number and title alone as the fallback), and the credentials
  /// page. A generic runbook's titles are cut at their first placeholder, whose blank varies.
  static func locator(for document: RunbookDocument) -> ContentsPageLocator {
    let seller = document.seller.map { _ in SellerFiller(variables: document.variables) }
    func shown(_ title: String) -> (text: String, whole: Bool) {
      if let seller { return (seller.plain(title), true) }
      guard let placeholder = title.range(of: "{{") else { return (title, true) }
      return (String(title[..<placeholder.lowerBound]), false)
    }
    var entries: [ContentsPageLocator.Entry] = []
    for stage in document.stages {
      let label = "Stage \(stage.number)"
      entries.append(.init(anchor: stage.stage.id, heading: "\(label) \(shown(stage.stage.title).text)", label: label))
      for step in stage.steps {
        let title = shown(step.step.title)
        let numbered = "\(step.label) \(title.text)"
        entries.append(
          .init(
            anchor: step.step.id, heading: title.whole ? "\(numbered) \(step.step.id)" : numbered, label: numbered,
            placement: .onPage))
      }
    }
    entries.append(
      .init(
        anchor: HTMLRunbookRenderer.credentialsAnchor, heading: "Credentials Write down where each value is stored"))
    return ContentsPageLocator(entries: entries)
  }
}
