/// Escapes text for HTML element content and quoted attribute values: `& < > " '`.
public struct HTMLEscaper: ValueEscaper {
  /// Creates the escaper.
  public init() {}

  public func escape(_ value: String) -> String {
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
