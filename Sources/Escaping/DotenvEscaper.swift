import OnboardSupport

/// Writes a value as a complete python-dotenv value: single-quoted, with `\\` and `\'` as its
/// only escapes (python-dotenv decodes exactly those two in single quotes); a line feed is kept
/// literally, which python-dotenv reads as part of the value.
///
/// python-dotenv expands `${NAME}` even inside single quotes (unless loaded with
/// `interpolate=False`) and reads files with universal newlines (a carriage return becomes a line
/// feed), and it has no escape for either. Values holding `${`, a carriage return or NUL are
/// refused by ``cannotRepresent(_:)``.
public struct DotenvEscaper: ValueEscaper {
  /// Creates the escaper.
  public init() {}

  private static let special = UTF8Scan.ByteSet("\\'")

  public func escape(_ value: String) -> String {
    if UTF8Scan.avoids(value, Self.special) { return "'" + value + "'" }
    var output = "'"
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\\": output += "\\\\"
      case "'": output += "\\'"
      default: output.unicodeScalars.append(scalar)
      }
    }
    return output + "'"
  }

  public func cannotRepresent(_ value: String) -> String? {
    if value.contains("${") {
      return "python-dotenv would expand the '${' it contains as a variable"
    }
    if value.unicodeScalars.contains(where: {
      $0 == "\r" || $0 == "\0" || $0 == "\u{85}" || $0 == "\u{2028}" || $0 == "\u{2029}"
    }) {
      return "it contains a carriage return, NUL or Unicode line separator, which a .env file cannot carry exactly"
    }
    return nil
  }
}
