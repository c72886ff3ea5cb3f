import Foundation
import OnboardSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// How a failed write of standard output ends a command (issue 13, item 11).
struct StandardOutputTests {
  @Test func writeAllReportsTheErrorOfAFullDevice() throws {
    let descriptor = open("/dev/full", O_WRONLY)
    try #require(descriptor >= 0)
    defer { close(descriptor) }
    let bytes = [UInt8]("hello\n".utf8)
    #expect(bytes.withUnsafeBytes { DescriptorWriter.writeAll(descriptor, $0) } == ENOSPC)
  }

  @Test func writeAllReportsAClosedPipeAsEPIPE() throws {
    StandardOutput.ignoreBrokenPipeSignal()
    var ends: [Int32] = [0, 0]
    try #require(pipe(&ends) == 0)
    close(ends[0])
    defer { close(ends[1]) }
    let bytes = [UInt8](repeating: 0x61, count: 100)
    #expect(bytes.withUnsafeBytes { DescriptorWriter.writeAll(ends[1], $0) } == EPIPE)
  }

  @Test func writeAllWritesEverythingThroughShortWrites() throws {
    var ends: [Int32] = [0, 0]
    try #require(pipe(&ends) == 0)
    let (readEnd, writeEnd) = (ends[0], ends[1])
    let bytes = [UInt8]((0..<300_000).map { UInt8(truncatingIfNeeded: $0) })
    nonisolated(unsafe) var read: [UInt8] = []
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      var buffer = [UInt8](repeating: 0, count: 65_536)
      while true {
        let count = buffer.withUnsafeMutableBytes { Glibc.read(readEnd, $0.baseAddress, $0.count) }
        if count <= 0 { break }
        read += buffer[0..<count]
      }
      group.leave()
    }
    // The pipe holds 64 KiB, so the writer waits for the reader several times.
    #expect(bytes.withUnsafeBytes { DescriptorWriter.writeAll(writeEnd, $0) } == 0)
    close(writeEnd)
    group.wait()
    close(readEnd)
    #expect(read == bytes)
  }

  @Test func aClosedPipeEndsQuietlyAndAnythingElseSaysWhy() {
    let closed = StandardOutput.ending(after: EPIPE)
    #expect(closed.message == nil)
    #expect(closed.status == 141)
    let full = StandardOutput.ending(after: ENOSPC)
    #expect(full.message == "onboard: cannot write to standard output: No space left on device\n")
    #expect(full.status == 2)
  }
}
