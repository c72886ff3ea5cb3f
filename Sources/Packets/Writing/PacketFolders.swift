#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The open folders of a packet being written: its root and the subfolders its files need,
/// each made on first use. Files are created relative to these descriptors, so the kernel does
/// not walk the packet's whole path again for every file.
struct PacketFolders {
  /// Where one file goes.
  struct Destination {
    /// The open folder that holds it.
    var folder: Int32
    /// Its name in that folder.
    var name: String
    /// Its path, for messages.
    var displayPath: String
    /// Its permissions.
    var mode: mode_t
  }

  private let rootPath: String
  private let root: Int32
  private var subfolders: [String: Int32] = [:]

  /// Opens the packet's (new, empty) root folder.
  /// - Throws: ``PacketWriter/WriteError``.
  init(root path: String) throws {
    rootPath = path
    root = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard root >= 0 else { throw PacketWriter.WriteError.io(path: path, reason: PacketWriter.systemError()) }
  }

  /// The open folder that holds the file at `path` (relative to the packet), made if needed,
  /// and the file's name in it.
  /// - Throws: ``PacketWriter/WriteError`` when a folder cannot be made, or the path leaves the
  ///   packet.
  mutating func folder(holding path: String) throws -> (folder: Int32, name: String) {
    guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return (root, path) }
    let folderPath = String(path[..<slash])
    let name = String(path[path.utf8.index(after: slash)...])
    if let known = subfolders[folderPath] { return (known, name) }
    var current = root
    var made = ""
    for component in folderPath.split(separator: "/") where !component.isEmpty && component != "." {
      let part = String(component)
      made = made.isEmpty ? part : made + "/" + part
      if let known = subfolders[made] {
        current = known
        continue
      }
      let shown = PacketWriter.join(rootPath, made)
      guard part != ".." else {
        throw PacketWriter.WriteError.io(path: shown, reason: "a packet's files must stay inside the packet")
      }
      if mkdirat(current, part, 0o755) != 0 && errno != EEXIST {
        throw PacketWriter.WriteError.io(path: shown, reason: PacketWriter.systemError())
      }
      let opened = openat(current, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
      guard opened >= 0 else { throw PacketWriter.WriteError.io(path: shown, reason: PacketWriter.systemError()) }
      subfolders[made] = opened
      current = opened
    }
    subfolders[folderPath] = current
    return (current, name)
  }

  /// Closes every folder.
  mutating func close() {
    for descriptor in Set(subfolders.values) where descriptor != root { _ = closeDescriptor(descriptor) }
    subfolders = [:]
    _ = closeDescriptor(root)
  }

  private func closeDescriptor(_ descriptor: Int32) -> Int32 {
    #if canImport(Glibc)
      return Glibc.close(descriptor)
    #else
      return Darwin.close(descriptor)
    #endif
  }
}
