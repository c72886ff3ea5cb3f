import Foundation
import Testing

/// Issue 20: a guide that names no template set makes complete packets with templates/generic,
/// `onboard init` starts a guide that does so at once, and the second bundled guide works.
@Suite struct GenericTemplateSetTests {
  static let root = OnboardProcess.repositoryRoot
  static let guide = root + "/guides/fernhill-pay-webhooks.md"
  static let roster = root + "/examples/fernhill-pay-roster.yml"

  static func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

  static func mode(_ path: String) throws -> Int {
    try ((FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue) ?? -1
  }

  @Test func initThenPacketsWorksInAFreshFolder() throws {
    let folder = try OnboardProcess.temporaryFolder()
    let made = try OnboardProcess.run(["init", "x"], in: folder)
    #expect(made.status == 0, "\(made.stderr)")
    for file in ["x/x.md", "x/roster.yml", "x/images/x.png"] {
      #expect(FileManager.default.fileExists(atPath: folder + "/" + file), "\(file)")
    }
    let png = try #require(FileManager.default.contents(atPath: folder + "/x/images/x.png"))
    #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    // The IEND chunk closes the file, with the CRC-32 every PNG's IEND has.
    #expect(Array(png.suffix(8)) == [0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82])

    let check = try OnboardProcess.run(["check", "x/x.md", "--strict"], in: folder)
    #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    let packets = try OnboardProcess.run(["packets", "x/x.md", "--roster", "x/roster.yml"], in: folder)
    #expect(packets.status == 0, "\(packets.stderr)")
    let packet = folder + "/packets/example-shop"
    let names = try FileManager.default.contentsOfDirectory(atPath: packet).sorted()
    #expect(names == ["checklist.html", "checklist.md", "credentials.env", "images", "packet.json", "prompts.md"])
    #expect(try Self.mode(packet + "/credentials.env") == 0o600)
    let env = try Self.read(packet + "/credentials.env")
    #expect(env.contains("# API key: fill in from step 1.2 \"Create a key and copy it.\" (create-key)\nX_API_KEY=''"))
    let html = try Self.read(packet + "/checklist.html")
    #expect(html.contains("<input type=\"checkbox\" data-key=") && html.contains("localStorage"))
    #expect(html.contains("@media print") && html.contains("<img src=\"images/x.png\""))

    // A second init leaves what exists alone; --force replaces the skeleton's files.
    try Data("# mine\n".utf8).write(to: URL(fileURLWithPath: folder + "/x/roster.yml"))
    let again = try OnboardProcess.run(["init", "x"], in: folder)
    #expect(again.status == 2 && again.stderr.contains("--force"))
    #expect(try Self.read(folder + "/x/roster.yml") == "# mine\n")
    #expect(try OnboardProcess.run(["init", "x", "--force"], in: folder).status == 0)
    #expect(try Self.read(folder + "/x/roster.yml") != "# mine\n")
  }

  @Test func initRefusesANameThatIsNoSafeFileName() throws {
    let folder = try OnboardProcess.temporaryFolder()
    for name in ["../up", "a/b", "_x", ""] {
      let run = try OnboardProcess.run(["init", name, "--dir", folder])
      #expect(run.status == 2 && run.stderr.contains("letters, digits"), "\(name)")
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
  }

  @Test func initWithTemplatesUsesTheCopy() throws {
    let folder = try OnboardProcess.temporaryFolder()
    #expect(try OnboardProcess.run(["init", "y", "--dir", folder, "--with-templates"]).status == 0)
    let copy = folder + "/y/templates/generic/dotenv.mustache"
    #expect(FileManager.default.fileExists(atPath: folder + "/y/templates/shared/_checklist-script.html.mustache"))
    let text = try Self.read(copy)
    try Data(
      text.replacingOccurrences(of: "# Keep this file private", with: "# CUSTOMISED. Keep this file private").utf8
    )
    .write(to: URL(fileURLWithPath: copy))
    let run = try OnboardProcess.run(["packets", "y/y.md", "--roster", "y/roster.yml", "--quiet"], in: folder)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(try Self.read(folder + "/packets/example-shop/credentials.env").contains("# CUSTOMISED."))
  }

  @Test func aGuideWithoutTemplatesWritesTheLayoutItChooses() throws {
    let folder = try OnboardProcess.temporaryFolder()
    let dotenv = try OnboardProcess.run(["packets", Self.guide, "--roster", Self.roster, "--out", folder + "/d"])
    #expect(dotenv.status == 0, "\(dotenv.stderr)")
    let env = try Self.read(folder + "/d/harbour-tea/credentials.env")
    #expect(env.contains("# Fernhill Pay API key (filled in from the roster)\nFERNHILL_API_KEY='fh_test_"))
    #expect(env.contains("FERNHILL_WEBHOOK_SECRET=''"))
    #expect(!FileManager.default.fileExists(atPath: folder + "/d/harbour-tea/credentials.yml"))
    let manifest = try Self.read(folder + "/d/harbour-tea/packet.json")
    #expect(manifest.contains("\"path\": \"credentials.env\"") && manifest.contains("\"mode\": \"0600\""))

    let yaml = try OnboardProcess.run(
      ["packets", Self.guide, "--roster", Self.roster, "--out", folder + "/y", "--layout", "yaml"])
    #expect(yaml.status == 0, "\(yaml.stderr)")
    let file = folder + "/y/copper-kettle/credentials.yml"
    #expect(try Self.mode(file) == 0o600)
    #expect(try Self.read(file).contains("(reveal-secret)\nwebhook_signing_secret: ''"))
    #expect(!FileManager.default.fileExists(atPath: folder + "/y/copper-kettle/credentials.env"))
    // The guide's text names the file the packet holds.
    #expect(try Self.read(folder + "/y/copper-kettle/checklist.md").contains("`credentials.yml`"))

    let unknown = try OnboardProcess.run(
      ["packets", Self.guide, "--roster", Self.roster, "--out", folder + "/u", "--layout", "json"])
    #expect(unknown.status == 2)
    #expect(unknown.stderr.contains("has no layout 'json'; its layouts: dotenv, yaml"))
    #expect(!FileManager.default.fileExists(atPath: folder + "/u"))
  }

  @Test func frontMatterLayoutChoosesTheFile() throws {
    let folder = try OnboardProcess.temporaryFolder()
    let text = try Self.read(Self.guide).replacingOccurrences(of: "layout: dotenv\n", with: "layout: yaml\n")
    try FileManager.default.createDirectory(atPath: folder + "/g", withIntermediateDirectories: true)
    try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/g/g.md"))
    let run = try OnboardProcess.run(
      ["packets", folder + "/g/g.md", "--roster", Self.roster, "--out", folder + "/out", "--seller", "harbour-tea"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(FileManager.default.fileExists(atPath: folder + "/out/harbour-tea/credentials.yml"))
    #expect(!FileManager.default.fileExists(atPath: folder + "/out/harbour-tea/credentials.env"))
  }

  @Test func bothBundledGuidesAreListedAndSPAPIStaysTheDefault() throws {
    let list = try OnboardProcess.run(["guides"])
    #expect(list.status == 0)
    #expect(list.stdout.contains("fernhill-pay-webhooks") && list.stdout.contains("sp-api-self-authorisation"))
    let chosen = try OnboardProcess.run(["guides", "--default"])
    #expect(chosen.stdout.contains("guide: sp-api-self-authorisation"))
    #expect(chosen.stdout.contains("template set: sp-api"))
    let check = try OnboardProcess.run(["check", Self.guide, "--strict"])
    #expect(check.status == 0, "\(check.stdout)")
  }
}
