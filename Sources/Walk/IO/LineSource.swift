/// Where a ``LineWalkIO`` reads its answers: one line at a time.
public protocol LineSource: AnyObject {
  /// The next line without its line break, or `nil` at the end of the input.
  func nextLine() -> String?
}

/// Lines from standard input, as the C library buffers them.
public final class StandardInputLines: LineSource {
  /// Creates the source.
  public init() {}

  public func nextLine() -> String? {
    Swift.readLine(strippingNewline: true)
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
