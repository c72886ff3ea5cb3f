import Ccmark

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Renders Markdown through cmark's own renderers.
///
/// HTML is safe by default: raw HTML becomes a comment and `javascript:` links are blanked, as in
/// cmark. Pass ``RenderOptions/unsafe`` to opt out.
public enum CMarkRenderer {
  /// An output format cmark can render.
  public enum Format: String, CaseIterable, Sendable {
    case html, xml, commonmark, man, latex
  }

  /// Parses `markdown` and renders it.
  /// - Parameters:
  ///   - markdown: the source.
  ///   - format: the output format.
  ///   - options: render options (and parse options, which cmark shares).
  ///   - width: wrap width for CommonMark, man and LaTeX; 0 means no wrapping.
  /// - Returns: the rendered text; empty if cmark could not allocate.
  public static func render(
    _ markdown: String, as format: Format, options: RenderOptions = [], width: Int = 0
  ) -> String {
    guard let root = cmark_parse_document(markdown, markdown.utf8.count, options.rawValue) else {
      return ""
    }
    defer { cmark_node_free(root) }
    let rendered: UnsafeMutablePointer<CChar>?
    switch format {
    case .html: rendered = cmark_render_html(root, options.rawValue)
    case .xml: rendered = cmark_render_xml(root, options.rawValue)
    case .commonmark: rendered = cmark_render_commonmark(root, options.rawValue, Int32(width))
    case .man: rendered = cmark_render_man(root, options.rawValue, Int32(width))
    case .latex: rendered = cmark_render_latex(root, options.rawValue, Int32(width))
    }
    guard let rendered else { return "" }
    defer { free(rendered) }
    return String(cString: rendered)
  }

  /// The version of the cmark library linked in, such as `0.30.2`.
  public static var cmarkVersion: String {
    guard let version = cmark_version_string() else { return "unknown" }
    return String(cString: version)
  }
}

/// Options for cmark's renderers.
public struct RenderOptions: OptionSet, Sendable, Hashable {
  public let rawValue: Int32

  public init(rawValue: Int32) {
    self.rawValue = rawValue
  }

  /// Adds `data-sourcepos` attributes (cmark's `CMARK_OPT_SOURCEPOS`).
  public static let sourcePositions = RenderOptions(rawValue: 1 << 1)
  /// Renders soft breaks as hard breaks.
  public static let hardBreaks = RenderOptions(rawValue: 1 << 2)
  /// Renders soft breaks as spaces.
  public static let noBreaks = RenderOptions(rawValue: 1 << 4)
  /// Lets raw HTML and dangerous URLs through. Off by default.
  public static let unsafe = RenderOptions(rawValue: 1 << 17)
  /// Curly quotes and dashes.
  public static let smart = RenderOptions(rawValue: 1 << 10)
}
