#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes to standard output with `write(2)`, checking every result.
///
/// A command's output is its result, so a write that fails ends the process at once:
/// - the reader closed the pipe (`EPIPE`, as in `onboard lint … | head`): quietly, with exit
///   code 141 (128 + SIGPIPE), which is what a shell reports for `grep` in the same place;
/// - anything else (`ENOSPC` on `/dev/full`, `EIO`, …): with a one-line message on standard
///   error and exit code 2.
///
/// Call ``ignoreBrokenPipeSignal()`` once at start-up, so that a closed pipe is an `EPIPE`
/// result here rather than a signal that kills the process at an arbitrary point.
public enum StandardOutput {
  /// The exit code after the reader of standard output went away (128 + SIGPIPE).
  public static let closedPipeStatus: Int32 = 141
  /// The exit code after any other failed write (an I/O error).
  public static let failedWriteStatus: Int32 = 2

  /// Writes `text` to standard output as UTF-8.
  public static func write(_ text: String) {
    var text = text
    text.withUTF8 { write(UnsafeRawBufferPointer($0)) }
  }

  /// Writes `bytes` to standard output.
  public static func write(bytes: [UInt8]) {
    bytes.withUnsafeBytes { write($0) }
  }

  /// Writes the bytes of `buffer` to standard output (no copy).
  public static func write(_ buffer: UnsafeRawBufferPointer) {
    let failure = DescriptorWriter.writeAll(STDOUT_FILENO, buffer)
    if failure != 0 { end(after: failure) }
  }

  /// Checks that what the C library buffered for standard output (`print`) reached it; ends
  /// the process as a failed ``write(_:)-(String)`` does if not.
  public static func flushBuffered() {
    errno = 0
    if fflush(nil) != 0 { end(after: errno == 0 ? EIO : errno) }
  }

  /// Makes a closed pipe an `EPIPE` result instead of a SIGPIPE signal, for this process and
  /// the programs it starts.
  public static func ignoreBrokenPipeSignal() {
    signal(SIGPIPE, SIG_IGN)
  }

  /// What ends the process after a failed write of standard output, as a text and a code:
  /// `nil` text for a closed pipe (nothing is said).
  public static func ending(after error: Int32) -> (message: String?, status: Int32) {
    if error == EPIPE { return (nil, closedPipeStatus) }
    return (
      "onboard: cannot write to standard output: \(String(cString: strerror(error)))\n", failedWriteStatus
    )
  }

  private static func end(after error: Int32) -> Never {
    let (message, status) = ending(after: error)
    if let message { StandardError.write(message) }
    exit(status)
  }
}

/// Writes text to standard error, unbuffered. A write that fails is dropped: there is nowhere
/// left to report it, and the exit code still tells what the command found.
public enum StandardError {
  /// Writes `text` to standard error.
  public static func write(_ text: String) {
    var text = text
    text.withUTF8 { _ = DescriptorWriter.writeAll(STDERR_FILENO, UnsafeRawBufferPointer($0)) }
  }
}

/// Writes a whole buffer to a file descriptor.
public enum DescriptorWriter {
  /// Writes every byte of `buffer` to `descriptor`, going on after short writes and `EINTR`.
  /// - Returns: 0 when everything was written, otherwise the `errno` of the write that failed
  ///   (`EIO` when the descriptor took nothing without saying why).
  public static func writeAll(_ descriptor: Int32, _ buffer: UnsafeRawBufferPointer) -> Int32 {
    guard let base = buffer.baseAddress else { return 0 }
    var offset = 0
    while offset < buffer.count {
      let written = write(descriptor, base + offset, buffer.count - offset)
      if written < 0 {
        if errno == EINTR { continue }
        return errno
      }
      if written == 0 { return EIO }
      offset += written
    }
    return 0
  }
}
