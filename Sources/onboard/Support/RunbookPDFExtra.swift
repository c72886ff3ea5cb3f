import GuideKit
import OnboardDiagnostics
import OnboardSupport
import PacketPlanning
import Packets
import Runbook

/// Adds `runbook.pdf` to every packet (`onboard packets --pdf`): the seller's runbook, from
/// the same plan as the rest of the packet, printed by headless Chromium.
///
/// Each packet starts the browser once, which takes a second or two, so `--pdf` is much
/// slower than writing packets alone. The screenshots are read once, when the extra is made.
/// The PDF's dates are the runbook's date, so the same input on the same day gives the same
/// bytes. Its paper is `paper` (`--paper`) when given, else the seller's `paper` variable, else
/// A4; its contents have page numbers (see ``PaginatedRunbookPrinter``).
struct RunbookPDFExtra: PacketExtras {
  /// The file name inside each packet.
  static let fileName = "runbook.pdf"

  /// The guide.
  let guide: Guide
  /// The printer.
  let printer: ChromiumPrinter
  /// The date on each runbook's cover.
  let date: RunbookDate
  /// The paper every runbook is printed on, or `nil` for each seller's own.
  let paper: RunbookPaper?
  /// The template set's cover lines (its `runbook.yml`), or `nil` for the default.
  let cover: RunbookCover?
  private let paginated: PaginatedRunbookPrinter

  /// Creates the extra.
  /// - Parameters:
  ///   - guide: the guide, loaded with the screenshot folders to embed from.
  ///   - printer: the browser to print with.
  ///   - date: the date on the cover.
  ///   - paper: the paper for every runbook (`--paper`), or `nil` for each seller's own.
  ///   - cover: the template set's cover lines, or `nil` for the default.
  init(
    guide: Guide, printer: ChromiumPrinter, date: RunbookDate, paper: RunbookPaper? = nil, cover: RunbookCover? = nil
  ) {
    self.guide = guide
    self.cover = cover
    self.printer = printer
    self.date = date
    self.paper = paper
    self.paginated = PaginatedRunbookPrinter(
      printer: printer, pageText: PDFPageText.locate(), images: RunbookImages(guide: guide))
  }

  /// A seller whose `paper` names no paper (when no `--paper` chooses one): `runbook/unknown-paper`
  /// at the roster field or data-table row that gives it, as `onboard runbook` reports it.
  func problems(for plan: PacketPlan) -> [Diagnostic] {
    do {
      _ = try RunbookPaper.choose(explicit: paper, variables: plan.variables)
      return []
    } catch let unknown as RunbookPaper.UnknownPaper {
      return [RunbookPaper.diagnostic(unknown, seller: plan.seller, guide: guide)]
    } catch {
      return []  // `choose` throws nothing but UnknownPaper.
    }
  }

  /// The packet's runbook as a PDF.
  /// - Throws: ``PacketPlanning/MarkdownFiller/UnsafeLink``, ``ChromiumPrinter/PrintError`` or
  ///   ``UnknownPaperAt``.
  func files(for packet: RenderedPacket) throws -> [PacketFile] {
    var document = RunbookDocument(plan: packet.plan, guide: guide, date: date)
    do {
      document.paper = try RunbookPaper.choose(explicit: paper, variables: document.variables)
    } catch let unknown as RunbookPaper.UnknownPaper {
      throw UnknownPaperAt(diagnostic: RunbookPaper.diagnostic(unknown, seller: packet.plan.seller, guide: guide))
    }
    document.cover = cover
    let printed = try paginated.print(document)
    for warning in printed.warnings { StandardError.write("warning: \(packet.plan.seller.id): \(warning)\n") }
    return [PacketFile(path: Self.fileName, content: .bytes(printed.pdf))]
  }
}

/// A seller's `paper` names no paper: the error, with the place the value is written.
struct UnknownPaperAt: Error, CustomStringConvertible {
  /// The diagnostic (`runbook/unknown-paper`).
  let diagnostic: Diagnostic

  var description: String {
    "\(diagnostic.location): \(diagnostic.message) [\(diagnostic.ruleID)] \(diagnostic.fix ?? "")"
  }
}
