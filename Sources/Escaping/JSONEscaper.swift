import OnboardSupport

/// Writes a value as a JSON string literal (RFC 8259), escaping quotes, backslashes, controls
/// and U+2028/U+2029 (so the JSON is also safe inside a `<script>` or JavaScript source).
public struct JSONEscaper: ValueEscaper {
  /// Creates the escaper.
  public init() {}

  /// The printable ASCII bytes it escapes.
  package static let special = UTF8Scan.ByteSet("\"\\<>&")

  public func escape(_ value: String) -> String {
    if UTF8Scan.isPlainASCII(value, avoiding: Self.special) { return "\"" + value + "\"" }
    var output = "\""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\"": output += "\\\""
      case "\\": output += "\\\\"
      case "\n": output += "\\n"
      case "\r": output += "\\r"
      case "\t": output += "\\t"
      case "<": output += "\\u003C"
      case ">": output += "\\u003E"
      case "&": output += "\\u0026"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x2028 || scalar.value == 0x2029 {
          output += "\\u" + UTF8Scan.hex(scalar.value, width: 4)
        } else {
          output.unicodeScalars.append(scalar)
        }
      }
    }
    return output + "\""
  }
}
