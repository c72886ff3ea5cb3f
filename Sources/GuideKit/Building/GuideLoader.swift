import CommonMark
import CredentialSpecs
import Foundation
import OnboardDiagnostics
import OnboardSupport

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
    let bytes: [UInt8]
    do {
      bytes = try InputFile.read(path, limits: .guide)
    } catch {
      return GuideLoadResult(guide: nil, diagnostics: [Self.unreadable(path, error)])
    }
    return load(bytes: bytes, file: path, displayPath: displayPath)
  }

  /// The diagnostic for a guide that cannot be read: the system's reason or the limit it is
  /// over (``InputFile``), never its content.
  static func unreadable(_ path: String, _ error: any Error) -> Diagnostic {
    let reason = (error as? InputFile.ReadError)?.reason ?? "it is not readable"
    return Diagnostic(
      severity: .error, ruleID: GuideRules.io,
      message: "The guide cannot be read: \(reason).",
      location: DiagnosticLocation(file: path, line: 1, column: 1))
  }

  /// Checks guide bytes as if read from `file` (whose folder locates screenshots and the data
  /// table); diagnostics name `displayPath` (defaults to `file`).
  public func load(bytes: [UInt8], file: String, displayPath: String? = nil) -> GuideLoadResult {
    var builder = GuideBuilder(
      file: displayPath ?? file, folder: PathParts.folder(of: file), bytes: bytes,
      screenshotFolders: screenshotFolders)
    builder.partsThreshold = partsThreshold
    builder.partBytes = partBytes
    return builder.build()
  }
}
