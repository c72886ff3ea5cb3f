import OnboardSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where a ``LineWalkIO`` reads its answers: one line at a time.
public protocol LineSource: AnyObject {
  /// The next line without its line break, or `nil` at the end of the input.
  /// - Throws: ``InputFile/ReadError`` when the input is over its limits.
  func nextLine() throws -> String?
}

/// Lines from standard input, within ``InputLimits/answers`` (64 KiB a line, 16 MiB in all),
/// so that `onboard walk < /dev/zero` stops with an error instead of filling the memory.
public final class StandardInputLines: LineSource {
  private let reader: BoundedLineReader

  /// Creates the source.
  public init(descriptor: Int32 = STDIN_FILENO, limits: InputLimits = .answers) {
    reader = BoundedLineReader(descriptor: descriptor, name: "standard input", limits: limits)
  }

  public func nextLine() throws -> String? {
    try reader.nextLine().map { String(decoding: $0, as: UTF8.self) }
  }
}

/// Lines from a fixed list (for tests and scripted runs).
public final class ScriptedLines: LineSource {
  private var lines: [String]
  private var position = 0

  /// Creates a source that yields `lines`, then ends.
  public init(_ lines: [String]) {
    self.lines = lines
  }

  /// How many lines have been read.
  public var consumed: Int { position }

  public func nextLine() -> String? {
    guard position < lines.count else { return nil }
    defer { position += 1 }
    return lines[position]
  }
}
