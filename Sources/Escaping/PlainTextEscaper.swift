import OnboardSupport

/// Text files: values are written as they are, with control characters other than line breaks
/// and tabs replaced by U+FFFD.
public struct PlainTextEscaper: ValueEscaper {
  /// Creates the escaper.
  public init() {}

  public func escape(_ value: String) -> String {
    if UTF8Scan.isPlainASCII(value, avoiding: UTF8Scan.ByteSet("")) { return value }
    return String(
      String.UnicodeScalarView(
        value.unicodeScalars.map { scalar in
          let isControl = (scalar.value < 0x20 && scalar != "\n" && scalar != "\t") || scalar.value == 0x7F
          return isControl ? "\u{FFFD}" : scalar
        }))
  }
}
