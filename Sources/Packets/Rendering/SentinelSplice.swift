import OnboardSupport

/// Renders seller-filled guide Markdown to HTML with cmark once per *form* of the text, then
/// splices each seller's values into that HTML.
///
/// Most per-seller Markdown differs between sellers only by a few short values (an account
/// name in a code block, a name in a sentence). For such a text each value is replaced by a
/// *sentinel*, cmark renders the sentinel Markdown once, and each seller's HTML is that render
/// with every sentinel replaced by its value escaped the way cmark escapes text and code.
///
/// That gives cmark's bytes only when a value renders as its own escaped text wherever it sits,
/// so the splice is used only when all of these hold; otherwise cmark renders the seller's
/// Markdown as before:
/// - every value has a ``ValueForm``: no line break, tab, control character, backtick or
///   sentinel character, and no white space at either end (code spans trim it); in text also no
///   quote (which could end a link title), not only digits (which could finish a list marker),
///   its last character is a letter, digit or ASCII punctuation and its first a letter, digit
///   or punctuation that ``MarkdownEscaper`` escapes there. The escaper makes the rest inert;
/// - a text sentinel starts and ends with the same kind of character as its value (a letter,
///   or an escaped `!` for punctuation), so `*` and `_` next to it open and close emphasis as
///   they would next to the value;
/// - a link destination's value is written into the sentinel Markdown as it is (percent-encoded),
///   so it makes a form of its own (typically one per marketplace);
/// - the text defines no link reference (`]:`), which a value could match; it has no `<` when
///   a value is in text (a value could complete a raw HTML tag); no text value follows `&` and
///   letters (a value could complete an entity);
/// - no text value follows a backslash (which would escape the escaper's own backslash);
/// - every sentinel comes out of cmark in the form that proves its context: a text sentinel
///   holds `\&amp;`, which cmark writes as `&amp;amp;` only in text (in code, autolinks and raw
///   HTML the backslash stays; in a link title the entity is decoded first); a code sentinel
///   holds `&amp;`, which cmark writes as `&amp;amp;` only in code; and the render holds every
///   sentinel once.
///
/// As a guard, the first time a form is seen its splice is compared with cmark's render of the
/// seller's own Markdown, and a form that differs is never spliced.
enum SentinelSplice {
  /// How a value may stand in guide Markdown through a sentinel.
  struct ValueForm: Equatable {
    /// Whether it may stand in text (as well as in code).
    var fitsText: Bool
    /// Whether its first character is punctuation (else a letter or digit).
    var punctuationFirst: Bool
    /// Whether its last character is punctuation (else a letter or digit).
    var punctuationLast: Bool

    /// The form of `value`, or `nil` when only cmark can say how it renders.
    init?(_ value: String) {
      let scalars = value.unicodeScalars
      guard let first = scalars.first, let last = scalars.last, !first.properties.isWhitespace,
        !last.properties.isWhitespace
      else { return nil }
      var fitsText = true
      for scalar in scalars {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x60, 0x2028, 0x2029, 0xE000...0xE003: return nil
        case 0x22, 0x27: fitsText = false
        default: continue
        }
      }
      let firstKind = Self.kind(first)
      let lastKind = Self.kind(last)
      // Punctuation first only when the escaper escapes it, so the value starts with `\` and
      // cannot join what comes before (`]` and `:`); digits alone could finish a list marker.
      let escapedFirst = first.isASCII && Self.escapedFirst.contains(UInt8(first.value))
      let digitsOnly = value.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
      self.fitsText =
        fitsText && lastKind != nil && !digitsOnly && (firstKind == false || (firstKind == true && escapedFirst))
      self.punctuationFirst = firstKind == true
      self.punctuationLast = lastKind == true
    }

    /// The ASCII punctuation ``MarkdownEscaper`` escapes at the start of a value.
    private static let escapedFirst = Set("\\*_{}[]()<>!|~&$#+-=".utf8)

    /// `true` for ASCII punctuation, `false` for a letter or digit, `nil` for anything else
    /// (whose kind cmark may see otherwise).
    private static func kind(_ scalar: Unicode.Scalar) -> Bool? {
      if scalar.isASCII {
        let byte = UInt8(scalar.value)
        if UTF8Scan.isASCIIAlphanumeric(byte) { return false }
        return (0x21...0x7E).contains(byte) ? true : nil
      }
      switch scalar.properties.generalCategory {
      case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber,
        .letterNumber, .otherNumber:
        return false
      default:
        return nil
      }
    }
  }

  /// A text with sentinels in place of the seller's values.
  struct Template {
    /// The Markdown with sentinels.
    private(set) var markdown: [UInt8] = []
    /// How many sentinels it holds.
    private(set) var sentinels = 0
    /// Whether any sentinel sits in text (not code).
    private(set) var hasTextSentinel = false

    /// An empty template.
    init() {}

    /// A template of literal Markdown.
    init(literal text: String) {
      markdown = Array(text.utf8)
    }

    /// Appends literal Markdown.
    mutating func append(literal bytes: some Collection<UInt8>) {
      markdown.append(contentsOf: bytes)
    }

    /// Appends the sentinel for variable `number`: in code, or in text shaped like `form`.
    /// - Returns: `false` when the value cannot stand in text.
    mutating func appendSentinel(_ number: Int, form: ValueForm, inCode: Bool) -> Bool {
      if inCode {
        markdown.append(contentsOf: lead)
        markdown.append(contentsOf: codeMark)
        markdown.append(contentsOf: String(number).utf8)
        markdown.append(contentsOf: tail)
      } else {
        guard form.fitsText else { return false }
        if form.punctuationFirst { markdown.append(contentsOf: escapedPunctuation) }
        markdown.append(contentsOf: form.punctuationFirst ? leadAfterPunctuation : lead)
        markdown.append(contentsOf: textMark)
        markdown.append(contentsOf: String(number).utf8)
        markdown.append(contentsOf: form.punctuationLast ? tailBeforePunctuation : tail)
        if form.punctuationLast { markdown.append(contentsOf: escapedPunctuation) }
        hasTextSentinel = true
      }
      sentinels += 1
      return true
    }

    /// Appends another template.
    mutating func append(_ other: Template) {
      markdown.append(contentsOf: other.markdown)
      sentinels += other.sentinels
      hasTextSentinel = hasTextSentinel || other.hasTextSentinel
    }

    /// Whether nothing around the sentinels can make a value render otherwise than its
    /// sentinel: no link reference definitions, no stray sentinel characters, and for text
    /// sentinels no `<` and no `&` with letters or digits right before one.
    var isSafe: Bool {
      let bytes = markdown
      var marks = 0
      for index in bytes.indices {
        let byte = bytes[index]
        if byte == UInt8(ascii: "]") && index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: ":") {
          return false
        }
        if byte == UInt8(ascii: "<") && hasTextSentinel { return false }
        guard let character = SentinelSplice.sentinelCharacter(bytes, at: index) else { continue }
        marks += 1
        guard character == 0 || character == 2, starts(bytes, at: index + 3, with: textMark) else { continue }
        // A backslash before a text sentinel would escape the value's first character.
        let start = character == 2 ? index - escapedPunctuation.count : index
        if start > 0 && bytes[start - 1] == UInt8(ascii: "\\") { return false }
        if character == 0 {
          var back = index - 1
          while back >= 0 && (UTF8Scan.isASCIIAlphanumeric(bytes[back]) || bytes[back] == UInt8(ascii: "#")) {
            back -= 1
          }
          if back >= 0 && bytes[back] == UInt8(ascii: "&") { return false }
        }
      }
      return marks == 2 * sentinels
    }
  }

  /// The variables that sentinels stand for, by number (one registry per context builder, so
  /// one thread).
  final class Names {
    private var numbers: [String: Int] = [:]
    private(set) var names: [String] = []

    /// The number of variable `name`, given on first use.
    func number(of name: String) -> Int {
      if let known = numbers[name] { return known }
      numbers[name] = names.count
      names.append(name)
      return names.count - 1
    }

    /// The variable numbered `number`, if any.
    func name(_ number: Int) -> String? { number < names.count ? names[number] : nil }
  }

  // Sentinel characters: private-use U+E000 to U+E003, which cmark passes through as letters.
  /// U+E000: opens a sentinel.
  static let lead: [UInt8] = [0xEE, 0x80, 0x80]
  /// U+E001: closes one.
  static let tail: [UInt8] = [0xEE, 0x80, 0x81]
  /// U+E002: opens one that follows ``escapedPunctuation``.
  static let leadAfterPunctuation: [UInt8] = [0xEE, 0x80, 0x82]
  /// U+E003: closes one that ``escapedPunctuation`` follows.
  static let tailBeforePunctuation: [UInt8] = [0xEE, 0x80, 0x83]
  /// An escaped `!`: what a sentinel starts or ends with for a value that does with punctuation.
  static let escapedPunctuation: [UInt8] = Array("\\!".utf8)
  /// What follows the lead of a text sentinel in Markdown, and in cmark's HTML.
  static let textMark: [UInt8] = Array("\\&amp;t".utf8)
  static let renderedTextMark: [UInt8] = Array("&amp;amp;t".utf8)
  /// What follows the lead of a code sentinel in Markdown, and in cmark's HTML.
  static let codeMark: [UInt8] = Array("&amp;c".utf8)
  static let renderedCodeMark: [UInt8] = Array("&amp;amp;c".utf8)

  /// Which sentinel character (0 to 3 for U+E000 to U+E003) starts at `index`, if any.
  static func sentinelCharacter<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, at index: Int) -> Int?
  where Bytes.Index == Int {
    guard index + 2 < bytes.count, bytes[index] == 0xEE, bytes[index + 1] == 0x80,
      (0x80...0x83).contains(bytes[index + 2])
    else { return nil }
    return Int(bytes[index + 2] - 0x80)
  }

  /// Whether `bytes` holds `prefix` at `index`.
  static func starts<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, at index: Int, with prefix: [UInt8]) -> Bool
  where Bytes.Index == Int {
    guard index >= 0, index + prefix.count <= bytes.count else { return false }
    for offset in 0..<prefix.count where bytes[index + offset] != prefix[offset] { return false }
    return true
  }

  /// cmark's HTML for a template with each sentinel replaced by `value(number)` escaped as cmark
  /// escapes text; `nil` when a sentinel is missing, doubled, malformed or has no value.
  /// - Parameter expected: how many sentinels the template held.
  static func fill(_ html: String, expected: Int, value: (Int) -> String?) -> String? {
    var output: [UInt8] = []
    output.reserveCapacity(html.utf8.count + 64)
    var found = 0
    let punctuation = UInt8(ascii: "!")
    let filled: Bool =
      html.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
        var index = 0
        var copied = 0
        while index < bytes.count {
          guard let opening = sentinelCharacter(bytes, at: index) else {
            index += 1
            continue
          }
          output.append(contentsOf: bytes[copied..<index])
          var cursor = index + 3
          let inCode: Bool
          if opening == 0 && starts(bytes, at: cursor, with: renderedCodeMark) {
            cursor += renderedCodeMark.count
            inCode = true
          } else if opening == 0 || opening == 2, starts(bytes, at: cursor, with: renderedTextMark) {
            cursor += renderedTextMark.count
            inCode = false
          } else {
            return false
          }
          if opening == 2 {
            guard output.last == punctuation else { return false }
            output.removeLast()
          }
          var number = 0
          let digitsStart = cursor
          while cursor < bytes.count, bytes[cursor] >= 0x30, bytes[cursor] <= 0x39, cursor - digitsStart < 9 {
            number = number * 10 + Int(bytes[cursor] - 0x30)
            cursor += 1
          }
          guard cursor > digitsStart, let closing = sentinelCharacter(bytes, at: cursor), closing == 1 || closing == 3,
            !(inCode && closing == 3), let text = value(number)
          else { return false }
          cursor += 3
          if closing == 3 {
            guard cursor < bytes.count, bytes[cursor] == punctuation else { return false }
            cursor += 1
          }
          appendEscaped(text, to: &output)
          found += 1
          index = cursor
          copied = cursor
        }
        output.append(contentsOf: bytes[copied..<bytes.count])
        return true
      } ?? false
    guard filled, found == expected else { return nil }
    return String(decoding: output, as: UTF8.self)
  }

  /// `text` escaped as cmark's HTML renderer escapes text and code: `&`, `<`, `>` and `"`.
  static func appendEscaped(_ text: String, to output: inout [UInt8]) {
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "&"): output.append(contentsOf: "&amp;".utf8)
      case UInt8(ascii: "<"): output.append(contentsOf: "&lt;".utf8)
      case UInt8(ascii: ">"): output.append(contentsOf: "&gt;".utf8)
      case UInt8(ascii: "\""): output.append(contentsOf: "&quot;".utf8)
      default: output.append(byte)
      }
    }
  }
}
