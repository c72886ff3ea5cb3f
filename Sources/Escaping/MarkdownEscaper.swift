import OnboardSupport

/// Escapes text for CommonMark (and GitHub) inline content.
///
/// Characters that can open inline structure anywhere get a backslash: `\` `` ` `` `*` `_`
/// `{` `}` `[` `]` `(` `)` `<` `>` `!` `|` `~` `&` `$` (CommonMark allows escaping any ASCII
/// punctuation). Characters that only mean something at the start of a line — `#`, `+`, `-`,
/// `=` and the `.` or `)` after leading digits — are escaped when the value starts with them,
/// since a placeholder may sit at a line's start. Line breaks (CR, LF, CRLF, NEL, U+2028,
/// U+2029) and tabs become one space each (leading spaces become `&#32;`, so that they are
/// kept and cannot make an indented code block): a soft line break renders as a space anyway, and a
/// real break could start a new block. Other control characters become U+FFFD. So no value can
/// open emphasis, a link, a heading, a list, a table cell, raw HTML, math or an entity.
public struct MarkdownEscaper: ValueEscaper {
  /// Creates the escaper.
  public init() {}

  /// Bytes escaped wherever they are.
  private static let special = UTF8Scan.ByteSet("\\`*_{}[]()<>!|~&$")
  /// Bytes that mean something at the start of a value (or, for digits, before a `.`).
  private static let specialFirst = UTF8Scan.ByteSet(" #+-=0123456789")

  public func escape(_ value: String) -> String {
    if let first = value.utf8.first, !Self.specialFirst.contains(first),
      UTF8Scan.isPlainASCII(value, avoiding: Self.special)
    {
      return value
    }
    var output = ""
    output.reserveCapacity(value.utf8.count + 8)
    var previousWasCR = false
    var atStart = true
    var leadingDigits = true
    var leadingSpace = true
    for scalar in value.unicodeScalars {
      defer {
        previousWasCR = scalar == "\r"
        if !(scalar.value >= 0x30 && scalar.value <= 0x39) { leadingDigits = false }
        if scalar != " " && scalar != "\t" { leadingSpace = false }
        atStart = false
      }
      switch scalar.value {
      case 0x20, 0x09:
        output += leadingSpace ? "&#32;" : " "
      case 0x0A:
        if !previousWasCR { output += " " }
      case 0x0D, 0x85, 0x2028, 0x2029:
        output += " "
      case 0x5C, 0x60, 0x2A, 0x5F, 0x7B, 0x7D, 0x5B, 0x5D, 0x28, 0x29, 0x3C, 0x3E, 0x21, 0x7C, 0x7E, 0x26, 0x24:
        output += "\\"
        output.unicodeScalars.append(scalar)
      case 0x23, 0x2B, 0x2D, 0x3D:
        if atStart { output += "\\" }
        output.unicodeScalars.append(scalar)
      case 0x2E where leadingDigits && !atStart:
        output += "\\"
        output.unicodeScalars.append(scalar)
      case 0x00...0x1F, 0x7F:
        output += "\u{FFFD}"
      default:
        output.unicodeScalars.append(scalar)
      }
    }
    return output
  }
}
