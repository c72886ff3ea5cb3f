/// Finds the page each contents entry of a printed runbook starts on, from the text of its
/// pages (see ``PDFPageText``).
///
/// Each entry is known by the heading that starts its page (a stage starts a new page, and so
/// does the credentials page): "Stage 2" and the stage's title. Text is compared as its
/// letters and digits alone, lower-cased, so line breaks, hyphen-free wrapping, spacing and
/// the heading's upper-case styling do not matter. Entries are searched in order, each from the
/// page after the one before it, and a page matches when its text starts with the heading;
/// failing that, when it starts with the entry's label ("Stage 2", not followed by a digit),
/// for a title the printer set apart from its label.
public struct ContentsPageLocator: Sendable {
  /// One entry: its anchor and the text its page starts with.
  public struct Entry: Sendable, Hashable {
    /// The anchor (a stage's id, or the credentials page's).
    public var anchor: String
    /// The heading's text as printed.
    public var heading: String
    /// The start of the heading that is enough on its own ("Stage 2"), or `nil`.
    public var label: String?

    /// Creates an entry.
    public init(anchor: String, heading: String, label: String? = nil) {
      self.anchor = anchor
      self.heading = heading
      self.label = label
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
      guard
        let index = candidates.first(where: { normalised[$0].hasPrefix(heading) })
          ?? candidates.first(where: { !label.isEmpty && Self.starts(normalised[$0], with: label) })
      else {
        continue
      }
      found[entry.anchor] = index + 1
      next = index + 1
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
