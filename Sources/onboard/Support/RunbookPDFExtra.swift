import GuideKit
import PacketPlanning
import Packets
import Runbook

/// Adds `runbook.pdf` to every packet (`onboard packets --pdf`): the seller's runbook, from
/// the same plan as the rest of the packet, printed by headless Chromium.
///
/// Each packet starts the browser once, which takes a second or two, so `--pdf` is much
/// slower than writing packets alone. The screenshots are read once, when the extra is made.
/// The PDF's dates are the runbook's date, so the same input on the same day gives the same
/// bytes.
struct RunbookPDFExtra: PacketExtras {
  /// The file name inside each packet.
  static let fileName = "runbook.pdf"

  /// The guide.
  let guide: Guide
  /// The printer.
  let printer: ChromiumPrinter
  /// The date on each runbook's cover.
  let date: RunbookDate
  private let renderer: HTMLRunbookRenderer

  /// Creates the extra.
  /// - Parameters:
  ///   - guide: the guide, loaded with the screenshot folders to embed from.
  ///   - printer: the browser to print with.
  ///   - date: the date on the cover.
  init(guide: Guide, printer: ChromiumPrinter, date: RunbookDate) {
    self.guide = guide
    self.printer = printer
    self.date = date
    self.renderer = HTMLRunbookRenderer(images: RunbookImages(guide: guide))
  }

  /// The packet's runbook as a PDF.
  /// - Throws: ``PacketPlanning/MarkdownFiller/UnsafeLink`` or ``ChromiumPrinter/PrintError``.
  func files(for packet: RenderedPacket) throws -> [PacketFile] {
    let document = RunbookDocument(plan: packet.plan, guide: guide, date: date)
    let html = try renderer.render(document)
    let pdf = try printer.print(html: html, date: date)
    return [PacketFile(path: Self.fileName, content: .bytes(pdf))]
  }
}
