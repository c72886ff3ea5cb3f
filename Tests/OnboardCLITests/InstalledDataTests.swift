import Foundation
import Testing

/// Where an installed `onboard` finds its guides and template sets (issue 21): a copy of the
/// binary outside the checkout, run in an empty folder with its own HOME and XDG folders.
@Suite struct InstalledDataTests {
  static let guideID = "sp-api-self-authorisation"

  /// A scratch tree: `home/`, `xdg/` (XDG_DATA_HOME), `dirs/a` and `dirs/b` (XDG_DATA_DIRS),
  /// `empty/` (the folder commands run in) and wherever a test puts the binary.
  struct Tree {
    let root: String

    init() throws {
      root = try OnboardProcess.temporaryFolder()
      for folder in ["home", "xdg", "dirs/a", "dirs/b", "empty"] {
        try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
      }
    }

    var environment: [String: String] {
      ["HOME": root + "/home", "XDG_DATA_HOME": root + "/xdg", "XDG_DATA_DIRS": root + "/dirs/a:" + root + "/dirs/b"]
    }

    /// Copies the built binary to `relative` (such as `prefix/bin/onboard`) and returns its path.
    func installBinary(at relative: String) throws -> String {
      let path = root + "/" + relative
      try FileManager.default.createDirectory(
        atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try FileManager.default.copyItem(atPath: OnboardProcess.binary, toPath: path)
      return path
    }

    /// Copies the checkout's guides/ and templates/ into `relative` (a data folder).
    func installData(at relative: String, guideVersion: String? = nil) throws {
      let folder = root + "/" + relative
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      for name in ["guides", "templates"] {
        try FileManager.default.copyItem(
          atPath: OnboardProcess.repositoryRoot + "/" + name, toPath: folder + "/" + name)
      }
      if let guideVersion {
        let file = folder + "/guides/\(InstalledDataTests.guideID).md"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "\nversion: 1\n", with: "\nversion: \(guideVersion)\n").utf8)
          .write(to: URL(fileURLWithPath: file))
      }
    }

    /// Runs the binary at `binary` in `empty/` (or `folder`) with the tree's environment.
    func run(_ binary: String, _ arguments: [String], in folder: String? = nil) throws -> OnboardProcess.Output {
      try OnboardProcess.run(
        arguments, in: folder ?? root + "/empty", environment: environment, executable: binary)
    }

    func writeCredentials() throws -> String {
      let path = root + "/empty/credentials.yml"
      let text = """
        default:
          refresh_token: Atzr|IwEBIA\(String(repeating: "x", count: 300))
          lwa_app_id: amzn1.application-oa2-client.\(String(repeating: "0a", count: 16))
          lwa_client_secret: amzn1.oa2-cs.v1.\(String(repeating: "c4", count: 32))

        """
      try Data(text.utf8).write(to: URL(fileURLWithPath: path))
      try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
      return path
    }

    func cleanUp() { try? FileManager.default.removeItem(atPath: root) }
  }

  @Test func withNothingInstalledACopiedBinaryNamesNoGuide() throws {
    let tree = try Tree()
    defer { tree.cleanUp() }
    let binary = try tree.installBinary(at: "bin/onboard")
    let file = try tree.writeCredentials()
    let lint = try tree.run(binary, ["lint", file])
    #expect(lint.status == 2)
    #expect(lint.stderr.contains("onboard lint: no guide found"), "\(lint.stderr)")
    let version = try tree.run(binary, ["guides", "--default"])
    #expect(version.status == 0)
    #expect(version.stdout.contains("guide: none"), "\(version.stdout)")
  }

  @Test func anInstalledPrefixServesLintPacketsRunbookAndWalkFromAnyFolder() throws {
    let tree = try Tree()
    defer { tree.cleanUp() }
    let binary = try tree.installBinary(at: "prefix/bin/onboard")
    try tree.installData(at: "prefix/share/onboard")
    let file = try tree.writeCredentials()

    let lint = try tree.run(binary, ["lint", file])
    #expect(lint.status == 0, "\(lint.stdout)\(lint.stderr)")
    let byID = try tree.run(binary, ["lint", "--guide", Self.guideID, file])
    #expect(byID.status == 0, "\(byID.stdout)\(byID.stderr)")

    let roster = tree.root + "/empty/sellers.yml"
    try FileManager.default.copyItem(atPath: OnboardProcess.repositoryRoot + "/examples/sellers.yml", toPath: roster)
    let packets = try tree.run(binary, ["packets", Self.guideID, "--roster", roster, "--out", "out", "--quiet"])
    #expect(packets.status == 0, "\(packets.stderr)")
    let written = (try? FileManager.default.contentsOfDirectory(atPath: tree.root + "/empty/out")) ?? []
    #expect(!written.isEmpty)

    let runbook = try tree.run(binary, ["runbook", Self.guideID, "--format", "md", "-o", "runbook.md"])
    #expect(runbook.status == 0, "\(runbook.stderr)")
    #expect(FileManager.default.fileExists(atPath: tree.root + "/empty/runbook.md"))

    let walk = try tree.run(binary, ["walk", Self.guideID, "--print-env", "--yes"], in: nil)
    // No answers on standard input: the walk starts (the guide and layout were found) and
    // stops at the end of input with exit 1, not with a usage error about the guide.
    #expect(walk.status == 1, "\(walk.stderr)")
    #expect(!walk.stderr.contains("no guide"))

    // `--version` prints the version alone: it looks for no guide (its time is the start-up).
    let bare = try tree.run(binary, ["--version"])
    #expect(bare.status == 0)
    #expect(bare.stdout.split(separator: "\n").count == 1, "\(bare.stdout)")
    #expect(!bare.stdout.contains("guide"), "\(bare.stdout)")

    let version = try tree.run(binary, ["guides", "--default"])
    let prefix = tree.root + "/prefix/share/onboard"
    #expect(version.stdout.contains("guide: \(Self.guideID) version 1: \(prefix)/guides/"), "\(version.stdout)")
    #expect(version.stdout.contains("(from the share folder beside the binary)"))
    #expect(version.stdout.contains("template set: sp-api: "))

    let check = try tree.run(binary, ["check", "--verbose", Self.guideID])
    #expect(check.status == 0, "\(check.stderr)")
    #expect(check.stderr.contains("guide: \(Self.guideID) version 1: \(prefix)/guides/"), "\(check.stderr)")
  }

  @Test func xdgDataHomeComesBeforeXDGDataDirsAndThePrefix() throws {
    let tree = try Tree()
    defer { tree.cleanUp() }
    let binary = try tree.installBinary(at: "prefix/bin/onboard")
    try tree.installData(at: "prefix/share/onboard", guideVersion: "5")
    try tree.installData(at: "dirs/b/onboard", guideVersion: "4")

    let fromDirs = try tree.run(binary, ["guides"])
    #expect(fromDirs.stdout.contains("\(Self.guideID)  4  "), "\(fromDirs.stdout)")
    #expect(fromDirs.stdout.contains(tree.root + "/dirs/b/onboard/guides/\(Self.guideID).md"))
    let dirsVersion = try tree.run(binary, ["guides", "--default"])
    #expect(dirsVersion.stdout.contains("(from $XDG_DATA_DIRS)"), "\(dirsVersion.stdout)")

    try tree.installData(at: "xdg/onboard", guideVersion: "3")
    let json = try tree.run(binary, ["guides", "--format", "json"])
    #expect(json.status == 0)
    let list = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: String]]
    // Both bundled guides, each once (from the first folder that has it).
    #expect(list?.compactMap { $0["id"] }.sorted() == ["fernhill-pay-webhooks", Self.guideID])
    let bundled = list?.first { $0["id"] == Self.guideID }
    #expect(bundled?["version"] == "3")
    #expect(bundled?["path"] == tree.root + "/xdg/onboard/guides/\(Self.guideID).md")
    #expect(bundled?["title"]?.isEmpty == false)
    let version = try tree.run(binary, ["guides", "--default"])
    #expect(version.stdout.contains("version 3: "), "\(version.stdout)")
    #expect(version.stdout.contains("(from $XDG_DATA_HOME)"))
  }

  @Test func anUnsetXDGDataHomeMeansHomeDotLocalShare() throws {
    let tree = try Tree()
    defer { tree.cleanUp() }
    let binary = try tree.installBinary(at: "bin/onboard")
    try tree.installData(at: "home/.local/share/onboard", guideVersion: "6")
    var environment = tree.environment
    environment["XDG_DATA_HOME"] = ""
    let version = try OnboardProcess.run(
      ["guides", "--default"], in: tree.root + "/empty", environment: environment, executable: binary)
    #expect(version.stdout.contains("version 6: \(tree.root)/home/.local/share/onboard/guides/"), "\(version.stdout)")
    #expect(version.stdout.contains("(from $XDG_DATA_HOME)"))
  }

  @Test func theCheckoutThatHoldsTheBinaryIsFoundByWalkingUp() throws {
    let tree = try Tree()
    defer { tree.cleanUp() }
    let binary = try tree.installBinary(at: "clone/.build/x86_64-unknown-linux-gnu/release/onboard")
    try tree.installData(at: "clone", guideVersion: "7")
    try Data("// swift-tools-version:6.0\n".utf8).write(to: URL(fileURLWithPath: tree.root + "/clone/Package.swift"))
    try tree.installData(at: "xdg/onboard", guideVersion: "3")
    let file = try tree.writeCredentials()
    let lint = try tree.run(binary, ["lint", file])
    #expect(lint.status == 0, "\(lint.stderr)")
    let version = try tree.run(binary, ["guides", "--default"])
    #expect(version.stdout.contains("version 7: "), "\(version.stdout)")
    #expect(version.stdout.contains("(from the checkout that holds the binary)"))
  }

  @Test func theCheckoutTheCommandRunsInComesFirstAndAFileWinsOverAnID() throws {
    let tree = try Tree()
    defer { tree.cleanUp() }
    let binary = try tree.installBinary(at: "prefix/bin/onboard")
    try tree.installData(at: "prefix/share/onboard", guideVersion: "5")
    try tree.installData(at: "empty", guideVersion: "8")
    let version = try tree.run(binary, ["guides", "--default"])
    #expect(version.stdout.contains("version 8: "), "\(version.stdout)")
    #expect(version.stdout.contains("(from the current folder)"))

    // A file named like the id is used as the file, not as an id.
    let local = tree.root + "/empty/" + Self.guideID
    try FileManager.default.copyItem(atPath: tree.root + "/empty/guides/\(Self.guideID).md", toPath: local)
    let check = try tree.run(binary, ["check", "--verbose", Self.guideID])
    #expect(check.stderr.contains("version 8: \(Self.guideID) (from the command line)"), "\(check.stderr)")
  }

  @Test func anUnknownIDIsAUsageErrorThatPointsToTheList() throws {
    let tree = try Tree()
    defer { tree.cleanUp() }
    let binary = try tree.installBinary(at: "prefix/bin/onboard")
    try tree.installData(at: "prefix/share/onboard")
    for arguments in [
      ["graph", "no-such-guide"], ["runbook", "no-such-guide"], ["lint", "--guide", "no-such-guide", "x"],
    ] {
      let result = try tree.run(binary, arguments)
      #expect(result.status == 2, "\(arguments)")
      #expect(result.stderr.contains("'onboard guides' lists the installed guides"), "\(result.stderr)")
    }
  }

  @Test func aTemplateSetNameThatLeadsOutOfTemplatesIsNotUsedFromADataFolder() throws {
    let tree = try Tree()
    defer { tree.cleanUp() }
    let binary = try tree.installBinary(at: "prefix/bin/onboard")
    try tree.installData(at: "prefix/share/onboard")
    let file = tree.root + "/prefix/share/onboard/guides/\(Self.guideID).md"
    let text = try String(contentsOfFile: file, encoding: .utf8)
    try Data(text.replacingOccurrences(of: "templates: [sp-api]", with: "templates: [../templates/sp-api]").utf8)
      .write(to: URL(fileURLWithPath: file))
    let credentials = try tree.writeCredentials()
    let lint = try tree.run(binary, ["lint", credentials])
    #expect(lint.status == 2)
    #expect(lint.stderr.contains("is not used"), "\(lint.stderr)")
  }
}
