/// The runbook page's CSS: A4 or Letter paged media with the footer in `@page` margin boxes.
///
/// Chromium draws `@page` margin boxes (`@bottom-left` and so on, with `counter(page)` and
/// `counter(pages)`) from version 131, so the footer needs no header/footer template from the
/// browser. Each stage starts a page (`break-before: page`), and no step, figure or check is
/// split across pages when it fits on one (`break-inside: avoid`). A step longer than a page
/// breaks, but its checks stay with the block, note or screenshot just before them: the renderer
/// wraps that part and the checks in `.with-checks` (`break-inside: avoid`), so no page starts
/// with a step's checks.
enum RunbookStylesheet {
  /// The stylesheet.
  /// - Parameters:
  ///   - footerLeft: the left footer text as a CSS string literal (see ``CSSStringEscaper``).
  ///   - footerCenter: the centre footer text as a CSS string literal.
  ///   - paper: the paper size.
  static func css(footerLeft: String, footerCenter: String, paper: RunbookPaper = .a4) -> String {
    """
    @page {
      size: \(paper.cssSize);
      margin: 16mm 15mm 18mm 15mm;
      @bottom-left { content: \(footerLeft); font: 8pt "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #444; vertical-align: top; padding-top: 4mm; }
      @bottom-center { content: \(footerCenter); font: 8pt "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #444; vertical-align: top; padding-top: 4mm; }
      @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8pt "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #444; vertical-align: top; padding-top: 4mm; }
    }
    * { box-sizing: border-box; }
    html { font: 10pt/1.45 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #111; background: #fff; }
    body { margin: 0; }
    @media screen {
      body { max-width: \(paper.screenWidth); margin: 0 auto; padding: 8mm 10mm 20mm; }
      .cover, .toc-page, .stage, .credentials-page { border-bottom: 1px dashed #bbb; padding-bottom: 8mm; margin-bottom: 8mm; }
    }
    h1 { font-size: 20pt; line-height: 1.2; margin: 0 0 4mm; }
    h2 { font-size: 14pt; margin: 0 0 3mm; padding-bottom: 1.5mm; border-bottom: 0.8pt solid #333; break-after: avoid; }
    h3 { font-size: 11pt; margin: 4mm 0 2mm; break-after: avoid; }
    p { margin: 1.5mm 0; }
    ul, ol { margin: 1.5mm 0; padding-left: 6mm; }
    code, pre, .step-id { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; }
    code { font-size: 8.8pt; background: #f1f1f1; padding: 0 0.6mm; border-radius: 0.6mm; }
    pre { font-size: 8.2pt; background: #f4f4f4; border: 0.5pt solid #ccc; padding: 2mm 2.5mm; white-space: pre-wrap; break-inside: avoid; }
    pre code { background: none; padding: 0; font-size: inherit; }
    code .nobreak { white-space: nowrap; }
    a { color: inherit; text-decoration: underline; text-decoration-thickness: 0.4pt; }
    a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 8pt; color: #444; overflow-wrap: anywhere; }
    a[data-blank]::after { content: " " attr(data-blank); font-size: 8.5pt; color: #444; }
    .blank { display: inline-block; min-width: 24mm; border-bottom: 0.8pt solid #111; height: 1em; vertical-align: baseline; }
    .blank-label { font-size: 8.5pt; color: #444; font-style: italic; }
    .fill { display: inline-block; flex: 1 1 auto; min-width: 30mm; border-bottom: 0.8pt solid #111; height: 1.2em; }
    .fill.short { flex: 0 0 32mm; min-width: 32mm; }

    .cover { break-after: page; }
    .cover .kind { text-transform: uppercase; font-size: 9pt; color: #444; margin: 10mm 0 2mm; }
    .cover .generic { border: 0.8pt solid #333; padding: 2mm 3mm; margin: 4mm 0; }
    table.facts { border-collapse: collapse; margin: 4mm 0 8mm; width: 100%; }
    table.facts th, table.facts td { text-align: left; vertical-align: top; padding: 1.6mm 3mm 1.6mm 0; border-bottom: 0.5pt solid #ccc; }
    table.facts th { width: 45mm; color: #333; font-weight: bold; }
    .signoff h2 { margin-top: 6mm; }
    table.signoff-table { border-collapse: collapse; width: 100%; }
    table.signoff-table th, table.signoff-table td { border: 0.8pt solid #333; padding: 2mm; text-align: left; vertical-align: top; }
    table.signoff-table td { height: 13mm; }
    table.signoff-table th:first-child { width: 38mm; }

    .toc-page { break-after: page; }
    .toc ol { list-style: none; padding-left: 0; }
    .toc > ol > li { margin: 2.5mm 0; font-weight: bold; }
    .toc > ol > li > ol { font-weight: normal; padding-left: 8mm; margin: 1mm 0; }
    .toc .toc-label { display: inline-block; min-width: 10mm; color: #333; }
    .toc a.toc-entry { display: flex; align-items: baseline; gap: 2mm; text-decoration: none; }
    .toc .toc-title { flex: 1 1 auto; }
    .toc .toc-number { flex: none; width: 12mm; text-align: right; font-weight: normal; }
    .intro { margin-top: 6mm; }

    .stage { break-before: page; }
    .stage-head { break-inside: avoid; page-break-inside: avoid; }
    .stage-head .stage-number { display: block; font-size: 9pt; font-weight: normal; text-transform: uppercase; color: #444; }
    .meta { color: #333; font-size: 9pt; }
    .only-when { display: inline-block; font-size: 8.5pt; border: 0.6pt solid #666; border-radius: 1mm; padding: 0.3mm 1.5mm; margin: 1mm 0; }
    .conditional { border-left: 1.5pt dotted #666; padding-left: 3mm; margin: 2mm 0; }
    .requires { border-left: 2.5pt solid #333; background: #f4f4f4; padding: 1.5mm 3mm; }
    .pulled { font-style: italic; color: #333; }

    .step { break-inside: avoid; page-break-inside: avoid; border: 0.8pt solid #777; border-radius: 1.5mm; padding: 3mm 4mm 3.5mm; margin: 4mm 0; }
    .step-head { display: flex; align-items: flex-start; gap: 3mm; font-size: 11.5pt; font-weight: bold; margin-bottom: 1.5mm; }
    .tick { flex: none; display: inline-block; width: 5.5mm; height: 5.5mm; border: 1.2pt solid #111; border-radius: 0.6mm; margin-top: 0.2mm; }
    .step-label { flex: none; }
    .step-title { flex: 1 1 auto; }
    .step-id { flex: none; font-size: 7.5pt; font-weight: normal; color: #555; margin-top: 1mm; }

    .note { break-inside: avoid; border: 0.8pt solid #5b7db1; border-left-width: 3pt; background: #eef3fa; padding: 1.5mm 3mm; margin: 3mm 0; }
    .run-note { font-size: 8.5pt; color: #444; margin: -1.5mm 0 3mm 0; }
    .note.warning { border-color: #9a6b00; background: #fff5d6; }
    .note-label { font-weight: bold; margin: 0.5mm 0; text-transform: uppercase; font-size: 8.5pt; }

    figure { break-inside: avoid; margin: 3mm 0; }
    figure img { display: block; width: 100%; height: auto; max-height: 120mm; object-fit: contain; object-position: left top; border: 0.5pt solid #999; }
    figcaption { font-size: 8.5pt; color: #333; margin-top: 1mm; }
    .shot-missing { display: flex; align-items: center; justify-content: center; text-align: center; height: 35mm; border: 1.2pt dashed #777; color: #444; font-size: 9pt; padding: 3mm; }

    .credential { break-inside: avoid; border: 0.8pt solid #333; padding: 2mm 3mm; margin: 3mm 0; }
    .credential-name { font-weight: bold; }
    .stored-in { display: flex; align-items: flex-end; gap: 2mm; margin-top: 2mm; }
    .credential .hint { font-size: 8.5pt; color: #444; margin: 1mm 0 0; }
    .uses { font-size: 9pt; color: #333; }

    .checks { list-style: none; padding-left: 0; margin: 3mm 0 0; break-before: avoid; page-break-before: avoid; }
    .with-checks { break-inside: avoid; page-break-inside: avoid; }
    .checks > li { break-inside: avoid; border-top: 0.5pt solid #bbb; padding: 2mm 0 1mm; }
    .check-text::before { content: "Check: "; font-weight: bold; }
    .confirm { display: flex; align-items: flex-end; gap: 2mm; margin-top: 2.5mm; font-size: 9pt; }

    .credentials-page { break-before: page; }
    table.credentials-table { border-collapse: collapse; width: 100%; }
    table.credentials-table th, table.credentials-table td { border: 0.8pt solid #333; padding: 2mm; text-align: left; vertical-align: top; }
    table.credentials-table td { height: 16mm; }
    table.credentials-table td.stored { width: 55mm; }
    table.credentials-table td.checked { width: 38mm; }
    """
  }
}
