import Foundation
import OnboardDiagnostics
import OnboardSupport
import Testing

@testable import Packets

/// Both passes run on worker threads; their results must not depend on how many.
@Suite("Parallel passes")
struct ParallelPassTests {
  @Test("The pipeline hands results back in submission order, with a bounded window")
  func pipelineOrder() {
    let pipeline = OrderedPipeline<Int, Int>(workers: 3, window: 5) {
      { value in
        usleep(UInt32((value * 7919) % 13) * 100)
        return value * 2
      }
    }
    var results: [Int] = []
    var maxInFlight = 0
    var inFlight = 0
    for value in 0..<200 {
      if pipeline.mustTakeBeforeSubmitting, let result = pipeline.take() {
        results.append(result)
        inFlight -= 1
      }
      pipeline.submit(value)
      inFlight += 1
      maxInFlight = max(maxInFlight, inFlight)
    }
    pipeline.close()
    while let result = pipeline.take() { results.append(result) }
    #expect(results == (0..<200).map { $0 * 2 })
    #expect(maxInFlight <= 5)
  }

  @Test("Checking a roster on several threads gives the diagnostics of one thread, in roster order")
  func checkOrder() throws {
    var yaml = SplicedRenderingTests.roster(count: 80)
    yaml += "- id: s-3\n  marketplace: US\n- id: bad/id\n  marketplace: XX\n- id: z\n  marketplace: DE\n"
    yaml += "  credential_source: paper\n- name: no id\n- id: s-10\n  marketplace: US\n"
    let path = try TestSupport.file(yaml, named: "errors.yml")
    let one = try PacketRun(workers: 1).generator.check(roster: path)
    let two = try PacketRun(workers: 2).generator.check(roster: path)
    let four = try PacketRun(workers: 4).generator.check(roster: path)
    #expect(one.diagnostics.count >= 5)
    for other in [two, four] {
      #expect(other.diagnostics.map(\.message) == one.diagnostics.map(\.message))
      #expect(other.diagnostics.map(\.location) == one.diagnostics.map(\.location))
      #expect(other.sellerCount == one.sellerCount && other.selectedCount == one.selectedCount)
    }
  }

  @Test("Writing on several threads gives the files of one thread")
  func writeSameBytes() throws {
    let path = try TestSupport.file(SplicedRenderingTests.roster(count: 30), named: "w.yml")
    let one = try PacketRun(workers: 1)
    let two = try PacketRun(workers: 2)
    #expect(try one.run(path).written == 30)
    #expect(try two.run(path).written == 30)
    let files = TestSupport.files(under: one.out)
    #expect(files == TestSupport.files(under: two.out))
    for file in files where !file.hasPrefix(".shared-images") {
      #expect(
        FileManager.default.contents(atPath: one.out + "/" + file)
          == FileManager.default.contents(atPath: two.out + "/" + file), "\(file)")
    }
  }

  @Test("SHA-256 from the system library and the built-in one agree")
  func digestsAgree() {
    var generator = SystemRandomNumberGenerator()
    for size in [0, 1, 3, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000, 4096, 100_003] {
      let bytes = (0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) }
      var whole = OnboardSupport.SHA256()
      whole.update(bytes)
      var pieces = OnboardSupport.SHA256()
      var start = 0
      while start < bytes.count {
        let end = min(bytes.count, start + Int.random(in: 1...150, using: &generator))
        pieces.update(Array(bytes[start..<end]))
        start = end
      }
      let expected = whole.finalizeHex()
      #expect(OnboardSupport.SHA256.hexDigest(bytes) == expected, "size \(size)")
      #expect(pieces.finalizeHex() == expected, "size \(size)")
    }
    #expect(
      OnboardSupport.SHA256.hexDigest(Array("abc".utf8))
        == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    // Where the system has libcrypto, it is the one used (and so the one compared above).
    if dlopen("libcrypto.so.3", RTLD_NOW | RTLD_LOCAL) != nil {
      #expect(OnboardSupport.SHA256.usesSystemLibrary)
    }
  }
}
