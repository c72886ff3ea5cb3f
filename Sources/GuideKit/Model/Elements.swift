import OnboardDiagnostics

/// A block of Markdown from the guide, with the condition of the `<!-- when -->` region it is
/// in. The Markdown is the source text (dedented), with `{{variables}}` not yet filled.
public struct Block: Hashable, Sendable {
  /// The Markdown source.
  public var markdown: String
  /// The region's condition, if any.
  public var condition: Condition?
  /// Where it starts.
  public var location: DiagnosticLocation
  /// When the block is a paragraph of images only (a gallery): those images, which outputs show
  /// as screenshots (embedded, or a box naming a missing file) rather than as links.
  public var images: [ScreenshotReference] = []
  /// When the block is a run-marked fenced code block (its info string has the word `run`
  /// after the language, as in ```` ```sh run ````): the language as written. Only the
  /// languages in ``Block/runLanguages`` run; any other is the error `guide/unknown-run-language`.
  public var runnable: String?

  /// The languages a run-marked block may have: `sh` (run with `sh -c`) and `python` (fed to
  /// `python3 -` on standard input).
  public static let runLanguages = ["sh", "python"]

  /// Creates a block.
  public init(
    markdown: String, condition: Condition? = nil, location: DiagnosticLocation, images: [ScreenshotReference] = [],
    runnable: String? = nil
  ) {
    self.markdown = markdown
    self.condition = condition
    self.location = location
    self.images = images
    self.runnable = runnable
  }

  /// The language a fenced code block's info string marks as run (the first word, when a later
  /// word is `run`), or `nil` when the info string does not mark it.
  public static func runLanguage(infoString: String) -> String? {
    let words = infoString.split(whereSeparator: { $0 == " " || $0 == "\t" })
    guard words.count >= 2, words.dropFirst().contains("run") else { return nil }
    return String(words[0])
  }
}

/// A note or warning: a block quote that starts with `**Note:**` / `**Warning:**`, or GitHub's
/// `> [!NOTE]` / `> [!WARNING]` (and TIP, IMPORTANT, CAUTION).
public struct Note: Hashable, Sendable {
  /// What kind of note it is.
  public enum Kind: String, Hashable, Sendable, CaseIterable {
    case note, tip, important, warning, caution

    /// Whether it warns (warning or caution).
    public var isWarning: Bool { self == .warning || self == .caution }

    /// The label as written (`Note`, `Warning`, …).
    public var label: String {
      switch self {
      case .note: return "Note"
      case .tip: return "Tip"
      case .important: return "Important"
      case .warning: return "Warning"
      case .caution: return "Caution"
      }
    }
  }

  /// The kind.
  public var kind: Kind
  /// Its Markdown, without the label.
  public var markdown: String
  /// Where it is.
  public var location: DiagnosticLocation
  /// A condition it sits under, if any.
  public var condition: Condition?

  /// Creates a note.
  public init(kind: Kind, markdown: String, location: DiagnosticLocation, condition: Condition? = nil) {
    self.kind = kind
    self.markdown = markdown
    self.location = location
    self.condition = condition
  }
}

/// A `**Check:**`: something a person confirms, shown with its step's screenshots.
public struct Check: Hashable, Sendable {
  /// `stepID#check-N`.
  public var id: String
  /// The question or statement, as Markdown.
  public var markdown: String
  /// The same as plain text.
  public var text: String
  /// Where it is.
  public var location: DiagnosticLocation

  /// Creates a check.
  public init(id: String, markdown: String, text: String, location: DiagnosticLocation) {
    self.id = id
    self.markdown = markdown
    self.text = text
    self.location = location
  }
}

/// A human precondition, such as "signed in as the account owner".
public struct Precondition: Hashable, Sendable {
  /// The precondition as Markdown.
  public var markdown: String
  /// The same as plain text.
  public var text: String
  /// Where it is.
  public var location: DiagnosticLocation

  /// Creates a precondition.
  public init(markdown: String, text: String, location: DiagnosticLocation) {
    self.markdown = markdown
    self.text = text
    self.location = location
  }
}

/// A link to a step or stage id (`[…](#authorise)`).
public struct Reference: Hashable, Sendable {
  /// The target id.
  public var target: String
  /// Where the link is.
  public var location: DiagnosticLocation

  /// Creates a reference.
  public init(target: String, location: DiagnosticLocation) {
    self.target = target
    self.location = location
  }
}

/// A credential key named by `**Produces:**` or `**Consumes:**`.
public struct CredentialReference: Hashable, Sendable {
  /// The key.
  public var key: String
  /// Where it is named.
  public var location: DiagnosticLocation

  /// Creates a reference.
  public init(key: String, location: DiagnosticLocation) {
    self.key = key
    self.location = location
  }
}

/// A screenshot as one step uses it.
public struct ScreenshotReference: Hashable, Sendable {
  /// The path as written, relative to the guide.
  public var path: String
  /// The alt text or link text (the caption).
  public var caption: String
  /// Where it is.
  public var location: DiagnosticLocation

  /// Creates a reference.
  public init(path: String, caption: String, location: DiagnosticLocation) {
    self.path = path
    self.caption = caption
    self.location = location
  }
}

/// A screenshot file the guide names, with where it was found.
public struct Screenshot: Hashable, Sendable {
  /// The path as written, relative to the guide (`images/App_Overview.png`).
  public var path: String
  /// The caption (first non-empty alt or link text).
  public var caption: String
  /// The file on disk, if found beside the guide or in a `--screenshots` folder.
  public var resolvedPath: String?
  /// Where the guide first names it.
  public var location: DiagnosticLocation
  /// The ids of the steps it illustrates.
  public var illustrates: [String]
  /// Why the path is not read (it leads outside the allowed folders, or is not a regular
  /// file); `resolvedPath` is then `nil`.
  public var problem: ScreenshotProblem?

  /// Creates a screenshot.
  public init(
    path: String, caption: String, resolvedPath: String?, location: DiagnosticLocation,
    illustrates: [String], problem: ScreenshotProblem? = nil
  ) {
    self.path = path
    self.caption = caption
    self.resolvedPath = resolvedPath
    self.location = location
    self.illustrates = illustrates
    self.problem = problem
  }

  /// The file name alone (`App_Overview.png`).
  public var fileName: String {
    path.split(separator: "/").last.map(String.init) ?? path
  }
}

/// A `##` section without steps: background prose, a gallery, the credentials block.
public struct Section: Hashable, Sendable {
  /// Its id (explicit or derived).
  public var id: String
  /// The heading's plain text.
  public var title: String
  /// Its Markdown blocks.
  public var body: [Block]
  /// Where the heading is.
  public var location: DiagnosticLocation
  /// Whether it holds the credentials block.
  public var holdsCredentials: Bool
  /// Whether the id was written explicitly.
  public var hasExplicitID: Bool
  /// Whether the guide leaves it out of generated outputs: an `<!-- onboard: omit -->` comment
  /// stands right before its heading.
  public var omitted: Bool
  /// The heading as Markdown (emphasis, code and links kept; the anchor dropped).
  public var titleMarkdown: String

  /// Creates a section.
  public init(
    id: String, title: String, body: [Block], location: DiagnosticLocation, holdsCredentials: Bool,
    hasExplicitID: Bool = false, omitted: Bool = false, titleMarkdown: String? = nil
  ) {
    self.id = id
    self.title = title
    self.body = body
    self.location = location
    self.holdsCredentials = holdsCredentials
    self.hasExplicitID = hasExplicitID
    self.omitted = omitted
    self.titleMarkdown = titleMarkdown ?? title
  }

  /// Whether generated outputs (checklists, runbooks, the walk) carry it: every section but one
  /// marked `<!-- onboard: omit -->` and the one that holds the credentials block (its prose
  /// describes the block to onboard, not to a recipient).
  public var isCarried: Bool { !omitted && !holdsCredentials }
}
