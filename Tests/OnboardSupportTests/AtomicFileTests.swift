import Foundation
import OnboardSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

struct AtomicFileTests {
  /// A fresh empty folder, removed by the caller.
  private func makeFolder() throws -> String {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("atomic-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
    return path
  }

  private func permissions(_ path: String) -> mode_t? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return info.st_mode & 0o7777
  }

  private func inode(_ path: String) -> ino_t? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return info.st_ino
  }

  private func size(_ path: String) -> Int? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return Int(info.st_size)
  }

  private func contents(_ folder: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
  }

  @Test(arguments: [0o600, 0o644, 0o640, 0o755] as [mode_t])
  func writesWithRequestedMode(mode: mode_t) throws {
    let folder = try makeFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/out.txt"
    try AtomicFile.write("hello\n", to: path, mode: mode)
    #expect(permissions(path) == mode)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "hello\n")
    #expect(try contents(folder) == ["out.txt"])
  }

  @Test func defaultModeIs0644() throws {
    let folder = try makeFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/default.txt"
    try AtomicFile.write([1, 2, 3], to: path)
    #expect(permissions(path) == 0o644)
    #expect(FileManager.default.contents(atPath: path) == Data([1, 2, 3]))
  }

  @Test func replacesExistingFileAndItsMode() throws {
    let folder = try makeFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/credentials.yml"
    try AtomicFile.write("old content that is longer\n", to: path, mode: 0o644)
    let before = inode(path)
    try AtomicFile.write("new\n", to: path, mode: 0o600)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "new\n")
    #expect(permissions(path) == 0o600)
    // A rename, not an in-place rewrite: the old inode is gone.
    #expect(inode(path) != before)
    #expect(try contents(folder) == ["credentials.yml"])
  }

  @Test func emptyAndLargeContent() throws {
    let folder = try makeFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try AtomicFile.write([UInt8](), to: folder + "/empty")
    // (Checked with stat: FileManager.contents(atPath:) leaks 4 KB on an empty file, which
    // fails runs under LeakSanitizer.)
    #expect(size(folder + "/empty") == 0)
    let large = [UInt8]((0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
    try AtomicFile.write(large, to: folder + "/large")
    #expect(FileManager.default.contents(atPath: folder + "/large") == Data(large))
    #expect(try contents(folder) == ["empty", "large"])
  }

  @Test func missingFolderThrowsWithoutDebris() throws {
    let folder = try makeFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/missing/out.txt"
    #expect {
      try AtomicFile.write("SECRET-CANARY-123", to: path, mode: 0o600)
    } throws: { error in
      guard let writeError = error as? AtomicFile.WriteError else { return false }
      return writeError.path == path && !writeError.description.contains("SECRET-CANARY-123")
        && writeError.description.hasPrefix("cannot write \(path): ")
    }
    #expect(try contents(folder).isEmpty)
  }

  @Test func failedRenameRemovesTheTemporaryFile() throws {
    let folder = try makeFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    // The target is a non-empty folder, so the final rename fails after the data was written.
    let target = folder + "/occupied"
    try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: false)
    try Data("keep".utf8).write(to: URL(fileURLWithPath: target + "/inner"))
    #expect(throws: AtomicFile.WriteError.self) {
      try AtomicFile.write("SECRET-CANARY-456", to: target)
    }
    #expect(try contents(folder) == ["occupied"])
    #expect(try contents(target) == ["inner"])
  }
}

/// Replacing another user's file keeps its owner and group, and reports split hard links
/// (issue 13, item 7).
struct AtomicFileOwnershipTests {
  @Test func replacingAFileKeepsItsOwnerAndGroup() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("owner-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/file"
    try AtomicFile.write("old\n", to: path, mode: 0o640)
    let nobody = try #require(geteuid() == 0 ? getpwnam("nobody") : nil, "runs as root")
    try #require(chown(path, nobody.pointee.pw_uid, nobody.pointee.pw_gid) == 0)
    let replacement = try AtomicFile.write("new\n", to: path, mode: 0o600)
    var info = stat()
    try #require(stat(path, &info) == 0)
    #expect(info.st_uid == nobody.pointee.pw_uid && info.st_gid == nobody.pointee.pw_gid)
    #expect(info.st_mode & 0o7777 == 0o600)
    #expect(replacement.otherLinks == 0)
    #expect(replacement.warning(for: path) == nil)
  }

  @Test func replacingAFileWithOtherLinksSaysSo() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("links-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/file"
    try AtomicFile.write("old\n", to: path)
    try #require(link(path, folder + "/a") == 0 && link(path, folder + "/b") == 0)
    let replacement = try AtomicFile.write("new\n", to: path)
    #expect(replacement.otherLinks == 2)
    #expect(
      replacement.warning(for: "f")
        == "f had 2 other hard links; the file was replaced by a new one, so those links keep the old content")
    #expect(try String(contentsOfFile: folder + "/a", encoding: .utf8) == "old\n")
    #expect(try AtomicFile.write("new\n", to: folder + "/new-file").otherLinks == 0)
  }
}
