import Foundation
import GuideKit
import OnboardSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes packets into an output folder, one folder per seller, atomically.
///
/// Each packet is built in a temporary folder inside the output folder (same file system),
/// then moved into place with one rename (or an atomic swap with the previous packet), so no
/// reader and no crash ever leaves half a packet. A folder that exists and was not written by
/// onboard (no `packet.json` with onboard's `generator` marker) is refused unless `force` is
/// set; so is a packet whose files no longer match the SHA-256 its `packet.json` records, or
/// that holds files it does not list (someone's work). Screenshots are stored once per output
/// folder in `.shared-images/` (content-addressed, checked by content before use, never through
/// a symbolic link) and hard-linked into each packet's `images/`, or copied where links are not
/// possible. A shared copy that has as many links as the file system allows (65,000 on ext4) is
/// followed by another copy, so a roster of any size keeps linking instead of copying every
/// screenshot. Temporary folders left by a run that was killed (`.onboard-tmp-…`) are removed
/// when the next writer starts, once their process is gone.
///
/// It is safe to share between threads (hence `@unchecked Sendable`): what the threads change (the
/// shared copies and their folder, the temporary-name counter) is behind a lock (`Locked`); the
/// settings that stay `var` (`force`, `durable`, `beforeEachFile`, `makeHardLink`) are set
/// before the writing starts and only read while it runs.
public final class PacketWriter: @unchecked Sendable {
  /// Why a packet was not written. Messages name paths and system reasons, never contents.
  public enum WriteError: Error, CustomStringConvertible, Sendable {
    /// The folder exists and onboard did not write it.
    case foreignFolder(path: String)
    /// The folder is an onboard packet whose files were changed since, or that holds files
    /// its packet.json does not list.
    case changedPacket(path: String, changed: [String], extra: [String])
    /// A system call failed.
    case io(path: String, reason: String)

    public var description: String {
      switch self {
      case .foreignFolder(let path):
        return
          "\(path) exists and was not written by onboard (it has no onboard packet.json); use --force to replace it"
      case .changedPacket(let path, let changed, let extra):
        return
          "\(path) was changed since onboard wrote it (\(Self.listing(changed: changed, extra: extra))); use --force to replace it"
      case .io(let path, let reason):
        return "cannot write \(path): \(reason)"
      }
    }

    /// `changed: a, b; extra: c`, with at most a few names of each.
    public static func listing(changed: [String], extra: [String]) -> String {
      func names(_ list: [String]) -> String {
        let shown = list.prefix(8).joined(separator: ", ")
        return list.count > 8 ? shown + " and \(list.count - 8) more" : shown
      }
      var parts: [String] = []
      if !changed.isEmpty { parts.append("changed: " + names(changed)) }
      if !extra.isEmpty { parts.append("not written by onboard: " + names(extra)) }
      return parts.joined(separator: "; ")
    }
  }

  /// The output folder.
  public let outputDirectory: String
  /// Whether to replace folders onboard did not write.
  public var force: Bool
  /// Whether to `fsync` every file and folder (slower; off by default).
  public var durable: Bool
  /// Called before each file is written, with its path inside the packet (a test hook to
  /// simulate a failure part-way). It runs on the writing thread; use one worker with it.
  public var beforeEachFile: ((String) throws -> Void)?

  /// The shared screenshots: the open shared folder (`-1` until it exists) and, for each
  /// screenshot (content digest and file name), the copy in use and how many copies were
  /// started because an earlier one was full.
  private struct SharedImages {
    var folder: Int32 = -1
    var copies: [String: (name: String, generation: Int)] = [:]
  }
  private let sharedImages = Locked(SharedImages())
  /// The process's file mode creation mask, read once: permissions it would strip are set
  /// explicitly after creating a file or folder.
  private let creationMask: mode_t
  /// A counter shared by the writer's threads, for unique temporary file names.
  private let temporaryCounter = Locked(0)
  /// Makes a hard link to `name` in the shared folder (a descriptor) as `name` in a packet
  /// folder (`linkat(2)`); a seam for tests that simulate a file system's link limit.
  var makeHardLink: @Sendable (_ sharedFolder: Int32, _ sharedName: String, _ folder: Int32, _ name: String) -> Int32 =
    { linkat($0, $1, $2, $3, 0) }
  /// The shared copies present when the writer started (device and inode): a packet's
  /// screenshot linked to one of them that differs from packet.json was damaged in the shared
  /// folder, not changed by a person, and is repaired.
  private let sharedFileIDs: Set<PacketInspection.FileID>
  /// The temporary folders of killed runs that were removed (or put back) when the writer started.
  public let removedLeftovers: [String]

  /// How many shared copies of one screenshot are started before giving up on links (each
  /// holds up to the file system's link limit, 65,000 on ext4).
  static let maximumSharedCopies = 1_000

  /// The name of the shared screenshot folder inside the output folder.
  public static let sharedImagesFolder = ".shared-images"

  /// Creates a writer; creates the output folder if needed.
  /// - Throws: ``WriteError``.
  public init(outputDirectory: String, force: Bool = false, durable: Bool = false) throws {
    self.outputDirectory = outputDirectory
    self.force = force
    self.durable = durable
    let mask = umask(0o022)
    umask(mask)
    self.creationMask = mask
    try Self.makeDirectory(outputDirectory, recursive: true)
    self.removedLeftovers = LeftoverFolders.removeStale(in: outputDirectory)
    self.sharedFileIDs = Self.sharedFileIDs(in: Self.join(outputDirectory, Self.sharedImagesFolder))
  }

  /// The ids of the regular files in the shared screenshot folder (none when it is a link).
  static func sharedFileIDs(in folder: String) -> Set<PacketInspection.FileID> {
    var info = stat()
    guard lstat(folder, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR,
      let names = try? FileManager.default.contentsOfDirectory(atPath: folder)
    else { return [] }
    var ids: Set<PacketInspection.FileID> = []
    for name in names where lstat(folder + "/" + name, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG {
      ids.insert(PacketInspection.FileID(device: UInt64(info.st_dev), inode: UInt64(info.st_ino)))
    }
    return ids
  }

  /// What changed in an existing onboard packet since it was written, or `nil` when the folder
  /// is not an onboard packet (no readable packet.json with onboard's marker).
  func inspect(_ folder: String) -> PacketInspection? {
    var info = stat()
    guard lstat(folder, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR,
      let recorded = PacketInspection.recordedDigests(manifest: Self.join(folder, PacketManifest.fileName))
    else { return nil }
    return PacketInspection.inspect(folder: folder, recorded: recorded, shared: sharedFileIDs)
  }

  deinit {
    let folder = sharedImages.withLock { $0.folder }
    if folder >= 0 { close(folder) }
  }

  /// Whether `path` is a packet folder onboard wrote.
  public static func isOnboardPacket(_ path: String) -> Bool {
    var info = stat()
    guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return false }
    let manifest = (path as NSString).appendingPathComponent(PacketManifest.fileName)
    guard lstat(manifest, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG,
      let data = FileManager.default.contents(atPath: manifest),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    else { return false }
    return object["generator"] as? String == PacketManifest.generator
  }

  /// Writes one packet folder named `id` holding `files`.
  /// - Throws: ``WriteError``; nothing of the new packet remains after a failure, and an
  ///   existing packet is left as it was.
  public func write(id: String, files: [PacketFile]) throws {
    let target = Self.join(outputDirectory, id)
    var info = stat()
    let exists = lstat(target, &info) == 0
    if exists && !force {
      // A folder onboard did not write, or a packet someone worked in, is left as it is.
      guard let inspection = inspect(target) else { throw WriteError.foreignFolder(path: target) }
      guard inspection.isUntouched else {
        throw WriteError.changedPacket(path: target, changed: inspection.changed, extra: inspection.extra)
      }
    }
    let temporary = try makeTemporaryFolder(prefix: ".onboard-tmp-\(id)-")
    var finished = false
    defer {
      if !finished { Self.removeTree(temporary) }
    }
    // Files are made relative to open folders, so the kernel does not walk the whole path again
    // for each one.
    var folders = try PacketFolders(root: temporary)
    defer { folders.close() }
    for file in files {
      try beforeEachFile?(file.path)
      let (folder, name) = try folders.folder(holding: file.path)
      let destination = PacketFolders.Destination(
        folder: folder, name: name, displayPath: Self.join(temporary, file.path), mode: file.mode)
      switch file.content {
      case .bytes(let bytes):
        try writeFile(bytes, to: destination)
      case .image(let source, let sha256):
        try linkImage(source: source, sha256: sha256, to: destination)
      }
    }
    if durable { Self.syncPath(temporary) }
    if exists {
      if FolderExchange.exchange(temporary, target) {
        finished = true
        Self.removeTree(temporary)
        return
      }
      let aside = try makeTemporaryFolder(prefix: ".onboard-old-\(id)-")
      rmdir(aside)
      guard rename(target, aside) == 0 else { throw WriteError.io(path: target, reason: Self.systemError()) }
      guard rename(temporary, target) == 0 else {
        let reason = Self.systemError()
        _ = rename(aside, target)
        throw WriteError.io(path: target, reason: reason)
      }
      finished = true
      Self.removeTree(aside)
    } else {
      guard rename(temporary, target) == 0 else { throw WriteError.io(path: target, reason: Self.systemError()) }
      finished = true
    }
    if durable { Self.syncPath(outputDirectory) }
  }

  // MARK: - Files

  private func writeFile(_ bytes: [UInt8], to destination: PacketFolders.Destination) throws {
    let path = destination.displayPath
    let mode = destination.mode
    let descriptor = openat(destination.folder, destination.name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
    guard descriptor >= 0 else { throw WriteError.io(path: path, reason: Self.systemError()) }
    defer { close(descriptor) }
    if mode & creationMask != 0 {
      guard fchmod(descriptor, mode) == 0 else { throw WriteError.io(path: path, reason: Self.systemError()) }
    }
    var written = 0
    while written < bytes.count {
      let result = bytes.withUnsafeBytes { buffer -> Int in
        guard let base = buffer.baseAddress else { return 0 }
        return Foundation.write(descriptor, base + written, bytes.count - written)
      }
      if result < 0 {
        if errno == EINTR { continue }
        throw WriteError.io(path: path, reason: Self.systemError())
      }
      written += result
    }
    if durable && fsync(descriptor) != 0 { throw WriteError.io(path: path, reason: Self.systemError()) }
  }

  /// Hard-links the shared copy of an image into the packet, copying when linking fails.
  private func linkImage(source: String, sha256: String, to destination: PacketFolders.Destination) throws {
    var shared = try sharedCopy(source: source, sha256: sha256, fileName: destination.name, full: nil)
    for _ in 0..<Self.maximumSharedCopies {
      if makeHardLink(shared.folder, shared.name, destination.folder, destination.name) == 0 { return }
      guard errno == EMLINK else { break }
      shared = try sharedCopy(source: source, sha256: sha256, fileName: destination.name, full: shared.name)
    }
    let path = Self.join(Self.join(outputDirectory, Self.sharedImagesFolder), shared.name)
    let descriptor = openat(shared.folder, shared.name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else { throw WriteError.io(path: path, reason: "cannot read the shared screenshot") }
    defer { close(descriptor) }
    guard let bytes = ScreenshotFile.contents(of: descriptor) else {
      throw WriteError.io(path: path, reason: "cannot read the shared screenshot")
    }
    try writeFile(bytes, to: destination)
  }

  /// The shared copy of an image in `.shared-images/` (the open folder and the file's name),
  /// named by content, made once; or, when `full` is the name of the copy in use (it reached
  /// the file system's link limit), the next one.
  private func sharedCopy(
    source: String, sha256: String, fileName: String, full: String?
  ) throws -> (folder: Int32, name: String) {
    try sharedImages.withLock { shared in
      let key = sha256 + "/" + fileName
      var generation = 0
      if let current = shared.copies[key] {
        guard current.name == full else { return (shared.folder, current.name) }
        generation = current.generation + 1
      }
      let folderPath = Self.join(outputDirectory, Self.sharedImagesFolder)
      if shared.folder < 0 { shared.folder = try Self.openSharedFolder(folderPath) }
      let name = String(sha256.prefix(16)) + (generation == 0 ? "" : "-\(generation)") + "-" + fileName
      let path = Self.join(folderPath, name)
      // A copy already there is used only when its content has the digest: a file put there by
      // someone else, or damaged, is replaced (which repairs every packet written from now on).
      if Self.sharedDigest(shared.folder, name) != sha256 {
        guard let bytes = ScreenshotFile.contents(atPath: source) else {
          throw WriteError.io(path: source, reason: "cannot read the screenshot")
        }
        guard OnboardSupport.SHA256.hexDigest(bytes) == sha256 else {
          throw WriteError.io(path: source, reason: "the screenshot changed while packets were written")
        }
        try storeShared(bytes, in: shared.folder, name: name, displayPath: path)
      }
      shared.copies[key] = (name, generation)
      return (shared.folder, name)
    }
  }

  /// Opens the shared screenshot folder inside the output folder, making it if needed. A
  /// symbolic link in its place is removed (the link only, never what it points to), so that
  /// nothing is ever written outside the output folder.
  static func openSharedFolder(_ path: String) throws -> Int32 {
    var info = stat()
    if lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK {
      guard unlink(path) == 0 else { throw WriteError.io(path: path, reason: systemError()) }
    }
    try makeDirectory(path, recursive: false)
    let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
    guard descriptor >= 0 else { throw WriteError.io(path: path, reason: systemError()) }
    return descriptor
  }

  /// The SHA-256 of a regular file in the shared folder (not through a link), or `nil`.
  static func sharedDigest(_ folder: Int32, _ name: String) -> String? {
    let descriptor = openat(folder, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    return ScreenshotFile.contents(of: descriptor).map { OnboardSupport.SHA256.hexDigest($0) }
  }

  /// Writes a shared copy: a new file in the shared folder (a descriptor), renamed over `name` (which
  /// replaces a file or a link there, never writing through it).
  private func storeShared(_ bytes: [UInt8], in sharedFolder: Int32, name: String, displayPath: String) throws {
    let temporary = ".tmp-\(getpid())-\(nextTemporaryNumber())-" + name
    let descriptor = openat(
      sharedFolder, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode_t(0o644))
    guard descriptor >= 0 else { throw WriteError.io(path: displayPath, reason: Self.systemError()) }
    var failed: String?
    if fchmod(descriptor, 0o644) != 0 { failed = Self.systemError() }
    var written = 0
    while failed == nil && written < bytes.count {
      let result = bytes.withUnsafeBytes { buffer -> Int in
        guard let base = buffer.baseAddress else { return 0 }
        return Foundation.write(descriptor, base + written, bytes.count - written)
      }
      if result < 0 {
        if errno == EINTR { continue }
        failed = Self.systemError()
      } else {
        written += result
      }
    }
    if failed == nil && durable && fsync(descriptor) != 0 { failed = Self.systemError() }
    close(descriptor)
    if failed == nil && renameat(sharedFolder, temporary, sharedFolder, name) != 0 { failed = Self.systemError() }
    if let failed {
      unlinkat(sharedFolder, temporary, 0)
      throw WriteError.io(path: displayPath, reason: "cannot store the shared screenshot: \(failed)")
    }
  }

  /// A number unique in this process, for temporary names.
  private func nextTemporaryNumber() -> Int {
    temporaryCounter.withLock { value in
      value += 1
      return value
    }
  }

  /// A new folder `prefix` + a suffix unique in this process (and, with the process id, among
  /// processes), mode 0755.
  private func makeTemporaryFolder(prefix: String) throws -> String {
    let process = getpid()
    while true {
      let path = Self.join(outputDirectory, "\(prefix)\(process)-\(nextTemporaryNumber())")
      if mkdir(path, 0o755) == 0 {
        if 0o755 & creationMask != 0 { chmod(path, 0o755) }
        return path
      }
      if errno != EEXIST { throw WriteError.io(path: outputDirectory, reason: Self.systemError()) }
    }
  }

  /// `folder/name`.
  static func join(_ folder: String, _ name: String) -> String {
    folder.isEmpty ? name : folder.hasSuffix("/") ? folder + name : folder + "/" + name
  }

  static func makeDirectory(_ path: String, recursive: Bool) throws {
    var info = stat()
    if stat(path, &info) == 0 {
      guard (info.st_mode & S_IFMT) == S_IFDIR else { throw WriteError.io(path: path, reason: "it is not a folder") }
      return
    }
    if recursive {
      let parent = PathParts.folder(of: path)
      if !parent.isEmpty && parent != path { try makeDirectory(parent, recursive: true) }
    }
    if mkdir(path, 0o755) != 0 && errno != EEXIST { throw WriteError.io(path: path, reason: systemError()) }
  }

  static func removeTree(_ path: String) {
    try? FileManager.default.removeItem(atPath: path)
  }

  static func syncPath(_ path: String) {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return }
    fsync(descriptor)
    close(descriptor)
  }

  static func systemError() -> String { String(cString: strerror(errno)) }
}
