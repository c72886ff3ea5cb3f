import Foundation
import GuideKit

/// The guide's screenshots as packets use them: the file name inside a packet's `images/`
/// folder (unique per guide), the file on disk, and, with embedding, a `data:` URI.
public struct ScreenshotCatalog: Sendable {
  /// One screenshot.
  public struct Asset: Sendable {
    /// The path as the guide writes it.
    public var guidePath: String
    /// The path inside a packet, such as `images/App_Overview.png`.
    public var packetPath: String
    /// The file name inside `images/`.
    public var fileName: String
    /// The caption.
    public var caption: String
    /// The file on disk, when found.
    public var sourcePath: String?
    /// A `data:` URI of the file, when embedding and found.
    public var dataURI: String?
  }

  /// Assets by the guide's path.
  public private(set) var assets: [String: Asset] = [:]

  /// Builds the catalogue; reads the files only when `embed` is set.
  public init(guide: Guide, embed: Bool) {
    var used: Set<String> = []
    for screenshot in guide.screenshots {
      var name = Self.safeFileName(screenshot.fileName)
      if used.contains(name.lowercased()) {
        let stem = (name as NSString).deletingPathExtension
        let ext = (name as NSString).pathExtension
        var counter = 2
        while used.contains("\(stem)-\(counter).\(ext)".lowercased()) { counter += 1 }
        name = ext.isEmpty ? "\(stem)-\(counter)" : "\(stem)-\(counter).\(ext)"
      }
      used.insert(name.lowercased())
      var dataURI: String?
      // Only a file the guide loader found inside the allowed folders is read (a refused path
      // has no resolved path), and only a regular file.
      if embed, screenshot.problem == nil, let source = screenshot.resolvedPath,
        let bytes = ScreenshotFile.contents(atPath: source)
      {
        dataURI = "data:\(Self.mediaType(of: name));base64," + Data(bytes).base64EncodedString()
      }
      assets[screenshot.path] = Asset(
        guidePath: screenshot.path, packetPath: "images/" + name, fileName: name, caption: screenshot.caption,
        sourcePath: screenshot.problem == nil ? screenshot.resolvedPath : nil, dataURI: dataURI)
    }
  }

  /// The asset for a path the guide writes.
  public func asset(_ path: String) -> Asset? { assets[path] }

  /// A file name with only `[A-Za-z0-9._-]` (others become `_`), not starting with `.`.
  static func safeFileName(_ name: String) -> String {
    var result = String(
      String.UnicodeScalarView(
        name.unicodeScalars.map { scalar in
          let value = scalar.value
          let keep =
            (value >= 0x30 && value <= 0x39) || (value >= 0x41 && value <= 0x5A) || (value >= 0x61 && value <= 0x7A)
            || value == 0x2E || value == 0x5F || value == 0x2D
          return keep ? scalar : "_"
        }))
    while result.hasPrefix(".") { result = "_" + result.dropFirst() }
    return result.isEmpty ? "image" : result
  }

  /// The media type of an image file name.
  static func mediaType(of name: String) -> String {
    switch (name as NSString).pathExtension.lowercased() {
    case "png": return "image/png"
    case "jpg", "jpeg": return "image/jpeg"
    case "gif": return "image/gif"
    case "svg": return "image/svg+xml"
    case "webp": return "image/webp"
    default: return "application/octet-stream"
    }
  }
}
