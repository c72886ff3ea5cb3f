import Escaping
import Mustache

/// The markers that stand for per-seller fields in a shape context, and how a rendered shape
/// shows where each one went.
///
/// A per-seller field is the text `\u{1}N\u{2}` (slot `N`). Written with `{{{field}}}` it
/// comes out as it is; written with `{{field}}` the shape's content type turns it into
/// `\u{1}N\u{3}F\u{2}`, where `F` is the output format whose escaper applies. Guide and
/// template text never hold these control characters (a template that does is not spliced,
/// and every new shape is checked against a full Mustache render).
enum SlotMarker {
  static let open: UInt8 = 0x01
  static let close: UInt8 = 0x02
  static let escaped: UInt8 = 0x03

  /// The marker of slot `slot`.
  static func raw(_ slot: Int) -> String { "\u{1}\(slot)\u{2}" }

  /// The marker of slot `slot` escaped for `format`.
  static func escaped(_ slot: Int, format: OutputFormat) -> String {
    "\u{1}\(slot)\u{3}\(format.index)\u{2}"
  }

  /// The slot of a raw marker, or `nil` when `text` is not exactly one.
  static func slot(ofRaw text: String) -> Int? {
    var utf8 = text.utf8.makeIterator()
    guard utf8.next() == open else { return nil }
    var slot = 0
    var digits = 0
    while let byte = utf8.next() {
      if byte == close { return digits > 0 && utf8.next() == nil ? slot : nil }
      guard byte >= 0x30 && byte <= 0x39, digits < 9 else { return nil }
      slot = slot * 10 + Int(byte - 0x30)
      digits += 1
    }
    return nil
  }

  /// The Mustache content type name of shape rendering in `format`.
  static func contentTypeName(_ format: OutputFormat) -> String { "ONBOARD_SHAPE_" + format.rawValue.uppercased() }

  /// Registers the shape content types (idempotent).
  static func registerContentTypes() {
    for format in OutputFormat.allCases {
      MustacheContentTypes.register(MarkerContentType(format: format), named: contentTypeName(format))
    }
  }
}

/// Escapes like the format's escaper, except that a slot marker becomes its escaped marker.
struct MarkerContentType: MustacheContentType {
  let format: OutputFormat
  let escaper: any ValueEscaper

  init(format: OutputFormat) {
    self.format = format
    self.escaper = format.escaper
  }

  func escapeText(_ text: String) -> String {
    if let slot = SlotMarker.slot(ofRaw: text) { return SlotMarker.escaped(slot, format: format) }
    return escaper.escape(text)
  }
}
