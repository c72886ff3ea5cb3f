/// Turns a ``RunbookDocument`` into the text of one output format.
///
/// There is one renderer per text format: ``HTMLRunbookRenderer`` (the page for printing, which
/// ``ChromiumPrinter`` also prints to PDF) and ``MarkdownRunbookRenderer``. A renderer never
/// writes a credential value: the document holds none (a seller's known credentials stay in
/// ``Roster/Seller``), and every roster value it prints is escaped for the format.
public protocol RunbookRenderer: Sendable {
  /// The format the renderer writes.
  var format: RunbookFormat { get }

  /// Renders the runbook.
  /// - Throws: ``PacketPlanning/MarkdownFiller/UnsafeLink`` when a seller's value cannot be a link
  ///   where the guide uses it as one.
  func render(_ document: RunbookDocument) throws -> String
}
