#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One file of a packet, before it is written.
public struct PacketFile: Sendable {
  /// What the file holds.
  public enum Content: Sendable {
    /// Bytes to write.
    case bytes([UInt8])
    /// A file to hard-link (or copy) in, with its SHA-256.
    case image(sourcePath: String, sha256: String)
  }

  /// The path inside the packet folder, such as `checklist.md` or `images/App_Overview.png`.
  public var path: String
  /// The content.
  public var content: Content
  /// The file's permissions (0600 for credential files).
  public var mode: mode_t

  /// Creates a file.
  public init(path: String, content: Content, mode: mode_t = 0o644) {
    self.path = path
    self.content = content
    self.mode = mode
  }

  /// Creates a file of text.
  public init(path: String, text: String, mode: mode_t = 0o644) {
    self.init(path: path, content: .bytes(Array(text.utf8)), mode: mode)
  }
}
