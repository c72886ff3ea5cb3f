/// Escapes text for CommonMark inline content.
///
/// Every ASCII punctuation character gets a backslash (CommonMark allows escaping any of them),
/// so no value can open emphasis, a link, a heading, a list, a table cell, raw HTML or an entity.
/// Line breaks (CR, LF, CRLF, NEL, U+2028, U+2029) become one space each: a soft line break
/// renders as a space anyway, and a real break could start a new block. Other control
/// characters become U+FFFD.
public struct MarkdownEscaper: ValueEscaper {
  /// Creates the escaper.
  public init() {}

  public func escape(_ value: String) -> String {
    var output = ""
    output.reserveCapacity(value.utf8.count + 8)
    var previousWasCR = false
    for scalar in value.unicodeScalars {
      defer { previousWasCR = scalar == "\r" }
      switch scalar.value {
      case 0x0A:
        if !previousWasCR { output += " " }
      case 0x0D, 0x85, 0x2028, 0x2029:
        output += " "
      case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E:
        output += "\\"
        output.unicodeScalars.append(scalar)
      case 0x09:
        output += " "
      case 0x00...0x1F, 0x7F:
        output += "\u{FFFD}"
      default:
        output.unicodeScalars.append(scalar)
      }
    }
    return output
  }
}
