import Foundation
import OnboardSupport
import Testing

struct SHA256Tests {
  @Test func knownVectors() {
    // FIPS 180-2 / NIST test vectors.
    #expect(
      SHA256.hexDigest("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(
      SHA256.hexDigest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    let twoBlocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
    #expect(twoBlocks.utf8.count == 56)
    #expect(
      SHA256.hexDigest(twoBlocks)
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    let long =
      "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
    #expect(
      SHA256.hexDigest(long) == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
    #expect(
      SHA256.hexDigest([UInt8](repeating: 0x61, count: 1_000_000))
        == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  @Test func stringAndBytesAgree() {
    let text = "ünïcödé 😀"
    #expect(SHA256.hexDigest(text) == SHA256.hexDigest(Array(text.utf8)))
  }

  @Test func incrementalUpdatesMatchOneShot() {
    var generator = SeededGenerator(seed: 7)
    let data = (0..<5_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
    let expected = SHA256.hexDigest(data)
    for chunkSize in [1, 3, 55, 56, 63, 64, 65, 127, 1_000] {
      var hash = SHA256()
      var index = 0
      while index < data.count {
        let end = min(index + chunkSize, data.count)
        hash.update(Array(data[index..<end]))
        index = end
      }
      hash.update([])
      #expect(hash.finalizeHex() == expected, "chunk size \(chunkSize)")
    }
  }

  @Test(
    "random data against sha256sum",
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sha256sum")),
    arguments: [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1_000, 65_537])
  func matchesSHA256Sum(size: Int) throws {
    var generator = SeededGenerator(seed: UInt64(size) &+ 1)
    let data = (0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) }
    let file = FileManager.default.temporaryDirectory.appendingPathComponent(
      "sha-\(UUID().uuidString)")
    try Data(data).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
    process.arguments = [file.path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    let expected = String(output.prefix { $0 != " " })
    #expect(expected.count == 64)
    #expect(SHA256.hexDigest(data) == expected)
  }
}

/// A small deterministic generator (SplitMix64), so failures reproduce.
struct SeededGenerator: RandomNumberGenerator {
  var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
