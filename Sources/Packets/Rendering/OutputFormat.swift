import Escaping
import Mustache

/// The kinds of file a packet template can produce. The format decides how every `{{value}}`
/// in the template is escaped, and whether the file may hold credential values.
public enum OutputFormat: String, CaseIterable, Sendable {
  case html, markdown, yaml, dotenv, python, json, text

  /// The format of an output file name, by its extension (`.env` and names ending in `.env`
  /// are dotenv; unknown extensions are text).
  public init(fileName: String) {
    let lower = fileName.lowercased()
    let pairs: [(String, OutputFormat)] = [
      (".html", .html), (".htm", .html), (".md", .markdown), (".markdown", .markdown), (".yml", .yaml),
      (".yaml", .yaml), (".env", .dotenv), (".py", .python), (".json", .json),
    ]
    self = pairs.first { lower.hasSuffix($0.0) }?.1 ?? (lower == "env" ? .dotenv : .text)
  }

  /// The escaper `{{value}}` uses in this format.
  public var escaper: any ValueEscaper {
    switch self {
    case .html: return HTMLEscaper()
    case .markdown: return MarkdownEscaper()
    case .yaml: return YAMLEscaper()
    case .dotenv: return DotenvEscaper()
    case .python: return PythonEscaper()
    case .json: return JSONEscaper()
    case .text: return PlainTextEscaper()
    }
  }

  /// Whether files of this format are credential files: they receive known credential values
  /// and are written with mode 0600. Checklists and prompts (HTML, Markdown, text) never do.
  public var isCredentialFormat: Bool {
    switch self {
    case .yaml, .dotenv, .python, .json: return true
    case .html, .markdown, .text: return false
    }
  }

  /// The format's position in ``allCases``.
  var index: Int { Self.allCases.firstIndex(of: self) ?? 0 }

  /// The name of the Mustache content type registered for this format.
  var contentTypeName: String { "ONBOARD_" + rawValue.uppercased() }

  /// Registers a Mustache content type for every format (idempotent).
  static func registerContentTypes() {
    for format in allCases {
      MustacheContentTypes.register(EscaperContentType(escaper: format.escaper), named: format.contentTypeName)
    }
  }
}

/// A Mustache content type that escapes with a ``ValueEscaper``.
struct EscaperContentType: MustacheContentType {
  let escaper: any ValueEscaper

  func escapeText(_ text: String) -> String { escaper.escape(text) }
}
