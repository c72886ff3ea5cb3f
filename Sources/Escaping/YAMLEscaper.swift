import OnboardSupport

/// Writes a value as a complete YAML scalar that every YAML 1.1 and 1.2 reader (PyYAML,
/// confuse, libyaml, Yams) reads back as exactly that string.
///
/// The value is always quoted, so it is never read as a number, boolean, null, date, anchor,
/// tag or comment. Single quotes are used (`'` doubled) unless the value holds a line break or
/// a character YAML cannot carry literally; then it is double-quoted with escapes.
public struct YAMLEscaper: ValueEscaper {
  /// Creates the escaper.
  public init() {}

  private static let special = UTF8Scan.ByteSet("'")

  public func escape(_ value: String) -> String {
    if UTF8Scan.isPlainASCII(value, avoiding: Self.special) { return "'" + value + "'" }
    if value.unicodeScalars.contains(where: Self.needsDoubleQuotes) {
      return doubleQuoted(value)
    }
    return "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
  }

  /// A mapping key: the text itself when it is a plain identifier that every YAML reader takes
  /// as that string (`[A-Za-z_][A-Za-z0-9_]*`, not a YAML 1.1 boolean or null word), otherwise
  /// the quoted form of ``escape(_:)``.
  public static func key(_ text: String) -> String {
    let reserved: Set<String> = ["y", "n", "yes", "no", "true", "false", "on", "off", "null"]
    let bytes = Array(text.utf8)
    let isIdentifier =
      !bytes.isEmpty && !(bytes[0] >= 0x30 && bytes[0] <= 0x39)
      && bytes.allSatisfy { byte in
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
          || byte == 0x5F
      }
    if isIdentifier && !reserved.contains(text.lowercased()) { return text }
    return YAMLEscaper().escape(text)
  }

  /// Line breaks (YAML 1.1 counts NEL, U+2028, U+2029 too), controls other than tab, and
  /// characters outside YAML's printable set.
  static func needsDoubleQuotes(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x09: return false
    case 0x00...0x1F, 0x7F...0x9F: return true
    case 0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF: return true
    default: return false
    }
  }

  func doubleQuoted(_ value: String) -> String {
    var output = "\""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\\": output += "\\\\"
      case "\"": output += "\\\""
      case "\n": output += "\\n"
      case "\r": output += "\\r"
      case "\t": output += "\\t"
      case "\0": output += "\\0"
      default:
        if Self.needsDoubleQuotes(scalar) {
          output +=
            scalar.value <= 0xFF
            ? "\\x" + UTF8Scan.hex(scalar.value, width: 2)
            : "\\u" + UTF8Scan.hex(scalar.value, width: 4)
        } else {
          output.unicodeScalars.append(scalar)
        }
      }
    }
    return output + "\""
  }
}
