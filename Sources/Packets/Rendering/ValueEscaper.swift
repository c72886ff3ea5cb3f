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
  /// Whether every byte of `value` is printable ASCII (0x20 to 0x7E) and none is in `special`.
  /// Escapers use it to return such values without looking at each scalar.
  static func isPlainASCII(_ value: String, avoiding special: ByteSet) -> Bool {
    for byte in value.utf8 where byte < 0x20 || byte > 0x7E || special.contains(byte) { return false }
    return true
  }

  /// Whether `byte` is an ASCII letter or digit.
  @inline(__always)
  static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
    (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
  }

  /// Whether no byte of `value` is in `special` (other bytes, including non-ASCII, are fine).
  static func avoids(_ value: String, _ special: ByteSet) -> Bool {
    for byte in value.utf8 where special.contains(byte) { return false }
    return true
  }

  /// A set of ASCII bytes.
  struct ByteSet {
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    /// The bytes of `characters` (ASCII).
    init(_ characters: String) {
      for byte in characters.utf8 where byte < 0x80 {
        if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
      }
    }

    /// Whether `byte` is in the set.
    @inline(__always)
    func contains(_ byte: UInt8) -> Bool {
      byte < 64 ? low & (1 << UInt64(byte)) != 0 : byte < 128 && high & (1 << UInt64(byte - 64)) != 0
    }
  }

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
