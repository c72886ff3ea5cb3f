/// Turns a value into text that is inert in one kind of output file.
///
/// Each output a packet writes has its own escaper: HTML entities, Markdown backslashes, YAML
/// and dotenv and Python and JSON string literals. Escapers never fail; a value that an output
/// cannot carry exactly is refused earlier, by ``ValueEscaper/cannotRepresent(_:)``.
public protocol ValueEscaper: Sendable {
  /// The escaped (for literal formats: the complete quoted) form of `value`.
  func escape(_ value: String) -> String
  /// Why `value` cannot be written exactly in this format, or `nil` when it can.
  /// The reason never quotes the value.
  func cannotRepresent(_ value: String) -> String?
}

extension ValueEscaper {
  /// Every value can be represented unless an escaper says otherwise.
  public func cannotRepresent(_ value: String) -> String? { nil }
}

/// Helpers shared by the escapers.
enum EscapeSupport {
  /// `\u{XXXX}`-style hex digits, upper case, zero-padded to `width`.
  static func hex(_ value: UInt32, width: Int) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }

  /// Whether a scalar is invisible or a control: C0, DEL, C1, line and paragraph separators,
  /// format characters (zero-width, BOM, bidi controls), surrogates, private use, unassigned.
  static func isInvisibleOrControl(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned:
      return true
    default:
      return false
    }
  }
}
