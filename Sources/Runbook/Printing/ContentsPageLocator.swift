/// Finds the page each contents entry of a printed runbook starts on, from the text of its
/// pages (see ``PDFPageText``).
///
/// A stage and the credentials page each start a new page, so such an entry is found on the
/// page whose text starts with its heading ("Stage 2" and the stage's title), or failing that
/// with its label alone ("Stage 2", not followed by a digit), for a title the printer set apart
/// from its label. A step is found on the page that holds its heading (its number, title and
/// id), or failing that its number and title. Text is compared as its letters and digits alone,
/// lower-cased, so line breaks, spacing and upper-case styling do not matter. Entries are
/// searched in order, each from the page where the one before it was found, so a later
/// mention of a step (such as "Included because step 2.3 requires it") is not taken for it.
public struct ContentsPageLocator: Sendable {
  /// One entry: its anchor and the text that marks where it starts.
  public struct Entry: Sendable, Hashable {
    /// Where the entry's text is looked for.
    public enum Placement: Sendable, Hashable {
      /// It starts a page (a stage, the credentials page).
      case startsPage
      /// It is somewhere on a page (a step).
      case onPage
    }

    /// The anchor (a stage's or step's id, or the credentials page's).
    public var anchor: String
    /// The heading's text as printed.
    public var heading: String
    /// A shorter start of the heading that is enough on its own ("Stage 2", or a step's
    /// number and title without its id), or `nil`.
    public var label: String?
    /// Where it is looked for.
    public var placement: Placement

    /// Creates an entry.
    public init(anchor: String, heading: String, label: String? = nil, placement: Placement = .startsPage) {
      self.anchor = anchor
      self.heading = heading
      self.label = label
      self.placement = placement
    }
  }

  /// The entries, in the order they are printed.
  public var entries: [Entry]

  /// Creates a locator.
  public init(entries: [Entry]) {
    self.entries = entries
  }

  /// The 1-based page each entry starts on; an entry not found is left out.
  public func locate(pages: [String]) -> [String: Int] {
    let normalised = pages.map(Self.normalise)
    var found: [String: Int] = [:]
    var next = 0
    for entry in entries {
      let heading = Self.normalise(entry.heading)
      guard !heading.isEmpty else { continue }
      let label = entry.label.map(Self.normalise) ?? ""
      let candidates = normalised.indices.dropFirst(next)
      let index: Int?
      switch entry.placement {
      case .startsPage:
        index =
          candidates.first { normalised[$0].hasPrefix(heading) }
          ?? candidates.first { !label.isEmpty && Self.starts(normalised[$0], with: label) }
      case .onPage:
        index =
          candidates.first { normalised[$0].contains(heading) }
          ?? candidates.first { !label.isEmpty && normalised[$0].contains(label) }
      }
      guard let index else { continue }
      found[entry.anchor] = index + 1
      next = index
    }
    return found
  }

  /// Whether `text` starts with `label` and no digit follows it (`stage1` is not `stage12`).
  static func starts(_ text: String, with label: String) -> Bool {
    guard text.hasPrefix(label) else { return false }
    guard let after = text.dropFirst(label.count).first else { return true }
    return !after.isNumber
  }

  /// The letters and digits of `text`, lower-cased.
  static func normalise(_ text: String) -> String {
    String(
      String.UnicodeScalarView(
        text.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }))
  }
}
