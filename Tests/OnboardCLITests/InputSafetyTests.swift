import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Issue 13, item 12: FIFOs, devices and endless input are refused with a message instead of
/// blocking forever or filling the memory.
@Suite struct InputSafetyTests {
  static let root = OnboardProcess.repositoryRoot
  static let guide = root + "/guides/sp-api-self-authorisation.md"
  static let roster = root + "/examples/sellers.yml"

  /// Runs onboard with standard input read from `stdinPath`, killed after 20 s if it hangs.
  static func run(_ arguments: [String], stdinPath: String = "/dev/null", in folder: String) throws -> (
    status: Int32, stderr: String, hung: Bool
  ) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: OnboardProcess.binary)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: folder)
    process.environment = OnboardProcess.childEnvironment()
    process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: stdinPath))
    process.standardOutput = FileHandle.nullDevice
    let error = Pipe()
    process.standardError = error
    try process.run()
    let deadline = Date().addingTimeInterval(20)
    while process.isRunning && Date() < deadline { usleep(20_000) }
    let hung = process.isRunning
    if hung { process.terminate() }
    let text = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: text, as: UTF8.self), hung)
  }

  @Test func aFIFOIsRefusedByEveryCommandThatReadsAFile() throws {
    let folder = try OnboardProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try #require(mkfifo(folder + "/fifo", 0o600) == 0)
    let commands: [[String]] = [
      ["check", "fifo"],
      ["graph", "fifo"],
      ["lint", "--guide", Self.guide, "fifo"],
      ["lint", "--guide", "fifo", "x.yml"],
      ["lint", "--guide", Self.guide, "--files-from", "fifo"],
      ["packets", Self.guide, "--roster", "fifo", "--out", "out"],
      ["runbook", Self.guide, "--roster", "fifo", "--seller", "x", "-o", "r.html"],
      ["walk", Self.guide, "--roster", "fifo", "--seller", "x", "--write", "w", "--state", "state"],
      ["credentials", "merge", "fifo", "--guide", Self.guide, "--into", "m"],
    ]
    for arguments in commands {
      let result = try Self.run(arguments, in: folder)
      #expect(!result.hung, "\(arguments) blocked on the FIFO")
      #expect(result.status == 2, "\(arguments): exit \(result.status): \(result.stderr)")
      #expect(result.stderr.contains("it is a FIFO (named pipe), not a regular file"), "\(arguments): \(result.stderr)")
    }
  }

  @Test func devZeroAsARosterIsRefused() throws {
    let folder = try OnboardProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let result = try Self.run(["packets", Self.guide, "--roster", "/dev/zero", "--out", "out"], in: folder)
    #expect(!result.hung)
    #expect(result.status == 2)
    #expect(result.stderr.contains("cannot read /dev/zero: it is a character device, not a regular file"))
  }

  @Test func endlessStandardInputStopsTheWalkAtTheLineLimit() throws {
    let folder = try OnboardProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let result = try Self.run(
      [
        "walk", Self.guide, "--roster", Self.roster, "--seller", "sakura-stationery", "--yes", "--write", "w",
        "--state", "state",
      ], stdinPath: "/dev/zero", in: folder)
    #expect(!result.hung)
    #expect(result.status == 2, "\(result.stderr)")
    #expect(
      result.stderr.contains(
        "cannot read standard input: line 1 is longer than 64 KiB, the limit for a line of a walk answer"))
    #expect(!FileManager.default.fileExists(atPath: folder + "/w"))
  }

  @Test func endlessStandardInputStopsTheFileListAtTheInputLimit() throws {
    let folder = try OnboardProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let result = try Self.run(
      ["lint", "--guide", Self.guide, "--files-from", "-"], stdinPath: "/dev/zero", in: folder)
    #expect(!result.hung)
    #expect(result.status == 2, "\(result.stderr)")
    #expect(result.stderr.contains("cannot read standard input: it is larger than 16 MiB, the limit for a file list"))
  }

  @Test func aCredentialFileOverItsLimitIsNamedWithTheLimit() throws {
    let folder = try OnboardProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/credentials.yml"
    #expect(FileManager.default.createFile(atPath: path, contents: nil))
    try #require(truncate(path, 17 << 20) == 0)
    let result = try Self.run(["lint", "--guide", Self.guide, "credentials.yml"], in: folder)
    #expect(result.status == 2)
    #expect(
      result.stderr.contains("cannot read credentials.yml: it is larger than 16 MiB, the limit for a credential file"),
      "\(result.stderr)")
  }

  @Test func aListedPathOverPathMaxIsRefused() throws {
    let folder = try OnboardProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try Data((String(repeating: "a", count: 5000) + "\n").utf8).write(to: URL(fileURLWithPath: folder + "/list"))
    let result = try Self.run(["lint", "--guide", Self.guide, "--files-from", "list"], in: folder)
    #expect(result.status == 2)
    #expect(result.stderr.contains("has a path of more than 4096 bytes (entry 1)"), "\(result.stderr)")
  }
}
