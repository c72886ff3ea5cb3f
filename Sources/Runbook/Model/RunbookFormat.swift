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

  /// The extensions each format is known by, in the order messages name them.
  public static let knownExtensions: [(fileExtension: String, format: RunbookFormat)] = [
    ("html", .html), ("htm", .html), ("pdf", .pdf), ("md", .md), ("markdown", .md),
  ]

  /// The format a file name's extension suggests (`.htm`, `.html`, `.pdf`, `.md`, `.markdown`).
  public static func guess(fromPath path: String) -> RunbookFormat? {
    guard let suffix = fileExtension(of: path)?.lowercased() else { return nil }
    return knownExtensions.first { $0.fileExtension == suffix }?.format
  }

  /// The extension of a path's last component (`x.docx` → `docx`), or `nil` when it has none.
  /// A leading dot (`.hidden`) does not start an extension.
  public static func fileExtension(of path: String) -> String? {
    let name = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
    let suffix = name[name.index(after: dot)...]
    return suffix.isEmpty ? nil : String(suffix)
  }

  /// Why an output file name and `--format` do not go together.
  public struct Mismatch: Error, Sendable, CustomStringConvertible {
    /// The message, naming the known extensions.
    public var description: String
  }

  /// The format to write: `--format` when given, else the output file's extension, else HTML.
  ///
  /// An extension onboard does not know (`x.docx`) is refused unless `--format` says what to
  /// write, and a known extension that names another format than `--format` (`x.pdf` with
  /// `--format html`) is refused, so a file is never quietly written in a format its name
  /// denies. No output file, `-`, or a name without an extension takes `--format` or HTML.
  /// - Throws: ``Mismatch``.
  public static func resolve(explicit: RunbookFormat?, output: String?) throws -> RunbookFormat {
    guard let output, output != "-", let suffix = fileExtension(of: output) else { return explicit ?? .html }
    let known = knownExtensions.map { "." + $0.fileExtension }.joined(separator: ", ")
    if let implied = guess(fromPath: output) {
      guard let explicit, explicit != implied else { return implied }
      throw Mismatch(
        description:
          "the output file \(output) ends in .\(suffix), which is \(implied.rawValue), but --format says \(explicit.rawValue); name the file .\(explicit.fileExtension) or drop --format"
      )
    }
    if let explicit { return explicit }
    throw Mismatch(
      description:
        "onboard does not know the extension .\(suffix) of \(output): a runbook is written as \(known); name the file with one of them, or pass --format html, pdf or md to write that format under this name"
    )
  }
}
