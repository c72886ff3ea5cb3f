/// Files that sit next to credential files but are not credential files: a packet's checklist,
/// prompts and manifest, runbooks, images and archives. `onboard lint` skips them (and says so
/// with `--verbose`) instead of reading them as YAML.
public enum NonCredentialFile {
  /// Manifests onboard writes next to credential files, by exact file name.
  static let manifests: Set<String> = ["packet.json"]

  /// File extensions of documents, pages, images and archives, with what they are.
  static let extensions: [String: String] = [
    "md": "a Markdown document", "markdown": "a Markdown document", "txt": "a text document",
    "html": "an HTML page", "htm": "an HTML page", "pdf": "a PDF document",
    "png": "an image", "jpg": "an image", "jpeg": "an image", "gif": "an image", "svg": "an image",
    "webp": "an image", "zip": "an archive", "gz": "an archive", "tar": "an archive",
  ]

  /// Why the file at `path` is not a credential file ("a Markdown document"), or `nil` when it
  /// may be one.
  public static func reason(path: String) -> String? {
    let base = path.split(separator: "/").last.map(String.init) ?? path
    let lower = base.lowercased()
    if manifests.contains(lower) { return "onboard's packet manifest" }
    guard let dot = lower.lastIndex(of: "."), dot != lower.startIndex else { return nil }
    return extensions[String(lower[lower.index(after: dot)...])]
  }
}
