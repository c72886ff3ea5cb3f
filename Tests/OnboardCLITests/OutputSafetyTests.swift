import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Issue 13, items 10 and 11: paths whose last part is one character, and standard output that
/// cannot be written (`/dev/full`, a pipe nobody reads).
@Suite struct OutputSafetyTests {
  static let root = OnboardProcess.repositoryRoot
  static let guide = root + "/guides/sp-api-self-authorisation.md"
  static let roster = root + "/examples/sellers.yml"
  static let appID = "amzn1.application-oa2-client.c0ffee11c0ffee11c0ffee11c0ffee11"
  static let secret = "amzn1.oa2-cs.v1." + String(repeating: "deadbeef", count: 8)
  static let token =
    "Atzr|IwEBCANARYSECRETTOKEN-0123456789_abcdefghijklmnopqrstuvwxyz" + String(repeating: "q", count: 300)

  /// Runs `onboard` with standard output sent to `stdout`, standard input from `stdin`, and
  /// standard error captured.
  static func run(
    _ arguments: [String], stdout: FileHandle, stdin: String = "", in folder: String = root
  ) throws -> (status: Int32, stderr: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: OnboardProcess.binary)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: folder)
    process.environment = OnboardProcess.childEnvironment()
    let error = Pipe()
    let input = Pipe()
    process.standardOutput = stdout
    process.standardError = error
    process.standardInput = input
    try process.run()
    input.fileHandleForWriting.write(Data(stdin.utf8))
    try input.fileHandleForWriting.close()
    let text = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationReason == .exit, "\(arguments) ended by a signal")
    return (process.terminationStatus, String(decoding: text, as: UTF8.self))
  }

  /// A file handle on /dev/full, where every write fails with ENOSPC.
  static func devFull() throws -> FileHandle {
    try #require(FileHandle(forWritingAtPath: "/dev/full"))
  }

  /// The writing end of a pipe whose reading end is already closed: every write fails with EPIPE.
  static func closedPipe() throws -> FileHandle {
    let pipe = Pipe()
    try pipe.fileHandleForReading.close()
    return pipe.fileHandleForWriting
  }

  /// A folder with one packet in it (for lint and merge), and the packet's credentials file.
  static func packetFolder() throws -> (folder: String, credentials: String) {
    let folder = try OnboardProcess.temporaryFolder()
    let result = try OnboardProcess.run(
      ["packets", guide, "--roster", roster, "--out", folder + "/packets"], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    return (folder, folder + "/packets/north-trail-outfitters/credentials.yml")
  }

  /// Every command that writes to standard output, as a user runs it.
  static func commandsWithOutput(credentials: String) -> [(String, [String], String)] {
    [
      ("check", ["check", root + "/guides"], ""),
      ("graph json", ["graph", guide, "--format", "json"], ""),
      ("graph dot", ["graph", guide, "--format", "dot"], ""),
      ("graph mermaid", ["graph", guide, "--format", "mermaid"], ""),
      ("lint", ["lint", "--guide", guide, "--no-permissions", credentials], ""),
      ("lint json", ["lint", "--guide", guide, "--format", "json", credentials], ""),
      ("runbook md", ["runbook", guide, "--format", "md", "-o", "-"], ""),
      ("runbook html", ["runbook", guide, "--format", "html", "-o", "-"], ""),
      ("--help", ["--help"], ""),
      ("lint --help", ["lint", "--help"], ""),
    ]
  }

  @Test func everyCommandExitsTwoWithOneLineWhenStandardOutputIsFull() throws {
    let (folder, credentials) = try Self.packetFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    var commands = Self.commandsWithOutput(credentials: credentials)
    commands.append(
      (
        "walk --print-env",
        [
          "walk", Self.guide, "--roster", Self.roster, "--seller", "sakura-stationery", "--print-env", "--yes",
          "--state", folder + "/state",
        ], [Self.appID, Self.secret, Self.token].joined(separator: "\n") + "\n"
      ))
    for (name, arguments, stdin) in commands {
      let result = try Self.run(arguments, stdout: try Self.devFull(), stdin: stdin, in: folder)
      #expect(result.status == 2, "\(name): exit \(result.status): \(result.stderr)")
      let lines = result.stderr.split(separator: "\n")
      #expect(
        lines.last == "onboard: cannot write to standard output: No space left on device",
        "\(name): \(result.stderr)")
      #expect(
        lines.filter { $0.contains("cannot write to standard output") }.count == 1, "\(name): \(result.stderr)")
      for canary in [Self.appID, Self.secret, Self.token] { #expect(!result.stderr.contains(canary), "\(name)") }
    }
  }

  @Test func aClosedPipeEndsEveryCommandQuietlyWithExitCode141() throws {
    let (folder, credentials) = try Self.packetFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    for (name, arguments, stdin) in Self.commandsWithOutput(credentials: credentials) {
      let result = try Self.run(arguments, stdout: try Self.closedPipe(), stdin: stdin, in: folder)
      #expect(result.status == 141, "\(name): exit \(result.status): \(result.stderr)")
      #expect(!result.stderr.contains("standard output"), "\(name): \(result.stderr)")
      #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("crashed"), "\(name)")
    }
  }

  @Test func aFullStandardErrorIsNotACrash() throws {
    let folder = try OnboardProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: OnboardProcess.binary)
    process.arguments = ["check", folder + "/no-such-guide.md"]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = try Self.devFull()
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationReason == .exit)
    #expect(process.terminationStatus == 2)
  }

  // MARK: - One-character path parts (item 10)

  @Test(arguments: ["o", "x/o"])
  func packetsWritesIntoAOneCharacterOutFolder(out: String) throws {
    let folder = try OnboardProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let result = try OnboardProcess.run(["packets", Self.guide, "--roster", Self.roster, "--out", out], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(FileManager.default.fileExists(atPath: "\(folder)/\(out)/north-trail-outfitters/checklist.md"))
  }

  @Test(arguments: ["q", "x/q"])
  func runbookWritesAOneCharacterFile(output: String) throws {
    let folder = try OnboardProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try FileManager.default.createDirectory(atPath: folder + "/x", withIntermediateDirectories: true)
    let result = try OnboardProcess.run(["runbook", Self.guide, "--format", "md", "-o", output], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    let written = try String(contentsOfFile: "\(folder)/\(output)", encoding: .utf8)
    #expect(written.hasPrefix("# "))
  }

  @Test(arguments: ["m", "x/m"])
  func credentialsMergeIntoAOneCharacterFile(into: String) throws {
    let (folder, credentials) = try Self.packetFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let filled = try String(contentsOfFile: credentials, encoding: .utf8)
      .replacingOccurrences(of: "lwa_client_secret: ''", with: "lwa_client_secret: '\(Self.secret)'")
      .replacingOccurrences(of: "refresh_token: ''", with: "refresh_token: '\(Self.token)'")
      .replacingOccurrences(of: "lwa_app_id: ''", with: "lwa_app_id: '\(Self.appID)'")
    try Data(filled.utf8).write(to: URL(fileURLWithPath: credentials))
    let result = try OnboardProcess.run(
      ["credentials", "merge", credentials, "--guide", Self.guide, "--into", into], in: folder)
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    let merged = try String(contentsOfFile: "\(folder)/\(into)", encoding: .utf8)
    #expect(merged.contains(Self.secret))
  }

  @Test(arguments: ["w", "x/w"])
  func walkWritesAOneCharacterFile(write: String) throws {
    let folder = try OnboardProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let result = try OnboardProcess.run(
      [
        "walk", Self.guide, "--roster", Self.roster, "--seller", "sakura-stationery", "--yes", "--write", write,
        "--state", folder + "/state",
      ], in: folder, stdin: [Self.appID, Self.secret, Self.token].joined(separator: "\n") + "\n")
    #expect(result.status == 0, "\(result.stderr)")
    let written = try String(contentsOfFile: "\(folder)/\(write)", encoding: .utf8)
    #expect(written.contains(Self.token))
  }

  @Test func checkAndGraphReadAGuideNamedWithOneCharacter() throws {
    let folder = try OnboardProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try FileManager.default.copyItem(atPath: Self.guide, toPath: folder + "/g")
    for arguments in [["check", "g"], ["graph", "g", "--format", "dot"]] {
      let result = try OnboardProcess.run(arguments, in: folder)
      #expect(result.status == 0 || result.status == 1, "\(arguments): \(result.stderr)")
      #expect(!result.stderr.contains("crashed"))
    }
  }

  @Test func walkWithAnUnwritableWriteStopsBeforeAnyQuestion() throws {
    let folder = try OnboardProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try Data("x\n".utf8).write(to: URL(fileURLWithPath: folder + "/file"))
    let result = try OnboardProcess.run(
      [
        "walk", Self.guide, "--roster", Self.roster, "--seller", "sakura-stationery", "--yes", "--write",
        "file/credentials.yml", "--state", folder + "/state",
      ], in: folder, stdin: [Self.appID, Self.secret, Self.token].joined(separator: "\n") + "\n")
    #expect(result.status == 2, "\(result.stderr)")
    #expect(result.stderr.contains("onboard walk: cannot use file/credentials.yml:"), "\(result.stderr)")
    #expect(!result.stdout.contains("Paste the"))
  }
}
