import CredentialSpecs
import Foundation
import GuideKit
import Testing

@testable import Packets

/// `packets --zip` (issue 19): the deterministic STORED archive, and the rule that a zip never
/// carries a credential file holding a secret value the roster gives.
@Suite struct PacketZipTests {
  static func le16(_ bytes: [UInt8], _ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
  static func le32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
    (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[at + $1]) << (8 * UInt32($1)) }
  }

  @Test func crc32MatchesTheStandardCheckValue() {
    #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    #expect(CRC32.checksum([]) == 0)
  }

  @Test func theArchiveIsSortedStoredTimestampedAndCarriesModes() throws {
    let archive = ZipArchive(entries: [
      .init(path: "b.env", bytes: Array("X='1'\n".utf8), mode: 0o600),
      .init(path: "a.md", bytes: Array("# a\n".utf8), mode: 0o644),
      .init(path: "images/ü.png", bytes: [0x89, 0x50], mode: 0o644),
    ])
    let bytes = try archive.bytes()
    #expect(try archive.bytes() == bytes)
    #expect(try ZipArchive(entries: archive.entries.reversed()).bytes() == bytes, "order of the input matters not")
    #expect(ZipArchive.isOnboardArchive(bytes))
    #expect(!ZipArchive.isOnboardArchive(Array("PK but not ours".utf8)))

    // The end record: three entries, the central directory where it says.
    let end = bytes.count - 22 - ZipArchive.comment.utf8.count
    #expect(Self.le32(bytes, end) == 0x0605_4B50)
    #expect(Self.le16(bytes, end + 10) == 3)
    var at = Int(Self.le32(bytes, end + 16))
    var seen: [(String, UInt32, UInt16, UInt16, UInt16)] = []
    for _ in 0..<3 {
      #expect(Self.le32(bytes, at) == 0x0201_4B50)
      let nameLength = Self.le16(bytes, at + 28)
      let name = String(decoding: bytes[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self)
      let method = UInt16(Self.le16(bytes, at + 10))
      let date = UInt16(Self.le16(bytes, at + 14))
      let flags = UInt16(Self.le16(bytes, at + 8))
      seen.append((name, Self.le32(bytes, at + 38) >> 16, method, date, flags))
      at += 46 + nameLength
    }
    #expect(seen.map(\.0) == ["a.md", "b.env", "images/ü.png"])
    #expect(seen.map(\.1) == [0o100644, 0o100600, 0o100644])
    #expect(seen.allSatisfy { $0.2 == 0 && $0.3 == 0x21 && $0.4 == 0x800 })
  }

  @Test func twoEntriesWithOnePathAreRefused() {
    let archive = ZipArchive(entries: [
      .init(path: "a", bytes: [1], mode: 0o644), .init(path: "a", bytes: [2], mode: 0o644),
    ])
    #expect(throws: ZipArchive.BuildError.self) { try archive.bytes() }
  }

  @Test func aCredentialFileHoldingAKnownSecretIsFoundAsWrittenOrEscaped() {
    let specs = CredentialSpecSet([
      CredentialSpec(key: "api_key", title: "API key"),
      CredentialSpec(key: "account_id", title: "account id", secret: false),
    ])
    let secret = "it's\"a\\secret"
    let files = [
      PacketFile(path: "plain.env", text: "API_KEY=it's\"a\\secret\n", mode: 0o600),
      PacketFile(path: "escaped.yml", text: "api_key: 'it''s\"a\\secret'\n", mode: 0o600),
      PacketFile(path: "escaped.json", text: "{\"api_key\": \"it's\\\"a\\\\secret\"}\n", mode: 0o600),
      PacketFile(path: "empty.yml", text: "api_key: ''\naccount_id: 'acct-1'\n", mode: 0o600),
      // Not a credential file: never holds a value in the first place, so it is not scanned.
      PacketFile(path: "checklist.md", text: "nothing\n", mode: 0o644),
    ]
    let leftOut = PacketZipWriter.secretFiles(
      files, known: ["api_key": secret, "account_id": "acct-1"], specs: specs)
    #expect(leftOut.map(\.path) == ["plain.env", "escaped.yml", "escaped.json"])
    #expect(leftOut.allSatisfy { $0.keys == ["api_key"] })
    #expect(PacketZipWriter.secretFiles(files, known: ["account_id": "acct-1"], specs: specs).isEmpty)
    let message = leftOut[0].message(zip: "out/shop.zip")
    #expect(message.contains("out/shop.zip leaves out plain.env") && message.contains("'api_key'"))
    #expect(!message.contains("secret\\"))
  }

  @Test func theGeneratorWritesOneZipPerPacketTheSameBytesEachTime() throws {
    let shots = try TestSupport.temporaryFolder("shots")
    for name in ["App_Overview.png", "Create_App.png", "LWA_Credentials.png", "Authorise_Application.png"] {
      try Data(("fake png " + name).utf8).write(to: URL(fileURLWithPath: shots + "/" + name))
    }
    let guide = try #require(GuideLoader(screenshotFolders: [shots]).load(file: TestSupport.guidePath).guide)
    let out = try TestSupport.temporaryFolder("zip")
    var options = PacketGenerator.Options(outputDirectory: out)
    options.zip = true
    let generator = PacketGenerator(guide: guide, templates: try TestSupport.templates(), options: options)
    var leftOut: [String: [String]] = [:]
    let roster = TestSupport.root + "/examples/sellers.yml"
    let result = try generator.write(roster: roster, onWritten: { leftOut[$0.sellerID] = $0.leftOut.map(\.path) })
    #expect(result.written == 5 && result.diagnostics.isEmpty)
    let names = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
    #expect(
      names == [
        "maple-leaf-home.zip", "north-trail-outfitters.zip", "rhein-werkstatt.zip", "sakura-stationery.zip",
        "thames_tea.zip",
      ])
    // north-trail-outfitters' row knows lwa_app_id (secret unless the guide says otherwise).
    #expect(leftOut["north-trail-outfitters"] == ["credentials.py", "credentials.yml", "north_trail.env"])
    #expect(leftOut["maple-leaf-home"] == [])
    let first = try Data(contentsOf: URL(fileURLWithPath: out + "/north-trail-outfitters.zip"))
    #expect(TestSupport.mode(out + "/north-trail-outfitters.zip") == 0o644)
    #expect(TestSupport.mode(out + "/maple-leaf-home.zip") == 0o600)
    _ = try generator.write(roster: roster)
    #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/north-trail-outfitters.zip")) == first)
  }
}
