/// A walk conversation over plain lines, for when standard input is not a terminal: every
/// answer, secret or not, is the next input line. Nothing read is ever written back; after each
/// prompt a line break is written so that a transcript reads one prompt per line.
public final class LineWalkIO: WalkIO {
  private let source: any LineSource
  private let write: (String) -> Void

  /// Creates the conversation.
  /// - Parameters:
  ///   - source: where answers come from.
  ///   - write: where text goes (standard output, standard error, or a test's buffer).
  public init(source: any LineSource, write: @escaping (String) -> Void) {
    self.source = source
    self.write = write
  }

  public func show(_ text: String) {
    write(text)
  }

  public func readLine(_ prompt: String) throws -> String {
    write(prompt)
    guard let line = try source.nextLine() else {
      write("\n")
      throw WalkEnded.endOfInput
    }
    write("\n")
    return Self.stripCarriageReturn(line)
  }

  public func readSecret(_ prompt: String) throws -> String {
    try readLine(prompt)
  }

  static func stripCarriageReturn(_ line: String) -> String {
    line.hasSuffix("\r") ? String(line.dropLast()) : line
  }
}
