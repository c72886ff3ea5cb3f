import Escaping
import PacketPlanning

/// Escapes text for a CSS string literal (`content: "…"` in the page footer), quotes included.
///
/// Letters, digits, spaces and `. , : - _ ( ) / #` stay as they are; every other character is
/// written as a CSS hex escape (`\3c ` for `<`), so a value can neither end the string nor the
/// `<style>` element around it.
public struct CSSStringEscaper: ValueEscaper {
  /// Creates the escaper.
  public init() {}

  public func escape(_ value: String) -> String {
    var output = "\""
    for scalar in value.unicodeScalars {
      let code = scalar.value
      let plain =
        (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5A) || (code >= 0x61 && code <= 0x7A)
        || " .,:-_()/#".unicodeScalars.contains(scalar) || (code >= 0xA0 && !Self.isControl(scalar))
      if plain {
        output.unicodeScalars.append(scalar)
      } else if code == 0 {
        output += "\\fffd "
      } else {
        output += "\\" + String(code, radix: 16) + " "
      }
    }
    return output + "\""
  }

  private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned: return true
    default: return false
    }
  }
}
