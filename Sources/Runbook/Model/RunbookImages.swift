import Foundation
import GuideKit

/// The guide's screenshots as a runbook embeds them: `data:` URIs, so that the HTML page and
/// the PDF need no other file. Each file is read once, when the value is made.
public struct RunbookImages: Sendable {
  /// One screenshot as the runbook shows it.
  public enum Image: Sendable, Hashable {
    /// Found and embedded.
    case embedded(dataURI: String)
    /// Not found (or not an image type a browser shows): the runbook prints a frame naming the file.
    case missing(fileName: String)
  }

  private var dataURIs: [String: String] = [:]
  private var fileNames: [String: String] = [:]

  /// Reads every screenshot of the guide that was found on disk.
  public init(guide: Guide) {
    for screenshot in guide.screenshots {
      fileNames[screenshot.path] = screenshot.fileName
      // A refused path (outside the allowed folders, not a regular file) has no resolved path
      // and is never read; only regular files are.
      guard screenshot.problem == nil, let source = screenshot.resolvedPath, let type = Self.mediaType(of: source),
        let bytes = ScreenshotFile.contents(atPath: source), !bytes.isEmpty
      else { continue }
      dataURIs[screenshot.path] = "data:\(type);base64," + Data(bytes).base64EncodedString()
    }
  }

  /// The screenshot for a path as the guide writes it.
  public func image(for guidePath: String) -> Image {
    if let uri = dataURIs[guidePath] { return .embedded(dataURI: uri) }
    let name = fileNames[guidePath] ?? guidePath.split(separator: "/").last.map(String.init) ?? guidePath
    return .missing(fileName: name)
  }

  /// How many screenshots were found and embedded.
  public var embeddedCount: Int { dataURIs.count }

  /// The media type of an image file a browser shows, by its extension; `nil` for others.
  static func mediaType(of path: String) -> String? {
    switch (path as NSString).pathExtension.lowercased() {
    case "png": return "image/png"
    case "jpg", "jpeg": return "image/jpeg"
    case "gif": return "image/gif"
    case "webp": return "image/webp"
    case "svg": return "image/svg+xml"
    default: return nil
    }
  }
}
