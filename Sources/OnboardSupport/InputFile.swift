#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads the files people name (guides, rosters, credential files, data tables, layouts,
/// file lists): only regular files, and only within ``InputLimits``.
///
/// A path is checked with `stat` before it is opened, so a FIFO, a device (`/dev/zero`), a
/// socket or a folder is refused without blocking or reading forever. It is then opened with
/// `O_NONBLOCK` (opening a FIFO swapped in meanwhile cannot block) and checked again with
/// `fstat` (still a regular file, the same one). Symbolic links to regular files are followed.
/// The size and every line are checked against the limits before the bytes are handed on.
public enum InputFile {
  /// A file that cannot be read; the reason is the system's or a limit, never the content.
  public struct ReadError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The path as given.
    public var path: String
    /// Why, in words ("it is a FIFO, not a regular file").
    public var reason: String
    /// Whether the file does not exist (`ENOENT`), which some callers treat as "empty".
    public var isMissing: Bool

    /// Creates an error.
    public init(path: String, reason: String, isMissing: Bool = false) {
      self.path = path
      self.reason = reason
      self.isMissing = isMissing
    }

    public var description: String { "cannot read \(path): \(reason)" }
  }

  /// A file's bytes and its permission bits (`st_mode & 0o7777`, of the file a link leads to).
  public struct Contents: Sendable {
    /// The bytes.
    public var bytes: [UInt8]
    /// The permission bits.
    public var mode: UInt16
  }

  /// Reads a whole regular file within `limits`.
  /// - Throws: ``ReadError``.
  public static func read(_ path: String, limits: InputLimits) throws -> [UInt8] {
    try readWithMode(path, limits: limits).bytes
  }

  /// Reads a whole regular file within `limits`, or returns `nil` when it does not exist.
  /// - Throws: ``ReadError`` when it exists but cannot be read.
  public static func readIfPresent(_ path: String, limits: InputLimits) throws -> [UInt8]? {
    do {
      return try read(path, limits: limits)
    } catch let error as ReadError where error.isMissing {
      return nil
    }
  }

  /// Reads a whole regular file within `limits`, with its permission bits.
  /// - Throws: ``ReadError``.
  public static func readWithMode(_ path: String, limits: InputLimits) throws -> Contents {
    let (descriptor, status) = try openChecked(path, limits: limits)
    defer { close(descriptor) }
    let expected = Int(status.st_size)
    // One byte more than the file's size (or the limit), so that a file that grew is noticed.
    var bytes = [UInt8](repeating: 0, count: min(expected, limits.maxBytes) + 1)
    var count = 0
    while true {
      if count == bytes.count {
        guard count <= limits.maxBytes else { throw tooLarge(path, limits) }
        bytes.append(contentsOf: repeatElement(0, count: min(max(bytes.count, 4096), limits.maxBytes + 1 - count)))
      }
      let result = bytes.withUnsafeMutableBytes { buffer -> Int in
        guard let base = buffer.baseAddress else { return -1 }
        return systemRead(descriptor, base + count, buffer.count - count)
      }
      if result < 0 {
        if errno == EINTR { continue }
        throw ReadError(path: path, reason: systemReason())
      }
      if result == 0 { break }
      count += result
      if count > limits.maxBytes { throw tooLarge(path, limits) }
    }
    bytes.removeSubrange(count...)
    if let line = longLine(in: bytes, limit: limits.maxLineBytes) { throw tooLong(path, line: line, limits) }
    return Contents(bytes: bytes, mode: UInt16(status.st_mode & 0o7777))
  }

  /// Opens a regular file for streaming (a roster read row by row) after checking its size
  /// and every line against `limits`; the stream is at the file's start. Close it with
  /// `fclose`.
  /// - Throws: ``ReadError``.
  public static func openStream(_ path: String, limits: InputLimits) throws -> UnsafeMutablePointer<FILE> {
    let (descriptor, _) = try openChecked(path, limits: limits)
    do {
      try scan(descriptor, path: path, limits: limits)
    } catch {
      close(descriptor)
      throw error
    }
    guard lseek(descriptor, 0, SEEK_SET) == 0, let stream = fdopen(descriptor, "rb") else {
      let reason = systemReason()
      close(descriptor)
      throw ReadError(path: path, reason: reason)
    }
    return stream
  }

  /// The kind of a file that is not a regular one, in words; `nil` for a regular file.
  public static func nonRegularKind(_ mode: mode_t) -> String? {
    switch mode & S_IFMT {
    case S_IFREG: return nil
    case S_IFDIR: return "a folder"
    case S_IFIFO: return "a FIFO (named pipe)"
    case S_IFCHR: return "a character device"
    case S_IFBLK: return "a block device"
    case S_IFSOCK: return "a socket"
    default: return "not a regular file"
    }
  }

  // MARK: - Opening

  /// `stat`, then `open` with `O_NONBLOCK`, then `fstat`: a regular file, the same one, within
  /// the size limit. The descriptor is blocking again when returned.
  private static func openChecked(_ path: String, limits: InputLimits) throws -> (Int32, stat) {
    var before = stat()
    guard stat(path, &before) == 0 else {
      throw ReadError(path: path, reason: systemReason(), isMissing: errno == ENOENT)
    }
    try requireRegular(before, path: path)
    guard Int(before.st_size) <= limits.maxBytes else { throw tooLarge(path, limits) }
    let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
    guard descriptor >= 0 else {
      throw ReadError(path: path, reason: systemReason(), isMissing: errno == ENOENT)
    }
    var after = stat()
    guard fstat(descriptor, &after) == 0 else {
      let reason = systemReason()
      close(descriptor)
      throw ReadError(path: path, reason: reason)
    }
    do {
      try requireRegular(after, path: path)
      guard after.st_dev == before.st_dev && after.st_ino == before.st_ino else {
        throw ReadError(path: path, reason: "it was replaced while it was being opened")
      }
      guard Int(after.st_size) <= limits.maxBytes else { throw tooLarge(path, limits) }
    } catch {
      close(descriptor)
      throw error
    }
    let flags = fcntl(descriptor, F_GETFL)
    if flags >= 0 { _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) }
    return (descriptor, after)
  }

  private static func requireRegular(_ status: stat, path: String) throws {
    if let kind = nonRegularKind(status.st_mode) {
      throw ReadError(path: path, reason: "it is \(kind), not a regular file")
    }
  }

  // MARK: - Limits

  /// Reads the whole file once, checking its length and every line's.
  private static func scan(_ descriptor: Int32, path: String, limits: InputLimits) throws {
    var buffer = [UInt8](repeating: 0, count: 65_536)
    var total = 0
    var line = 1
    var lineLength = 0
    while true {
      let result = buffer.withUnsafeMutableBytes { raw -> Int in
        guard let base = raw.baseAddress else { return -1 }
        return systemRead(descriptor, base, raw.count)
      }
      if result < 0 {
        if errno == EINTR { continue }
        throw ReadError(path: path, reason: systemReason())
      }
      if result == 0 { return }
      total += result
      if total > limits.maxBytes { throw tooLarge(path, limits) }
      var start = 0
      while start < result {
        let next = buffer[start..<result].firstIndex(of: 0x0A)
        lineLength += (next ?? result) - start
        if lineLength > limits.maxLineBytes { throw tooLong(path, line: line, limits) }
        guard let next else { break }
        line += 1
        lineLength = 0
        start = next + 1
      }
    }
  }

  /// The 1-based number of the first line longer than `limit` bytes (its `\n` not counted),
  /// or `nil`.
  static func longLine(in bytes: [UInt8], limit: Int) -> Int? {
    guard bytes.count > limit else { return nil }
    return bytes.withUnsafeBufferPointer { buffer -> Int? in
      guard let base = buffer.baseAddress else { return nil }
      var line = 1
      var start = 0
      // memchr: a guide of several megabytes is scanned in well under a millisecond.
      while let found = memchr(base + start, 0x0A, buffer.count - start) {
        let next = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        if next - start > limit { return line }
        line += 1
        start = next + 1
      }
      return buffer.count - start > limit ? line : nil
    }
  }

  private static func tooLarge(_ path: String, _ limits: InputLimits) -> ReadError {
    ReadError(
      path: path,
      reason:
        "it is larger than \(InputLimits.describe(limits.maxBytes)), the limit for a \(limits.kind)")
  }

  private static func tooLong(_ path: String, line: Int, _ limits: InputLimits) -> ReadError {
    ReadError(
      path: path,
      reason:
        "line \(line) is longer than \(InputLimits.describe(limits.maxLineBytes)), the limit for a line of a \(limits.kind)"
    )
  }

  private static func systemReason() -> String {
    String(cString: strerror(errno))
  }
}

/// `read(2)`, named apart from ``InputFile/read(_:limits:)``.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
  read(descriptor, buffer, count)
}
