import Foundation

/// Text made safe and friendly for a terminal.
public enum TerminalText {
  /// `text` with every control character except line feed and tab, and every text-direction
  /// control (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), shown as `\u{…}`, so that
  /// guide or roster text cannot move the cursor, change colours, set the window title or
  /// reorder what the terminal shows.
  public static func inert(_ text: String) -> String {
    var output = ""
    output.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0x0A, 0x09:
        output.unicodeScalars.append(scalar)
      case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
        output += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
      default:
        output.unicodeScalars.append(scalar)
      }
    }
    return output
  }

  /// An OSC 8 hyperlink to a local file: `ESC ] 8 ; ; file://… ESC \ label ESC ] 8 ; ; ESC \`.
  /// The path is made absolute and percent-encoded; the label is made inert.
  public static func fileHyperlink(path: String, label: String) -> String {
    let url = URL(fileURLWithPath: path).standardizedFileURL.absoluteString
    return "\u{1B}]8;;\(inert(url))\u{1B}\\\(inert(label))\u{1B}]8;;\u{1B}\\"
  }

  /// Whether a terminal should get hyperlinks: the output is a terminal and `TERM` is set and
  /// not `dumb`.
  public static func supportsHyperlinks(outputIsTerminal: Bool, environment: [String: String]) -> Bool {
    guard outputIsTerminal, let term = environment["TERM"], !term.isEmpty else { return false }
    return term != "dumb"
  }

  /// Whether a terminal should get ANSI styles (bold, colour): the output is a terminal, `TERM`
  /// is set and not `dumb`, and `NO_COLOR` is unset or empty.
  public static func supportsStyle(outputIsTerminal: Bool, environment: [String: String]) -> Bool {
    guard supportsHyperlinks(outputIsTerminal: outputIsTerminal, environment: environment) else { return false }
    return environment["NO_COLOR"].map(\.isEmpty) ?? true
  }

  /// Indents every non-empty line of `text` by `prefix`.
  public static func indent(_ text: String, by prefix: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false)
      .map { $0.isEmpty ? "" : prefix + $0 }
      .joined(separator: "\n")
  }
}
