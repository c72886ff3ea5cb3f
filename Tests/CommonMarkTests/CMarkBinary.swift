import Foundation

/// Runs the real `cmark` command-line program, the reference the wrapper is compared against.
enum CMarkBinary {
  static let path = "/usr/bin/cmark"

  /// Whether the program is installed (scripts/setup.sh installs it with the `cmark` package).
  static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: path) }

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// Runs `cmark arguments… file` on `input` written to a temporary file; returns its stdout.
  static func run(_ input: String, arguments: [String]) throws -> String {
    let file = FileManager.default.temporaryDirectory
      .appendingPathComponent("cmark-input-\(UUID().uuidString).md")
    try Data(input.utf8).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }

    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments + [file.path]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw Failure(description: "cmark \(arguments) exited with \(process.terminationStatus)")
    }
    return String(decoding: data, as: UTF8.self)
  }
}
