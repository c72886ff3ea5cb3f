import CredentialSpecs

/// A parsed credential file: its entries in a shape shared by every format, plus the facts
/// only one format has. Parsers fill it; rules read it.
public struct CredentialDocument: Sendable {
  /// The file.
  public var source: SourceFile
  /// The syntax it is written in.
  public var format: CredentialFileFormat
  /// The layout it is read as.
  public var layout: ServiceLayout.FileLayout
  /// Every key and value, in file order (overridden duplicates included, and marked).
  public var entries: [CredentialEntry] = []
  /// The accounts the file declares, in file order.
  public var accounts: [AccountSection] = []
  /// Places the parser could not read. When the whole file is unreadable, `entries` is empty.
  public var syntaxIssues: [SyntaxIssue] = []
  /// Whether a syntax issue stops the consumer from loading anything at all.
  public var isUnreadable = false
  /// Keys written twice.
  public var duplicates: [DuplicateKey] = []
  /// YAML facts, for YAML files.
  public var yaml = YAMLFacts()
  /// dotenv lines, for dotenv files.
  public var dotenvBindings: [DotenvBinding] = []

  /// Creates an empty document for a file.
  public init(source: SourceFile, format: CredentialFileFormat, layout: ServiceLayout.FileLayout) {
    self.source = source
    self.format = format
    self.layout = layout
  }

  /// The entries that count: for each account and name, the last one written.
  public var effectiveEntries: [CredentialEntry] { entries.filter { !$0.isOverridden } }
}

/// What only YAML files have.
public struct YAMLFacts: Hashable, Sendable {
  /// What the document's root is when it is not a mapping ("a list", "a single value").
  public var rootShape: String?
  /// Where the root is.
  public var rootSpan: SourceSpan?
  /// Whether the document is empty (no content, or only comments).
  public var isEmptyDocument = false
  /// Top-level entries that are neither accounts nor allowed settings (a credential key that
  /// lost its indentation), accounts-yaml only.
  public var strayEntries: [CredentialEntry] = []
  /// Allowed top-level settings such as `version`.
  public var settings: [CredentialEntry] = []
  /// Keys that YAML does not load as strings (account names such as `yes` or `123`).
  public var nonStringKeys: [NonStringKey] = []
  /// The first anchor or alias, which makes the file unreadable (``YAMLAliasScan``).
  public var aliasSpan: SourceSpan?
  /// Whether ``aliasSpan`` is an anchor (`&`) rather than an alias (`*`).
  public var aliasIsAnchor = false

  /// Creates empty facts.
  public init() {}
}

/// A mapping key that YAML loads as something other than a string.
public struct NonStringKey: Hashable, Sendable {
  /// The key as written.
  public var text: String
  /// What it loads as.
  public var loadedType: LoadedType
  /// Where it is.
  public var span: SourceSpan
  /// Whether it names an account section.
  public var isAccount: Bool
}
