import OnboardSupport

/// Makes text safe after a line-comment marker (`#` in YAML, dotenv and Python): one line,
/// with line breaks and other controls shown as `\n`, `\r`, `\t` or `\u{…}` and backslashes
/// doubled, so the comment cannot end early and the original text can be read back exactly.
public struct CommentEscaper: ValueEscaper {
  /// Creates the escaper.
  public init() {}

  private static let special = UTF8Scan.ByteSet("\\")

  public func escape(_ value: String) -> String {
    if UTF8Scan.isPlainASCII(value, avoiding: Self.special) { return value }
    var output = ""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\\": output += "\\\\"
      case "\n": output += "\\n"
      case "\r": output += "\\r"
      case "\t": output += "\\t"
      default:
        if UTF8Scan.isInvisibleOrControl(scalar) {
          output += "\\u{" + UTF8Scan.hex(scalar.value, width: 4) + "}"
        } else {
          output.unicodeScalars.append(scalar)
        }
      }
    }
    return output
  }
}
