import Foundation
import GuideKit
import OnboardDiagnostics
import Roster
import Testing
import Yams

@testable import PacketPlanning
@testable import Packets

#if canImport(Glibc)
  import Glibc
#endif

/// Writes packets for a roster into a fresh folder, with fake screenshots.
struct PacketRun {
  let guide: Guide
  let out: String
  let generator: PacketGenerator

  static let screenshotNames = [
    "App_Overview.png", "Create_App.png", "LWA_Credentials.png", "Authorise_Application.png",
  ]

  init(
    force: Bool = false, embed: Bool = false, out: String? = nil, workers: Int? = nil,
    screenshots: [String] = PacketRun.screenshotNames
  ) throws {
    let shots = try TestSupport.temporaryFolder("shots")
    for name in screenshots {
      try Data(("fake png " + name).utf8).write(to: URL(fileURLWithPath: shots + "/" + name))
    }
    let loaded = GuideLoader(screenshotFolders: [shots]).load(file: TestSupport.guidePath)
    guard let guide = loaded.guide else { throw TestSupport.Failure("guide did not load") }
    self.guide = guide
    self.out = try out ?? TestSupport.temporaryFolder("out")
    self.generator = PacketGenerator(
      guide: guide, templates: try TestSupport.templates(),
      options: .init(outputDirectory: self.out, embedScreenshots: embed, force: force, workers: workers))
  }

  @discardableResult
  func run(_ roster: String, writer: PacketWriter? = nil) throws -> PacketGenerator.WriteResult {
    let checked = try generator.check(roster: roster)
    // A row without an owner gets a missing-value warning (tested on its own); the packets
    // are still written.
    guard checked.diagnostics.allSatisfy({ $0.ruleID == RosterRules.missingValue }) else {
      throw TestSupport.Failure("roster errors: \(checked.diagnostics.map(\.message))")
    }
    return try generator.write(roster: roster, writer: writer)
  }
}

@Suite("Packet writing")
struct PacketWritingTests {
  let example = TestSupport.root + "/examples/sellers.yml"

  @Test("Every packet holds the files of the issue's table")
  func contents() throws {
    let run = try PacketRun()
    let result = try run.run(example)
    #expect(result.written == 5 && result.diagnostics.isEmpty)
    let files = TestSupport.files(under: run.out + "/north-trail-outfitters")
    #expect(
      files == [
        "checklist.html", "checklist.md", "credentials.py", "credentials.yml", "images/App_Overview.png",
        "images/Authorise_Application.png", "images/Create_App.png", "images/LWA_Credentials.png", "north_trail.env",
        "packet.json", "prompts.md",
      ])
    let markdown = TestSupport.text(run.out + "/north-trail-outfitters/checklist.md")
    #expect(markdown.contains("- [ ] **1\\.3** View the LWA credentials. (step `lwa-credentials`)"))
    #expect(markdown.contains("[Developer Central\\, with") == false)
    #expect(markdown.contains("](images/LWA_Credentials.png)"))
    #expect(markdown.contains("**Check:**"))
    #expect(markdown.contains("> **Warning:**"))
    #expect(markdown.contains("https://sellercentral.amazon.com"))
    let html = TestSupport.text(run.out + "/north-trail-outfitters/checklist.html")
    #expect(html.contains("data-key=\"onboard:sp-api-self-authorisation:north-trail-outfitters:lwa-credentials\""))
    #expect(html.contains("localStorage"))
    #expect(html.contains("@media print"))
    #expect(html.contains("id=\"progress-count\""))
    #expect(html.contains("<img src=\"images/LWA_Credentials.png\""))
    #expect(!html.contains("<link ") && !html.contains("src=\"http"))
  }

  @Test("packet.json lists the guide, seller, steps and each file's SHA-256")
  func manifest() throws {
    let run = try PacketRun()
    try run.run(example)
    let folder = run.out + "/maple-leaf-home"
    let data = try #require(FileManager.default.contents(atPath: folder + "/packet.json"))
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(json["generator"] as? String == "onboard")
    #expect((json["guide"] as? [String: Any])?["id"] as? String == "sp-api-self-authorisation")
    #expect((json["seller"] as? [String: Any])?["id"] as? String == "maple-leaf-home")
    let steps = try #require(json["steps"] as? [String])
    #expect(steps.contains("environment") && !steps.contains("credentials-file"))
    let files = try #require(json["files"] as? [[String: Any]])
    for entry in files {
      let path = try #require(entry["path"] as? String)
      let bytes = try #require(FileManager.default.contents(atPath: folder + "/" + path))
      #expect(entry["sha256"] as? String == OnboardSupportDigest.hex([UInt8](bytes)), "\(path)")
    }
    #expect(files.contains { $0["path"] as? String == "maple_leaf.env" && $0["mode"] as? String == "0600" })
  }

  @Test("Credential files are mode 0600; the rest 0644")
  func modes() throws {
    let run = try PacketRun()
    try run.run(example)
    let folder = run.out + "/thames_tea"
    for file in ["credentials.yml", "credentials.py", "thames_tea.env"] {
      #expect(TestSupport.mode(folder + "/" + file) == 0o600, "\(file)")
    }
    for file in ["checklist.md", "checklist.html", "prompts.md", "packet.json"] {
      #expect(TestSupport.mode(folder + "/" + file) == 0o644, "\(file)")
    }
  }

  @Test("A re-run with the same input writes byte-identical files")
  func byteIdentical() throws {
    let first = try PacketRun()
    try first.run(example)
    let before = snapshot(first.out)
    let second = try PacketRun(out: first.out)
    try second.run(example)
    #expect(snapshot(first.out) == before)
    let other = try PacketRun()
    try other.run(example)
    #expect(snapshot(other.out) == before)
  }

  @Test("Screenshots are hard links to one shared copy")
  func hardLinks() throws {
    let run = try PacketRun()
    try run.run(example)
    var info = stat()
    #expect(stat(run.out + "/thames_tea/images/App_Overview.png", &info) == 0)
    #expect(info.st_nlink >= 6)
    let shared = TestSupport.files(under: run.out + "/" + PacketWriter.sharedImagesFolder)
    #expect(shared.count == 4)
  }

  @Test("A file path that leaves the packet is refused and nothing is written")
  func pathLeavingPacket() throws {
    let out = try TestSupport.temporaryFolder("escape")
    let writer = try PacketWriter(outputDirectory: out)
    for path in ["../outside.txt", "images/../../outside.txt"] {
      #expect(throws: PacketWriter.WriteError.self) {
        try writer.write(id: "one", files: [PacketFile(path: "a.txt", text: "a"), PacketFile(path: path, text: "b")])
      }
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: out).isEmpty)
    #expect(!FileManager.default.fileExists(atPath: (out as NSString).deletingLastPathComponent + "/outside.txt"))
  }

  @Test("A shared screenshot that reaches the file system's link limit is followed by a new copy")
  func linkLimit() throws {
    let out = try TestSupport.temporaryFolder("link-limit")
    let source = out + "-shot.png"
    let bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 1, 2, 3]
    try Data(bytes).write(to: URL(fileURLWithPath: source))
    // The shared copy is checked against the digest, so the digest is the file's own.
    let digest = OnboardSupportDigest.hex(bytes)
    let prefix = String(digest.prefix(16))
    let writer = try PacketWriter(outputDirectory: out)
    // Like ext4 at 65,000 links, but at 3: link(2) fails with EMLINK once the source has 3.
    writer.makeHardLink = { sharedFolder, sharedName, folder, name in
      var info = stat()
      guard fstatat(sharedFolder, sharedName, &info, 0) == 0 else { return -1 }
      if info.st_nlink >= 3 {
        errno = EMLINK
        return -1
      }
      return linkat(sharedFolder, sharedName, folder, name, 0)
    }
    let image = PacketFile(
      path: "images/shot.png", content: .image(sourcePath: source, sha256: digest))
    for number in 0..<5 {
      try writer.write(id: "seller-\(number)", files: [PacketFile(path: "a.txt", text: "a"), image])
    }
    let shared = TestSupport.files(under: out + "/" + PacketWriter.sharedImagesFolder).sorted()
    #expect(shared == ["\(prefix)-1-shot.png", "\(prefix)-2-shot.png", "\(prefix)-shot.png"])
    var links: [Int] = []
    for name in shared {
      var info = stat()
      #expect(stat(out + "/" + PacketWriter.sharedImagesFolder + "/" + name, &info) == 0)
      links.append(Int(info.st_nlink))
    }
    // 5 packets + 3 shared copies: every packet's screenshot is a link, none is a copy.
    #expect(links == [3, 2, 3])
    for number in 0..<5 {
      #expect(FileManager.default.contents(atPath: out + "/seller-\(number)/images/shot.png")?.count == 7)
    }
  }

  @Test("--embed-screenshots puts data: URIs into checklist.html")
  func embedded() throws {
    let run = try PacketRun(embed: true)
    try run.run(example)
    let html = TestSupport.text(run.out + "/sakura-stationery/checklist.html")
    #expect(html.contains("src=\"data:image/png;base64,"))
  }

  @Test("A failure part-way leaves no half packet and keeps the old one")
  func atomic() throws {
    let run = try PacketRun(workers: 1)
    try run.run(example)
    let before = snapshot(run.out)
    let writer = try PacketWriter(outputDirectory: run.out)
    var count = 0
    writer.beforeEachFile = { _ in
      count += 1
      if count == 3 { throw TestSupport.Failure("disk full (simulated)") }
    }
    #expect(throws: TestSupport.Failure.self) { try run.generator.write(roster: example, writer: writer) }
    #expect(snapshot(run.out) == before)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: run.out).filter { $0.hasPrefix(".onboard-") }
    #expect(leftovers.isEmpty)

    let fresh = try TestSupport.temporaryFolder("fresh")
    let freshWriter = try PacketWriter(outputDirectory: fresh)
    freshWriter.beforeEachFile = { path in if path == "credentials.yml" { throw TestSupport.Failure("simulated") } }
    let files = [PacketFile(path: "a.txt", text: "a"), PacketFile(path: "credentials.yml", text: "b", mode: 0o600)]
    #expect(throws: TestSupport.Failure.self) { try freshWriter.write(id: "one", files: files) }
    #expect(try FileManager.default.contentsOfDirectory(atPath: fresh).isEmpty)
  }

  @Test("A folder onboard did not write is refused without --force and replaced with it")
  func foreignFolder() throws {
    let out = try TestSupport.temporaryFolder("foreign")
    try FileManager.default.createDirectory(atPath: out + "/thames_tea", withIntermediateDirectories: true)
    try "mine".write(toFile: out + "/thames_tea/notes.txt", atomically: true, encoding: .utf8)
    let run = try PacketRun(out: out)
    let result = try run.run(example)
    #expect(result.written == 4)
    #expect(result.diagnostics.map(\.ruleID) == [PacketGenerator.foreignFolderRule])
    #expect(TestSupport.text(out + "/thames_tea/notes.txt") == "mine")
    let exampleLines = TestSupport.text(example).split(separator: "\n", omittingEmptySubsequences: false)
    #expect(result.diagnostics.first.map { exampleLines[$0.location.line - 1] } == "- id: thames_tea")

    let forced = try PacketRun(force: true, out: out)
    let second = try forced.run(example)
    #expect(second.written == 5 && second.diagnostics.isEmpty)
    #expect(!FileManager.default.fileExists(atPath: out + "/thames_tea/notes.txt"))
    #expect(PacketWriter.isOnboardPacket(out + "/thames_tea"))
  }

  @Test("--seller writes only the named sellers")
  func sellerFilter() throws {
    let out = try TestSupport.temporaryFolder("filter")
    let guide = try PacketRun().guide
    let generator = PacketGenerator(
      guide: guide, templates: try TestSupport.templates(),
      options: .init(outputDirectory: out, sellerIDs: ["thames_tea", "nobody"]))
    let checked = try generator.check(roster: example)
    #expect(checked.selectedCount == 1 && checked.missingSellerIDs == ["nobody"])
    _ = try generator.write(roster: example)
    #expect(try FileManager.default.contentsOfDirectory(atPath: out).filter { !$0.hasPrefix(".") } == ["thames_tea"])
  }

  func snapshot(_ folder: String) -> [String: [UInt8]] {
    var result: [String: [UInt8]] = [:]
    for path in TestSupport.files(under: folder) {
      result[path] = FileManager.default.contents(atPath: folder + "/" + path).map { [UInt8]($0) }
    }
    return result
  }
}

/// An extra that adds one file and records how many packets it is called for at once.
final class RecordingExtra: PacketExtras, @unchecked Sendable {
  private let lock = NSLock()
  private var active = 0
  private(set) var maximumActive = 0

  func files(for packet: RenderedPacket) throws -> [PacketFile] {
    lock.withLock {
      active += 1
      maximumActive = max(maximumActive, active)
    }
    Thread.sleep(forTimeInterval: 0.01)
    lock.withLock { active -= 1 }
    let hasChecklist = packet.text(of: "checklist.md") != nil
    return [PacketFile(path: "extra.txt", text: "extra for \(packet.plan.seller.id) \(hasChecklist)\n")]
  }
}

@Suite("Packet extras")
struct PacketExtrasTests {
  @Test("An extra's files go into the packet and packet.json, one packet at a time")
  func extras() throws {
    let extra = RecordingExtra()
    let out = try TestSupport.temporaryFolder("extras")
    let guide = try PacketRun().guide
    let generator = PacketGenerator(
      guide: guide, templates: try TestSupport.templates(),
      options: .init(outputDirectory: out, extras: [extra], workers: 4))
    let result = try generator.write(roster: TestSupport.root + "/examples/sellers.yml")
    #expect(result.written == 5)
    #expect(TestSupport.text(out + "/thames_tea/extra.txt") == "extra for thames_tea true\n")
    #expect(TestSupport.text(out + "/thames_tea/packet.json").contains("\"path\": \"extra.txt\""))
    #expect(extra.maximumActive == 1)
  }
}
