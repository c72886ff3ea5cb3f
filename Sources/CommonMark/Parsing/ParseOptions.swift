/// Options for cmark's parser.
public struct ParseOptions: OptionSet, Sendable, Hashable {
  public let rawValue: Int32

  public init(rawValue: Int32) {
    self.rawValue = rawValue
  }

  /// Straight quotes to curly, `--` to dashes (cmark's `CMARK_OPT_SMART`).
  public static let smart = ParseOptions(rawValue: 1 << 10)
  /// Replace invalid UTF-8 with U+FFFD before parsing (cmark's `CMARK_OPT_VALIDATE_UTF8`).
  public static let validateUTF8 = ParseOptions(rawValue: 1 << 9)
}
