import OnboardSupport

/// Escapes text for HTML element content and quoted attribute values: `& < > " '`.
public struct HTMLEscaper: ValueEscaper {
  /// Creates the escaper.
  public init() {}

  private static let special = UTF8Scan.ByteSet("&<>\"'\u{0}")

  public func escape(_ value: String) -> String {
    if UTF8Scan.avoids(value, Self.special) { return value }
    var output = ""
    output.reserveCapacity(value.utf8.count)
    for scalar in value.unicodeScalars {
      switch scalar {
      case "&": output += "&amp;"
      case "<": output += "&lt;"
      case ">": output += "&gt;"
      case "\"": output += "&quot;"
      case "'": output += "&#39;"
      case "\0": output += "&#xFFFD;"
      default: output.unicodeScalars.append(scalar)
      }
    }
    return output
  }
}
