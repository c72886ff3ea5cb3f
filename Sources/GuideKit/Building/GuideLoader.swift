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

  /// Checks guide bytes as if read from `file` (whose folder locates screenshots and the data
  /// table); diagnostics name `displayPath` (defaults to `file`).
  public func load(bytes: [UInt8], file: String, displayPath: String? = nil) -> GuideLoadResult {
    GuideBuilder(
      file: displayPath ?? file, folder: (file as NSString).deletingLastPathComponent, bytes: bytes,
      screenshotFolders: screenshotFolders
    ).build()
  }
}
