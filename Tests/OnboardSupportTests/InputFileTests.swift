import Foundation
import Testing

@testable import OnboardSupport

#if canImport(Glibc)
  import Glibc
#endif

/// `InputFile` and `BoundedLineReader`: only regular files, and every input and line within
/// its limits (issue 13, item 12).
struct InputFileTests {
  static let small = InputLimits(kind: "test file", maxBytes: 100, maxLineBytes: 10)

  private func folder() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("input-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
    return path
  }

  private func expectError(_ reason: String, _ body: () throws -> Void) {
    do {
      try body()
      Issue.record("no error; expected '\(reason)'")
    } catch let error as InputFile.ReadError {
      #expect(error.reason == reason)
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func readsARegularFileAndItsMode() throws {
    let folder = try folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/a.yml"
    #expect(FileManager.default.createFile(atPath: path, contents: Data("a: 1\nb: 2\n".utf8)))
    chmod(path, 0o640)
    let contents = try InputFile.readWithMode(path, limits: Self.small)
    #expect(contents.bytes == Array("a: 1\nb: 2\n".utf8))
    #expect(contents.mode == 0o640)
  }

  @Test func aSymbolicLinkIsFollowedAndTheTargetsModeIsReported() throws {
    let folder = try folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    #expect(FileManager.default.createFile(atPath: folder + "/target", contents: Data("x\n".utf8)))
    chmod(folder + "/target", 0o604)
    try FileManager.default.createSymbolicLink(atPath: folder + "/link", withDestinationPath: folder + "/target")
    #expect(try InputFile.readWithMode(folder + "/link", limits: Self.small).mode == 0o604)
  }

  @Test func aFIFOIsRefusedWithoutBlocking() throws {
    let folder = try folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try #require(mkfifo(folder + "/fifo", 0o600) == 0)
    expectError("it is a FIFO (named pipe), not a regular file") {
      _ = try InputFile.read(folder + "/fifo", limits: Self.small)
    }
    expectError("it is a FIFO (named pipe), not a regular file") {
      _ = try InputFile.openStream(folder + "/fifo", limits: Self.small)
    }
  }

  @Test func devicesAndFoldersAreRefused() throws {
    expectError("it is a character device, not a regular file") {
      _ = try InputFile.read("/dev/zero", limits: .roster)
    }
    expectError("it is a folder, not a regular file") { _ = try InputFile.read("/tmp", limits: .guide) }
  }

  @Test func aMissingFileIsMissing() throws {
    #expect(try InputFile.readIfPresent("/nonexistent-\(UUID().uuidString)", limits: Self.small) == nil)
  }

  @Test func aFileOverTheLimitIsRefusedByName() throws {
    let folder = try folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/big"
    #expect(FileManager.default.createFile(atPath: path, contents: Data(repeating: 0x0A, count: 101)))
    expectError("it is larger than 100 bytes, the limit for a test file") {
      _ = try InputFile.read(path, limits: Self.small)
    }
    expectError("it is larger than 100 bytes, the limit for a test file") {
      _ = try InputFile.openStream(path, limits: Self.small)
    }
  }

  @Test func aLineOverTheLimitIsRefusedWithItsNumber() throws {
    let folder = try folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/long"
    let text = "short\n0123456789\n01234567890\n"
    #expect(FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
    expectError("line 3 is longer than 10 bytes, the limit for a line of a test file") {
      _ = try InputFile.read(path, limits: Self.small)
    }
    expectError("line 3 is longer than 10 bytes, the limit for a line of a test file") {
      _ = try InputFile.openStream(path, limits: Self.small)
    }
    #expect(InputFile.longLine(in: Array("0123456789".utf8), limit: 10) == nil)
    #expect(InputFile.longLine(in: Array("a\n01234567890".utf8), limit: 10) == 2)
  }

  @Test func aStreamStartsAtTheBeginningAfterTheCheck() throws {
    let folder = try folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/roster.csv"
    #expect(FileManager.default.createFile(atPath: path, contents: Data("id\nshop\n".utf8)))
    let stream = try InputFile.openStream(path, limits: Self.small)
    defer { fclose(stream) }
    var buffer = [UInt8](repeating: 0, count: 32)
    let count = fread(&buffer, 1, buffer.count, stream)
    #expect(Array(buffer[0..<count]) == Array("id\nshop\n".utf8))
  }

  @Test func theLimitsAreDescribedInWords() {
    #expect(InputLimits.describe(64 << 20) == "64 MiB")
    #expect(InputLimits.describe(64 * 1024) == "64 KiB")
    #expect(InputLimits.describe(4096) == "4 KiB")
    #expect(InputLimits.describe(100) == "100 bytes")
  }

  // MARK: - Lines from a descriptor

  private func reader(_ text: [UInt8], limits: InputLimits = small) throws -> BoundedLineReader {
    let folder = try folder()
    let path = folder + "/input"
    #expect(FileManager.default.createFile(atPath: path, contents: Data(text)))
    let descriptor = open(path, O_RDONLY)
    try FileManager.default.removeItem(atPath: folder)
    return BoundedLineReader(descriptor: descriptor, name: "standard input", limits: limits)
  }

  @Test func linesAreReadWithoutTheirBreaks() throws {
    let lines = try reader(Array("a\n\nbc\nlast".utf8))
    #expect(try lines.nextLine() == Array("a".utf8))
    #expect(try lines.nextLine() == [])
    #expect(try lines.nextLine() == Array("bc".utf8))
    #expect(try lines.nextLine() == Array("last".utf8))
    #expect(try lines.nextLine() == nil)
  }

  @Test func aLongLineFromADescriptorStopsTheReading() throws {
    let lines = try reader(Array("ok\n".utf8) + [UInt8](repeating: 0, count: 50))
    #expect(try lines.nextLine() == Array("ok".utf8))
    expectError("line 2 is longer than 10 bytes, the limit for a line of a test file") { _ = try lines.nextLine() }
  }

  @Test func tooMuchInputFromADescriptorStopsTheReading() throws {
    let many = try reader(Array(String(repeating: "12345\n", count: 30).utf8))
    expectError("it is larger than 100 bytes, the limit for a test file") { _ = try many.readToEnd() }
  }

  @Test func devZeroEndsWithAnErrorNotAllTheMemory() throws {
    let descriptor = open("/dev/zero", O_RDONLY)
    try #require(descriptor >= 0)
    defer { close(descriptor) }
    let lines = BoundedLineReader(descriptor: descriptor, name: "standard input", limits: .answers)
    expectError("line 1 is longer than 64 KiB, the limit for a line of a walk answer") { _ = try lines.nextLine() }
    let all = BoundedLineReader(descriptor: descriptor, name: "standard input", limits: .fileList)
    expectError("it is larger than 16 MiB, the limit for a file list") { _ = try all.readToEnd() }
  }
}
