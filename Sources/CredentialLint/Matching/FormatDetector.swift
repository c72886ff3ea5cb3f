import CredentialSpecs

/// Decides which layout a credential file is read as: from `--as`, from its file name (the
/// layout's own file names first, then the extension), or from its content.
public enum FormatDetector {
  /// Why no layout could be chosen.
  public struct UnknownFormat: Error, Sendable, CustomStringConvertible {
    /// What was asked for.
    public var requested: String
    /// The layout names that exist.
    public var available: [String]

    public var description: String {
      "unknown format '\(requested)'; use one of: " + available.joined(separator: ", ")
    }
  }

  /// The layout for `--as NAME`: a layout name from the descriptor (`yaml`, `env`, `json`),
  /// a layout kind, or a format name.
  public static func layout(named name: String, in layout: ServiceLayout) throws -> ServiceLayout.FileLayout {
    if let file = layout.file(named: name) { return file }
    let format: CredentialFileFormat?
    switch name.lowercased() {
    case "python", "py":
      if let file = layout.files.first(where: { $0.kind == .pythonDict }) { return file }
      format = nil
    case "yaml", "yml": format = .yaml
    case "env", "dotenv": format = .dotenv
    case "json": format = .json
    default: format = nil
    }
    guard let format else {
      throw UnknownFormat(requested: name, available: layout.files.map(\.name) + ["yaml", "env", "json"])
    }
    return fallbackLayout(for: format, in: layout)
  }

  /// The layout a file is read as, from its name and content.
  public static func detect(path: String, bytes: [UInt8], in layout: ServiceLayout) -> ServiceLayout.FileLayout {
    let base = path.split(separator: "/").last.map(String.init) ?? path
    for file in layout.files where matches(base, pattern: file.file) { return file }
    let lower = base.lowercased()
    if lower.hasSuffix(".py"), let file = layout.files.first(where: { $0.kind == .pythonDict }) { return file }
    if lower.hasSuffix(".yml") || lower.hasSuffix(".yaml") { return fallbackLayout(for: .yaml, in: layout) }
    if lower.hasSuffix(".json") { return fallbackLayout(for: .json, in: layout) }
    if lower == ".env" || lower.hasPrefix(".env.") || lower.hasSuffix(".env") {
      return fallbackLayout(for: .dotenv, in: layout)
    }
    return fallbackLayout(for: sniff(bytes), in: layout)
  }

  /// The format a file's content looks like: `{` first is JSON, `NAME=` lines are dotenv,
  /// anything else is YAML.
  static func sniff(_ bytes: [UInt8]) -> CredentialFileFormat {
    var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    if index < bytes.count, bytes[index] == UInt8(ascii: "{") { return .json }
    // Look at the first statement lines for NAME= or export NAME=.
    let source = SourceFile(path: "", bytes: bytes)
    var assignments = 0
    var others = 0
    for line in 1...min(max(source.lineCount, 1), 50) {
      let text = String(decoding: source.lineBytes(line), as: UTF8.self).trimmingCharacters(in: " \t")
      if text.isEmpty || text.hasPrefix("#") { continue }
      let statement = text.hasPrefix("export ") ? String(text.dropFirst(7)) : text
      if let equals = statement.firstIndex(of: "="), !statement[..<equals].contains(":") {
        assignments += 1
      } else {
        others += 1
      }
    }
    return assignments > 0 && assignments >= others ? .dotenv : .yaml
  }

  /// The descriptor's first layout of a format, or a generic one when it declares none.
  static func fallbackLayout(for format: CredentialFileFormat, in layout: ServiceLayout) -> ServiceLayout.FileLayout {
    if let file = layout.files.first(where: { $0.kind != .pythonDict && CredentialFileFormat(kind: $0.kind) == format })
    {
      return file
    }
    switch format {
    case .yaml:
      return ServiceLayout.FileLayout(
        name: "yaml", kind: .accountsYAML, file: "credentials.yml", allowedTopLevelKeys: [], description: "")
    case .dotenv:
      return ServiceLayout.FileLayout(
        name: "env", kind: .dotenv, file: ".env", allowedTopLevelKeys: [], description: "")
    case .json:
      return ServiceLayout.FileLayout(
        name: "json", kind: .flatJSON, file: "secret.json", allowedTopLevelKeys: [], description: "")
    }
  }

  /// Whether a file name matches a layout's file name, where `{{account}}` matches anything.
  static func matches(_ name: String, pattern: String) -> Bool {
    let marker = Array("{{account}}".utf8)
    let bytes = Array(pattern.utf8)
    guard bytes.count >= marker.count,
      let at = (0...(bytes.count - marker.count)).first(where: { Array(bytes[$0..<($0 + marker.count)]) == marker })
    else { return name == pattern }
    let head = bytes[..<at]
    let tail = bytes[(at + marker.count)...]
    let nameBytes = Array(name.utf8)
    return nameBytes.count > head.count + tail.count && nameBytes.starts(with: head)
      && nameBytes.reversed().starts(with: tail.reversed())
  }
}

extension String {
  fileprivate func trimmingCharacters(in set: String) -> String {
    var scalars = Substring(self)
    while let first = scalars.first, set.contains(first) { scalars = scalars.dropFirst() }
    while let last = scalars.last, set.contains(last) { scalars = scalars.dropLast() }
    return String(scalars)
  }
}
