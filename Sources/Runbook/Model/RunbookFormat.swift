/// The files `onboard runbook` writes.
public enum RunbookFormat: String, CaseIterable, Sendable {
  /// One self-contained HTML page laid out for printing (screenshots embedded).
  case html
  /// The HTML page printed to PDF by headless Chromium.
  case pdf
  /// Markdown, for reading or printing from a Markdown viewer.
  case md

  /// The usual file extension.
  public var fileExtension: String { rawValue }

  /// The format a file name's extension suggests (`.htm`, `.html`, `.pdf`, `.md`, `.markdown`).
  public static func guess(fromPath path: String) -> RunbookFormat? {
    let lower = path.lowercased()
    if lower.hasSuffix(".pdf") { return .pdf }
    if lower.hasSuffix(".md") || lower.hasSuffix(".markdown") { return .md }
    if lower.hasSuffix(".html") || lower.hasSuffix(".htm") { return .html }
    return nil
  }
}
