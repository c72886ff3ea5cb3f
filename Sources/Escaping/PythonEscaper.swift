import OnboardSupport

/// Writes a value as a Python string literal, like `repr()`: single-quoted, with backslash
/// escapes for `\`, `'`, line breaks, tabs and every invisible or control character, so the
/// source file holds one literal per line whatever the value.
public struct PythonEscaper: ValueEscaper {
  /// Creates the escaper.
  public init() {}

  private static let special = UTF8Scan.ByteSet("\\'")

  public func escape(_ value: String) -> String {
    if UTF8Scan.isPlainASCII(value, avoiding: Self.special) { return "'" + value + "'" }
    var output = "'"
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\\": output += "\\\\"
      case "'": output += "\\'"
      case "\n": output += "\\n"
      case "\r": output += "\\r"
      case "\t": output += "\\t"
      default:
        if UTF8Scan.isInvisibleOrControl(scalar) {
          if scalar.value <= 0xFF {
            output += "\\x" + UTF8Scan.hex(scalar.value, width: 2)
          } else if scalar.value <= 0xFFFF {
            output += "\\u" + UTF8Scan.hex(scalar.value, width: 4)
          } else {
            output += "\\U" + UTF8Scan.hex(scalar.value, width: 8)
          }
        } else {
          output.unicodeScalars.append(scalar)
        }
      }
    }
    return output + "'"
  }
}
