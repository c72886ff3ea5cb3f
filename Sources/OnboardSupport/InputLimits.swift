/// How much onboard reads from one input: the whole input and each line. docs/cli.md lists
/// these limits; an input over one is refused with an error that names the file and the limit.
public struct InputLimits: Sendable, Equatable {
  /// What the input is, for messages ("guide", "roster", …).
  public var kind: String
  /// The most bytes the whole input may have.
  public var maxBytes: Int
  /// The most bytes one line may have, without its line break.
  public var maxLineBytes: Int

  /// Creates limits.
  public init(kind: String, maxBytes: Int, maxLineBytes: Int) {
    self.kind = kind
    self.maxBytes = maxBytes
    self.maxLineBytes = maxLineBytes
  }

  private static let mebibyte = 1 << 20

  /// A guide: 64 MiB, lines of 4 MiB.
  public static let guide = InputLimits(kind: "guide", maxBytes: 64 * mebibyte, maxLineBytes: 4 * mebibyte)
  /// A roster (read row by row): 1 GiB, lines of 4 MiB.
  public static let roster = InputLimits(kind: "roster", maxBytes: 1024 * mebibyte, maxLineBytes: 4 * mebibyte)
  /// A credential file (YAML, dotenv, JSON): 16 MiB, lines of 4 MiB.
  public static let credentialFile = InputLimits(
    kind: "credential file", maxBytes: 16 * mebibyte, maxLineBytes: 4 * mebibyte)
  /// A data table, a template set's `layout.yml` or template, or a walk's saved progress:
  /// 16 MiB, lines of 4 MiB.
  public static let dataFile = InputLimits(kind: "file", maxBytes: 16 * mebibyte, maxLineBytes: 4 * mebibyte)
  /// A list of files (`lint --files-from`): 16 MiB; each path is at most 4,096 bytes, which
  /// the command checks (a list may be separated by NUL bytes rather than lines).
  public static let fileList = InputLimits(kind: "file list", maxBytes: 16 * mebibyte, maxLineBytes: 16 * mebibyte)
  /// Answers typed or piped into a walk: 16 MiB in all, lines of 64 KiB.
  public static let answers = InputLimits(kind: "walk answer", maxBytes: 16 * mebibyte, maxLineBytes: 64 * 1024)

  /// A byte count in words: `64 MiB`, `64 KiB`, or `4096 bytes`.
  public static func describe(_ bytes: Int) -> String {
    if bytes >= mebibyte && bytes % mebibyte == 0 { return "\(bytes / mebibyte) MiB" }
    if bytes >= 1024 && bytes % 1024 == 0 { return "\(bytes / 1024) KiB" }
    return "\(bytes) bytes"
  }
}
