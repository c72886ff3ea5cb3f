import Foundation

/// Runs the built `onboard` binary and captures what it prints.
struct OnboardProcess {
  /// What a run produced.
  struct Output {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// The repository root.
  static let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
  }()

  /// The `onboard` binary beside the test bundle (the same build products folder).
  static let binary: String = {
    let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var folder = testBinary.deletingLastPathComponent()
    for _ in 0..<4 {
      let candidate = folder.appendingPathComponent("onboard").path
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
      folder.deleteLastPathComponent()
    }
    return repositoryRoot + "/.build/debug/onboard"
  }()

  /// The ledger the children record into (unless a test names another): one per test run in
  /// the temporary folder, so tests never write to the user's ~/.local/state.
  static let testLedger: String = {
    FileManager.default.temporaryDirectory.appendingPathComponent(
      "onboard-cli-ledger-\(ProcessInfo.processInfo.processIdentifier)/ledger.sqlite"
    ).path
  }()

  /// The environment an `onboard` child process gets: this process's, without `GITHUB_ACTIONS`
  /// and `NO_COLOR`, with `ONBOARD_LEDGER` set to ``testLedger``, with `overrides` applied. Under the asan gate, LeakSanitizer is off in the
  /// child: onboard exits without tearing down what it loaded (the gate's notes say why its leak
  /// reports are not findings), and a report appended to standard error would change what the
  /// tests read there. AddressSanitizer's memory errors still end the child.
  static func childEnvironment(_ overrides: [String: String] = [:]) -> [String: String] {
    var env = ProcessInfo.processInfo.environment
    env["GITHUB_ACTIONS"] = nil
    env["NO_COLOR"] = nil
    env["ASAN_OPTIONS"] = (env["ASAN_OPTIONS"].map { $0 + ":" } ?? "") + "detect_leaks=0"
    env["ONBOARD_LEDGER"] = testLedger
    for (key, value) in overrides { env[key] = value }
    return env
  }

  /// Runs `onboard` with arguments in a folder (the repository root by default).
  static func run(
    _ arguments: [String], in folder: String = repositoryRoot, environment: [String: String] = [:],
    stdin: String? = nil, executable: String = binary
  ) throws -> Output {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: folder)
    process.environment = childEnvironment(environment)
    let out = Pipe()
    let err = Pipe()
    let input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    // Read both pipes before waiting, so a large output cannot block the child.
    let group = DispatchGroup()
    nonisolated(unsafe) var outData = Data()
    nonisolated(unsafe) var errData = Data()
    group.enter()
    DispatchQueue.global().async {
      outData = out.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    group.enter()
    DispatchQueue.global().async {
      errData = err.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    group.wait()
    process.waitUntilExit()
    return Output(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }

  /// A fresh temporary folder.
  static func temporaryFolder() throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("onboard-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url.path
  }
}
