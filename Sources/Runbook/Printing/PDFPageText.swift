import Foundation
import OnboardSupport

/// The text of each page of a PDF, read with poppler's `pdftotext`.
///
/// `pdftotext` writes the pages' text separated by form feeds, in reading order; a runbook's
/// page text starts with what starts the page (a stage's "Stage N" and title), and the footer
/// comes last. The PDF goes through a temporary file (mode 0600) that is removed at once.
public struct PDFPageText: Sendable {
  /// The `pdftotext` program.
  public let tool: String

  /// The program names looked for on `PATH`.
  public static let toolName = "pdftotext"

  /// Reading the text failed.
  public struct ReadError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public var description: String
  }

  /// A reader using `tool`.
  public init(tool: String) {
    self.tool = tool
  }

  /// `pdftotext` found on `PATH`, or `nil`.
  public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> PDFPageText? {
    for folder in (environment["PATH"] ?? "").split(separator: ":") where !folder.isEmpty {
      let path = String(folder) + "/" + toolName
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
        FileManager.default.isExecutableFile(atPath: path)
      {
        return PDFPageText(tool: path)
      }
    }
    return nil
  }

  /// The text of every page, in order.
  /// - Throws: ``ReadError``.
  public func pages(of pdf: [UInt8]) throws -> [String] {
    let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    let file = base + "/onboard-pages-\(getpid())-\(UUID().uuidString).pdf"
    do {
      try AtomicFile.write(pdf, to: file, mode: 0o600)
    } catch {
      throw ReadError(description: "cannot write a temporary file for \(Self.toolName): \(error)")
    }
    defer { try? FileManager.default.removeItem(atPath: file) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = ["-enc", "UTF-8", "-q", file, "-"]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    do {
      try process.run()
    } catch {
      throw ReadError(description: "cannot run \(tool): \(error.localizedDescription)")
    }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw ReadError(description: "\(tool) could not read the printed PDF (exit \(process.terminationStatus))")
    }
    var pages = String(decoding: data, as: UTF8.self).components(separatedBy: "\u{0C}")
    // pdftotext ends the last page with a form feed too.
    if pages.count > 1, pages.last?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true {
      pages.removeLast()
    }
    return pages
  }
}
