import CommonMark
import CredentialSpecs
import Foundation
import OnboardDiagnostics

/// The result of loading a guide: the guide (when the file could be read as one) and every
/// diagnostic, sorted.
public struct GuideLoadResult: Sendable {
  /// The guide, or `nil` when the file could not be read or is not a guide at all.
  public var guide: Guide?
  /// Everything found, in report order.
  public var diagnostics: [Diagnostic]

  /// Creates a result.
  public init(guide: Guide?, diagnostics: [Diagnostic]) {
    self.guide = guide
    self.diagnostics = diagnostics
  }
}

/// Reads guide files into ``Guide`` values and checks them.
public struct GuideLoader: Sendable {
  /// Extra folders to look for screenshots in, after the guide's own folder.
  public var screenshotFolders: [String]
  /// Guides larger than this many bytes are parsed and read in parts (tests lower it to compare
  /// both ways of reading).
  var partsThreshold = 256 << 10
  /// About how many bytes each part of a large guide has when it is parsed in parts (tests lower
  /// it to cut a small guide into many parts).
  var partBytes = GuideParse.defaultPartBytes
  /// Creates a loader.
  /// - Parameter screenshotFolders: folders searched for screenshot files (by their path
  ///   relative to the guide, then by file name), after the guide's folder.
  public init(screenshotFolders: [String] = []) {
    self.screenshotFolders = screenshotFolders
  }

  /// Reads and checks a guide file. Never throws: unreadable files become diagnostics.
  /// - Parameters:
  ///   - path: the file to read.
  ///   - displayPath: the path diagnostics and the graph show (defaults to `path`).
  public func load(file path: String, displayPath: String? = nil) -> GuideLoadResult {
    if let bytes = Self.readFile(path) {
      return load(bytes: bytes, file: path, displayPath: displayPath)
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      return GuideLoadResult(
        guide: nil,
        diagnostics: [
          Diagnostic(
            severity: .error, ruleID: GuideRules.io,
            message: "The guide cannot be read (it does not exist or is not readable).",
            location: DiagnosticLocation(file: path, line: 1, column: 1))
        ])
    }
    return load(bytes: [UInt8](data), file: path, displayPath: displayPath)
  }

  /// The bytes of a regular file, read straight into an array (no `Data` in between); `nil`
  /// when it cannot be read this way (the caller then asks `FileManager`).
  static func readFile(_ path: String) -> [UInt8]? {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
    var bytes = [UInt8](repeating: 0, count: Int(status.st_size) + 1)
    var count = 0
    while true {
      if count == bytes.count { bytes.append(contentsOf: repeatElement(0, count: max(bytes.count, 4096))) }
      let read = bytes.withUnsafeMutableBytes { buffer -> Int in
        guard let base = buffer.baseAddress else { return -1 }
        return Foundation.read(descriptor, base + count, buffer.count - count)
      }
      if read < 0 && errno == EINTR { continue }
      guard read >= 0 else { return nil }
      if read == 0 { break }
      count += read
    }
    bytes.removeLast(bytes.count - count)
    return bytes
  }

  /// Checks guide bytes as if read from `file` (whose folder locates screenshots and the data
  /// table); diagnostics name `displayPath` (defaults to `file`).
  public func load(bytes: [UInt8], file: String, displayPath: String? = nil) -> GuideLoadResult {
    var builder = GuideBuilder(
      file: displayPath ?? file, folder: (file as NSString).deletingLastPathComponent, bytes: bytes,
      screenshotFolders: screenshotFolders)
    builder.partsThreshold = partsThreshold
    builder.partBytes = partBytes
    return builder.build()
  }
}
