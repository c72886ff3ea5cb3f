import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Issue 13, item 7: a run as root replaces a user's credential file without taking it: owner
/// and group are kept, a split hard link is reported, and `--fix` through a symbolic link
/// reports the target's mode.
@Suite struct OwnershipTests {
  static let guide = OnboardProcess.repositoryRoot + "/guides/sp-api-self-authorisation.md"
  static let secret = "amzn1.oa2-cs.v1." + String(repeating: "c4", count: 32)
  static let appID = "amzn1.application-oa2-client." + String(repeating: "0a", count: 16)
  static let token = "Atzr|IwEBIA" + String(repeating: "x", count: 300)

  /// A credentials file with CRLF line endings (a fix to make), for `account`.
  static func credentials(account: String = "default", lineEnd: String = "\r\n") -> String {
    ["\(account):", "  refresh_token: \(token)", "  lwa_app_id: \(appID)", "  lwa_client_secret: \(secret)", ""]
      .joined(separator: lineEnd)
  }

  /// The user and group `nobody` runs as (the test runs as root to change them).
  static func nobody() -> (uid: uid_t, gid: gid_t)? {
    guard geteuid() == 0, let entry = getpwnam("nobody") else { return nil }
    return (entry.pointee.pw_uid, entry.pointee.pw_gid)
  }

  static func status(_ path: String) -> stat {
    var info = stat()
    _ = stat(path, &info)
    return info
  }

  @Test func lintFixKeepsTheOwnerAndGroupOfAnotherUsersFile() throws {
    let folder = try OnboardProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/credentials.yml"
    try Data(Self.credentials().utf8).write(to: URL(fileURLWithPath: path))
    let owner = try #require(Self.nobody(), "runs as root, with a user 'nobody'")
    try #require(chown(path, owner.uid, owner.gid) == 0 && chmod(path, 0o640) == 0)
    let result = try OnboardProcess.run(["lint", "--guide", Self.guide, "--fix", path])
    #expect(result.stdout.contains("converted"), "\(result.stdout)\(result.stderr)")
    #expect(result.stdout.contains("changed permissions from 0640 to 0600"))
    let after = Self.status(path)
    #expect(after.st_uid == owner.uid && after.st_gid == owner.gid)
    #expect(after.st_mode & 0o7777 == 0o600)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == Self.credentials(lineEnd: "\n"))
  }

  @Test func lintFixWarnsWhenAHardLinkIsSplitOff() throws {
    let folder = try OnboardProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/credentials.yml"
    try Data(Self.credentials().utf8).write(to: URL(fileURLWithPath: path))
    try #require(chmod(path, 0o600) == 0 && link(path, folder + "/backup.yml") == 0)
    let result = try OnboardProcess.run(["lint", "--guide", Self.guide, "--fix", path])
    #expect(
      result.stderr.contains(
        "onboard lint: warning: \(path) had 1 other hard link; the file was replaced by a new one, so that link keeps the old content"
      ), "\(result.stderr)")
    #expect(!result.stderr.contains(Self.secret) && !result.stdout.contains(Self.secret))
  }

  @Test func lintFixThroughASymbolicLinkReportsAndKeepsTheTargetsMode() throws {
    let folder = try OnboardProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let target = folder + "/real.yml"
    try Data(Self.credentials().utf8).write(to: URL(fileURLWithPath: target))
    try #require(chmod(target, 0o640) == 0)
    try FileManager.default.createSymbolicLink(atPath: folder + "/credentials.yml", withDestinationPath: target)
    let result = try OnboardProcess.run(["lint", "--guide", Self.guide, "--fix", folder + "/credentials.yml"])
    #expect(result.stdout.contains("changed permissions from 0640 to 0600"), "\(result.stdout)\(result.stderr)")
    #expect(!result.stdout.contains("0777"))
    #expect(Self.status(target).st_mode & 0o7777 == 0o600)

    // Only the line endings to fix: the target's 0600 stays 0600 (not the link's 0777).
    try Data(Self.credentials().utf8).write(to: URL(fileURLWithPath: target))
    try #require(chmod(target, 0o600) == 0)
    let again = try OnboardProcess.run(["lint", "--guide", Self.guide, "--fix", folder + "/credentials.yml"])
    #expect(!again.stdout.contains("permissions"), "\(again.stdout)")
    #expect(Self.status(target).st_mode & 0o7777 == 0o600)
  }

  @Test func credentialsMergeKeepsTheOwnerAndGroupAndWarnsAboutHardLinks() throws {
    let folder = try OnboardProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let input = folder + "/shop.yml"
    try Data(Self.credentials(account: "shop", lineEnd: "\n").utf8).write(to: URL(fileURLWithPath: input))
    let target = folder + "/merged.yml"
    try Data(Self.credentials(account: "main", lineEnd: "\n").utf8).write(to: URL(fileURLWithPath: target))
    let owner = try #require(Self.nobody(), "runs as root, with a user 'nobody'")
    try #require(chown(target, owner.uid, owner.gid) == 0 && chmod(target, 0o640) == 0)
    try #require(link(target, folder + "/other-name.yml") == 0)
    let result = try OnboardProcess.run(["credentials", "merge", input, "--guide", Self.guide, "--into", target])
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    let after = Self.status(target)
    #expect(after.st_uid == owner.uid && after.st_gid == owner.gid)
    #expect(after.st_mode & 0o7777 == 0o600)
    #expect(result.stderr.contains("warning: \(target) had 1 other hard link"), "\(result.stderr)")
    #expect(!result.stderr.contains(Self.secret) && !result.stdout.contains(Self.secret))
  }
}
