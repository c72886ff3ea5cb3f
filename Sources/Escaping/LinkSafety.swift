/// Decides whether a value may start a link destination, by the scheme a browser would see once
/// cmark and the browser have decoded it.
///
/// cmark decodes backslash escapes and HTML character references (`&#106;`, `&#x6A;`,
/// `&colon;`, `&Tab;`, `&NewLine;`, …) in a link destination before it writes `href`; a
/// browser then drops ASCII tabs and line breaks anywhere in a URL and spaces and controls
/// before it, and compares the scheme ignoring case. The check does all of that, and also
/// decodes percent-encoding and drops every other space and control, so that it errs on the
/// side of refusing. A named reference it does not know is dropped as well.
enum LinkSafety {
  /// The schemes refused in packets.
  static let refusedSchemes = ["javascript", "vbscript", "data", "file"]

  /// The refused scheme `value` would have as a link, or `nil` when it has none of them.
  static func refusedScheme(_ value: String) -> String? {
    let seen = browserView(value)
    for scheme in refusedSchemes where seen.hasPrefix(scheme + ":") { return scheme }
    return nil
  }

  /// The text as the scheme check sees it: references, escapes and percent-encoding decoded,
  /// spaces and controls removed, lower case. Only the start of it matters, so at most 64
  /// characters are kept.
  static func browserView(_ value: String) -> String {
    let decoded = percentDecoded(referencesDecoded(Array(value.unicodeScalars)))
    var output = String.UnicodeScalarView()
    for scalar in decoded where !isDropped(scalar) {
      output.append(scalar)
      if output.count >= 64 { break }
    }
    return String(output).lowercased()
  }

  private static func isDropped(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.properties.isWhitespace
      || scalar.properties.generalCategory == .format
  }

  /// Backslash escapes of ASCII punctuation and HTML character references decoded, as cmark
  /// does in a link destination.
  static func referencesDecoded(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
    var output: [Unicode.Scalar] = []
    var index = 0
    while index < scalars.count {
      let scalar = scalars[index]
      if scalar == "\\", index + 1 < scalars.count, asciiPunctuation.contains(scalars[index + 1]) {
        output.append(scalars[index + 1])
        index += 2
        continue
      }
      if scalar == "&", let (decoded, length) = reference(scalars, at: index) {
        output += decoded
        index += length
        continue
      }
      output.append(scalar)
      index += 1
    }
    return output
  }

  /// The reference starting at `start` (a `&`): what it stands for and how many scalars it
  /// takes, or `nil` when no reference starts there.
  private static func reference(_ scalars: [Unicode.Scalar], at start: Int) -> ([Unicode.Scalar], Int)? {
    var index = start + 1
    guard index < scalars.count else { return nil }
    if scalars[index] == "#" {
      index += 1
      var radix: UInt32 = 10
      if index < scalars.count, scalars[index] == "x" || scalars[index] == "X" {
        radix = 16
        index += 1
      }
      var value: UInt32 = 0
      var digits = 0
      while index < scalars.count, let digit = digitValue(scalars[index], radix: radix) {
        value = min(value &* radix &+ digit, 0x11_0000)
        digits += 1
        index += 1
      }
      guard digits > 0, digits <= (radix == 10 ? 7 : 6), index < scalars.count, scalars[index] == ";" else {
        return nil
      }
      let decoded = value == 0 ? nil : Unicode.Scalar(value)
      return ([decoded ?? "\u{FFFD}"], index + 1 - start)
    }
    var name = ""
    while index < scalars.count, isASCIILetterOrDigit(scalars[index]) {
      name.unicodeScalars.append(scalars[index])
      index += 1
      if name.count > 32 { return nil }
    }
    guard !name.isEmpty, index < scalars.count, scalars[index] == ";" else { return nil }
    return (namedReferences[name].map { Array($0.unicodeScalars) } ?? [], index + 1 - start)
  }

  /// The characters a backslash escapes in CommonMark.
  static let asciiPunctuation = Set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".unicodeScalars)

  /// The named references that can change how a scheme reads: its punctuation, and the
  /// spaces and line breaks a browser drops.
  static let namedReferences: [String: String] = [
    "colon": ":", "Tab": "\t", "NewLine": "\n", "nbsp": "\u{A0}", "NonBreakingSpace": "\u{A0}",
    "period": ".", "plus": "+", "hyphen": "\u{2010}", "dash": "\u{2010}", "sol": "/", "bsol": "\\",
    "num": "#", "quest": "?", "excl": "!", "percnt": "%", "amp": "&", "AMP": "&", "semi": ";",
    "lpar": "(", "rpar": ")", "commat": "@", "lowbar": "_", "zwnj": "\u{200C}", "zwj": "\u{200D}",
    "ZeroWidthSpace": "\u{200B}", "shy": "\u{AD}", "lrm": "\u{200E}", "rlm": "\u{200F}",
  ]

  /// `%XX` sequences decoded as bytes (read as UTF-8, invalid bytes as U+FFFD).
  static func percentDecoded(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
    guard scalars.contains("%") else { return scalars }
    var bytes: [UInt8] = []
    var index = 0
    while index < scalars.count {
      let scalar = scalars[index]
      if scalar == "%", index + 2 < scalars.count, let high = digitValue(scalars[index + 1], radix: 16),
        let low = digitValue(scalars[index + 2], radix: 16)
      {
        bytes.append(UInt8(high * 16 + low))
        index += 3
        continue
      }
      bytes.append(contentsOf: String(scalar).utf8)
      index += 1
    }
    return Array(String(decoding: bytes, as: UTF8.self).unicodeScalars)
  }

  private static func digitValue(_ scalar: Unicode.Scalar, radix: UInt32) -> UInt32? {
    switch scalar.value {
    case 0x30...0x39: return scalar.value - 0x30
    case 0x41...0x46 where radix == 16: return scalar.value - 0x41 + 10
    case 0x61...0x66 where radix == 16: return scalar.value - 0x61 + 10
    default: return nil
    }
  }

  private static func isASCIILetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
    (0x30...0x39).contains(scalar.value) || (0x41...0x5A).contains(scalar.value) || (0x61...0x7A).contains(scalar.value)
  }
}
