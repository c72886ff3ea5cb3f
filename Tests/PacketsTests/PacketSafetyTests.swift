import Foundation
import GuideKit
import OnboardDiagnostics
import Testing

@testable import Packets

#if canImport(Glibc)
  import Glibc
#endif

/// Issue 13 items 5, 8 and 9, and issue 14's missing screenshots: re-runs keep people's work,
/// killed runs' temporary folders are cleaned, the shared screenshot cache is checked, and a
/// missing screenshot is a visible box.
@Suite("Packet safety")
struct PacketSafetyTests {
  let example = TestSupport.root + "/examples/sellers.yml"

  @Test("A re-run leaves a packet someone changed as it is, names the files, and --force replaces it")
  func changedPacketIsKept() throws {
    let first = try PacketRun()
    try first.run(example)
    let folder = first.out + "/thames_tea"
    let credentials = folder + "/credentials.yml"
    let filled = TestSupport.text(credentials) + "# the refresh token is filled in below\n"
    try filled.write(toFile: credentials, atomically: true, encoding: .utf8)
    try "call Anna on Monday".write(toFile: folder + "/notes.txt", atomically: true, encoding: .utf8)
    try FileManager.default.createDirectory(atPath: folder + "/drafts", withIntermediateDirectories: true)
    let untouched = TestSupport.text(first.out + "/maple-leaf-home/checklist.md")

    let second = try PacketRun(out: first.out).run(example)
    #expect(second.written == 4)
    let warning = try #require(second.diagnostics.first)
    #expect(second.diagnostics.count == 1)
    #expect(warning.ruleID == PacketGenerator.changedPacketRule)
    #expect(warning.severity == .warning)
    #expect(warning.message.contains("changed: credentials.yml"))
    #expect(warning.message.contains("not written by onboard: drafts/, notes.txt"))
    let lines = TestSupport.text(example).split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines[warning.location.line - 1] == "- id: thames_tea")
    #expect(TestSupport.text(credentials) == filled)
    #expect(TestSupport.text(folder + "/notes.txt") == "call Anna on Monday")
    #expect(TestSupport.text(first.out + "/maple-leaf-home/checklist.md") == untouched)

    let forced = try PacketRun(force: true, out: first.out).run(example)
    #expect(forced.written == 5 && forced.diagnostics.isEmpty)
    #expect(!FileManager.default.fileExists(atPath: folder + "/notes.txt"))
    #expect(TestSupport.text(credentials) != filled)
  }

  @Test("A packet with a changed screenshot or a deleted packet.json is left alone")
  func changedScreenshotAndMissingManifest() throws {
    let first = try PacketRun()
    try first.run(example)
    let image = first.out + "/thames_tea/images/App_Overview.png"
    // Replaced (a new file, as an editor saves), so the shared copy is not touched.
    try FileManager.default.removeItem(atPath: image)
    try "my annotated screenshot".write(toFile: image, atomically: true, encoding: .utf8)
    try FileManager.default.removeItem(atPath: first.out + "/sakura-stationery/packet.json")

    let second = try PacketRun(out: first.out).run(example)
    #expect(second.written == 3)
    #expect(
      Set(second.diagnostics.map(\.ruleID)) == [PacketGenerator.changedPacketRule, PacketGenerator.foreignFolderRule])
    #expect(second.diagnostics.contains { $0.message.contains("changed: images/App_Overview.png") })
    #expect(TestSupport.text(image) == "my annotated screenshot")
  }

  @Test("Temporary folders of a killed run are removed at the next run; a live run's are kept")
  func leftoverFolders() throws {
    let out = try TestSupport.temporaryFolder("leftovers")
    let gone = Process()
    gone.executableURL = URL(fileURLWithPath: "/bin/true")
    try gone.run()
    gone.waitUntilExit()
    let dead = gone.processIdentifier
    let live = getppid()
    let stale = ".onboard-tmp-thames_tea-\(dead)-1"
    let aside = ".onboard-old-sakura-stationery-\(dead)-2"
    let running = ".onboard-tmp-maple-leaf-home-\(live)-3"
    for name in [stale, aside, running] {
      try FileManager.default.createDirectory(atPath: out + "/" + name, withIntermediateDirectories: true)
      try "refresh_token: 'Atzr|secret'".write(
        toFile: out + "/" + name + "/credentials.yml", atomically: true, encoding: .utf8)
    }
    let writer = try PacketWriter(outputDirectory: out)
    #expect(writer.removedLeftovers == [aside, stale])
    #expect(!FileManager.default.fileExists(atPath: out + "/" + stale))
    #expect(FileManager.default.fileExists(atPath: out + "/" + running + "/credentials.yml"))
    // A packet moved aside whose place is empty is put back, not removed.
    #expect(FileManager.default.fileExists(atPath: out + "/sakura-stationery/credentials.yml"))
    #expect(!FileManager.default.fileExists(atPath: out + "/" + aside))

    // Through a whole run, too.
    try FileManager.default.createDirectory(atPath: out + "/" + stale, withIntermediateDirectories: true)
    let result = try PacketRun(force: true, out: out).run(example)
    #expect(result.removedLeftovers == [stale])
    #expect(!FileManager.default.fileExists(atPath: out + "/" + stale))
  }

  /// The shared copy's name for one of PacketRun's fake screenshots.
  func sharedName(_ name: String) -> (name: String, digest: String) {
    let digest = OnboardSupportDigest.hex(Array(("fake png " + name).utf8))
    return (String(digest.prefix(16)) + "-" + name, digest)
  }

  @Test("A shared copy with other content is not linked into packets; it is replaced")
  func poisonedSharedCopy() throws {
    let out = try TestSupport.temporaryFolder("poisoned")
    let shared = sharedName("App_Overview.png")
    try FileManager.default.createDirectory(
      atPath: out + "/" + PacketWriter.sharedImagesFolder, withIntermediateDirectories: true)
    try "not the screenshot".write(
      toFile: out + "/" + PacketWriter.sharedImagesFolder + "/" + shared.name, atomically: true, encoding: .utf8)
    let result = try PacketRun(out: out).run(example)
    #expect(result.written == 5)
    for seller in ["thames_tea", "north-trail-outfitters"] {
      let bytes = try #require(FileManager.default.contents(atPath: out + "/\(seller)/images/App_Overview.png"))
      #expect(OnboardSupportDigest.hex([UInt8](bytes)) == shared.digest)
      #expect(TestSupport.text(out + "/\(seller)/packet.json").contains(shared.digest))
    }
  }

  @Test("A shared copy damaged after a run is repaired by the next run, without --force")
  func damagedSharedCopyIsRepaired() throws {
    let first = try PacketRun()
    try first.run(example)
    let shared = sharedName("Create_App.png")
    let path = first.out + "/" + PacketWriter.sharedImagesFolder + "/" + shared.name
    // Overwritten in place: every packet's hard link shows the damage.
    let file = try #require(fopen(path, "w"))
    fputs("damaged", file)
    fclose(file)
    #expect(TestSupport.text(first.out + "/thames_tea/images/Create_App.png") == "damaged")

    let second = try PacketRun(out: first.out).run(example)
    #expect(second.written == 5 && second.diagnostics.isEmpty)
    #expect(TestSupport.text(first.out + "/thames_tea/images/Create_App.png") == "fake png Create_App.png")
    #expect(TestSupport.text(path) == "fake png Create_App.png")
  }

  @Test("A .shared-images symbolic link is never followed out of the output folder")
  func sharedFolderLink() throws {
    let out = try TestSupport.temporaryFolder("shared-link")
    let elsewhere = try TestSupport.temporaryFolder("elsewhere")
    #expect(symlink(elsewhere, out + "/" + PacketWriter.sharedImagesFolder) == 0)
    let result = try PacketRun(out: out).run(example)
    #expect(result.written == 5)
    #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere).isEmpty)
    var info = stat()
    #expect(lstat(out + "/" + PacketWriter.sharedImagesFolder, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR)
    #expect(TestSupport.text(out + "/thames_tea/images/App_Overview.png") == "fake png App_Overview.png")
  }

  @Test("A missing screenshot is a box naming the file in checklist.md, checklist.html and prompts.md")
  func missingScreenshotBox() throws {
    let run = try PacketRun(screenshots: PacketRun.screenshotNames.filter { $0 != "Create_App.png" })
    try run.run(example)
    let folder = run.out + "/thames_tea"
    #expect(!FileManager.default.fileExists(atPath: folder + "/images/Create_App.png"))
    let markdown = TestSupport.text(folder + "/checklist.md")
    #expect(markdown.contains("> **Screenshot not found:** Create\\_App.png."))
    #expect(!markdown.contains("](images/Create_App.png)"))
    #expect(markdown.contains("](images/App_Overview.png)"))
    let html = TestSupport.text(folder + "/checklist.html")
    #expect(html.contains("<strong>Screenshot not found:</strong> Create_App.png"))
    #expect(!html.contains("src=\"images/Create_App.png\""))
    #expect(html.contains("src=\"images/App_Overview.png\""))
    let prompts = TestSupport.text(folder + "/prompts.md")
    #expect(prompts.contains("**Screenshot not found:** Create\\_App.png."))
    #expect(!prompts.contains("](images/Create_App.png)"))
  }

  @Test("A screenshot the guide loader refused is never read, even with embedding")
  func refusedScreenshotIsNotRead() throws {
    let folder = try TestSupport.temporaryFolder("refused")
    let guidePath = folder + "/guide.md"
    let text = """
      ---
      id: example
      title: Example
      version: 1
      ---

      # Example

      ## <a id="s"></a>Stage

      1. <a id="a"></a>Do the thing.

         ![Environment](/proc/self/environ)

         ![Passwords](../../../../../../../../etc/passwd)
      """
    try text.write(toFile: guidePath, atomically: true, encoding: .utf8)
    let loaded = GuideLoader().load(file: guidePath)
    let guide = try #require(loaded.guide)
    let catalog = ScreenshotCatalog(guide: guide, embed: true)
    for screenshot in guide.screenshots {
      let asset = try #require(catalog.asset(screenshot.path))
      #expect(asset.sourcePath == nil && asset.dataURI == nil, "\(screenshot.path)")
    }
  }
}
