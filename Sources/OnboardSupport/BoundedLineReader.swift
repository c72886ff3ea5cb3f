#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads lines from a file descriptor (standard input) within ``InputLimits``: a line longer
/// than the limit, or more input in all than the limit, is an error rather than memory that
/// grows until the process is killed (`onboard walk < /dev/zero`).
public final class BoundedLineReader {
  private let descriptor: Int32
  private let name: String
  private let limits: InputLimits
  private var buffer: [UInt8] = []
  private var start = 0
  private var total = 0
  private var line = 0
  private var ended = false

  /// Creates a reader.
  /// - Parameters:
  ///   - descriptor: where to read (`STDIN_FILENO`).
  ///   - name: what errors call the input ("standard input").
  ///   - limits: the most bytes in all, and in one line.
  public init(descriptor: Int32, name: String, limits: InputLimits) {
    self.descriptor = descriptor
    self.name = name
    self.limits = limits
  }

  /// The next line without its `\n`, or `nil` at the end of the input. A last line without a
  /// line break is still a line.
  /// - Throws: ``InputFile/ReadError`` for a line or an input over the limits, or a failed read.
  public func nextLine() throws -> [UInt8]? {
    var searchFrom = start
    while true {
      if let newline = buffer[searchFrom...].firstIndex(of: 0x0A) {
        try checkLength(newline - start)
        line += 1
        let result = Array(buffer[start..<newline])
        start = newline + 1
        compact()
        return result
      }
      try checkLength(buffer.count - start)
      if ended {
        guard buffer.count > start else { return nil }
        line += 1
        let result = Array(buffer[start...])
        start = buffer.count
        return result
      }
      searchFrom = buffer.count
      try fill()
    }
  }

  /// Everything up to the end of the input, within the limit for the whole input.
  /// - Throws: ``InputFile/ReadError``.
  public func readToEnd() throws -> [UInt8] {
    while !ended { try fill() }
    defer { start = buffer.count }
    return Array(buffer[start...])
  }

  private func checkLength(_ length: Int) throws {
    guard length > limits.maxLineBytes else { return }
    throw InputFile.ReadError(
      path: name,
      reason:
        "line \(line + 1) is longer than \(InputLimits.describe(limits.maxLineBytes)), the limit for a line of a \(limits.kind)"
    )
  }

  private func compact() {
    if start > 65_536 && start * 2 > buffer.count {
      buffer.removeSubrange(0..<start)
      start = 0
    }
  }

  private func fill() throws {
    var chunk = [UInt8](repeating: 0, count: 65_536)
    while true {
      let count = chunk.withUnsafeMutableBytes { raw -> Int in
        guard let base = raw.baseAddress else { return -1 }
        return read(descriptor, base, raw.count)
      }
      if count < 0 {
        if errno == EINTR { continue }
        throw InputFile.ReadError(path: name, reason: String(cString: strerror(errno)))
      }
      if count == 0 {
        ended = true
        return
      }
      total += count
      guard total <= limits.maxBytes else {
        throw InputFile.ReadError(
          path: name,
          reason: "it is larger than \(InputLimits.describe(limits.maxBytes)), the limit for a \(limits.kind)")
      }
      buffer += chunk[0..<count]
      return
    }
  }
}
