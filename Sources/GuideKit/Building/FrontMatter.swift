import CredentialSpecs
import OnboardDiagnostics
import Yams

/// YAML front matter between `---` lines at the very top of a guide.
struct FrontMatter {
  /// The YAML text (without the fences), or `nil` when the guide has none.
  var yaml: String?
  /// The guide's text with the front matter replaced by blank lines, so line numbers stay true.
  var body: String

  /// Splits front matter from the body. Works on bytes: only the front matter's lines are
  /// looked at, and the body is the rest of the text behind as many newlines.
  static func split(_ text: String) -> FrontMatter {
    let parts = split(bytes: Array(text.utf8)[...])
    guard let yaml = parts.yaml else { return FrontMatter(yaml: nil, body: text) }
    return FrontMatter(yaml: yaml, body: String(decoding: parts.body, as: UTF8.self))
  }

  /// Splits front matter from the body of a guide's bytes: the YAML text (or `nil`) and the
  /// body's bytes (the whole input when there is no front matter).
  static func split(bytes: ArraySlice<UInt8>) -> (yaml: String?, body: [UInt8]) {
    let start = bytes.startIndex
    func lineEnd(from start: Int) -> Int {
      var index = start
      while index < bytes.endIndex && bytes[index] != 0x0A { index += 1 }
      return index
    }
    func isFence(_ start: Int, _ end: Int, allowDots: Bool) -> Bool {
      var stop = end
      if stop > start && bytes[stop - 1] == 0x0D { stop -= 1 }
      let line = bytes[start..<stop]
      return line.elementsEqual("---".utf8) || (allowDots && line.elementsEqual("...".utf8))
    }
    let firstEnd = lineEnd(from: start)
    guard firstEnd < bytes.endIndex, isFence(start, firstEnd, allowDots: false) else {
      return (nil, Array(bytes))
    }
    var lineStart = firstEnd + 1
    var newlines = 1
    while lineStart <= bytes.endIndex {
      let end = lineEnd(from: lineStart)
      if isFence(lineStart, end, allowDots: true) {
        let yaml = String(decoding: bytes[(firstEnd + 1)..<max(firstEnd + 1, lineStart - 1)], as: UTF8.self)
        let restStart = min(end, bytes.endIndex)
        var body = [UInt8](repeating: 0x0A, count: newlines)
        body.reserveCapacity(newlines + bytes.endIndex - restStart)
        body.append(contentsOf: bytes[restStart...])
        return (yaml, body)
      }
      guard end < bytes.endIndex else { break }
      lineStart = end + 1
      newlines += 1
    }
    return (nil, Array(bytes))
  }

  static let knownFields: [String] = ["id", "title", "version", "data", "data-key", "templates", "layout", "variables"]

  /// Reads the metadata; problems become diagnostics.
  static func metadata(
    yaml: String?, file: String, diagnostics: inout [Diagnostic],
    fieldLocations: inout [String: DiagnosticLocation]
  ) -> GuideMetadata {
    let location = DiagnosticLocation(file: file, line: 1, column: 1)
    let fallbackID = Self.idFromFileName(file)
    var metadata = GuideMetadata(id: fallbackID, title: "", version: "", location: location)
    guard let yaml else {
      diagnostics.append(
        Diagnostic(
          severity: .error, ruleID: GuideRules.frontMatter,
          message: "The guide has no front matter; it needs id, title and version between --- lines at the top.",
          location: location,
          fix: "Add\n---\nid: \(fallbackID)\ntitle: …\nversion: 1\n---\nat the very top."))
      return metadata
    }
    let position = YAMLPosition(file: file, text: yaml, lineOffset: 1)
    let root: Node?
    do {
      // Basic resolver: values are read as text, and the default one compiles ICU regexes.
      root = try Yams.compose(yaml: yaml, .basic)
    } catch {
      diagnostics.append(position.syntaxDiagnostic(error, ruleID: GuideRules.frontMatter, what: "The front matter"))
      return metadata
    }
    guard let mapping = root?.mapping else {
      diagnostics.append(
        Diagnostic(
          severity: .error, ruleID: GuideRules.frontMatter,
          message: "The front matter must be a YAML mapping (id, title, version, …).", location: location))
      return metadata
    }
    for (keyNode, value) in mapping {
      let key = keyNode.scalar?.string ?? ""
      fieldLocations[key] = position.location(value.mark)
      switch key {
      case "id": metadata.id = value.scalar?.string ?? fallbackID
      case "title": metadata.title = value.scalar?.string ?? ""
      case "version": metadata.version = value.scalar?.string ?? ""
      case "data":
        metadata.data = value.scalar?.string
        metadata.dataLocation = position.location(value.mark)
      case "data-key": metadata.dataKey = value.scalar?.string
      case "templates":
        if let items = value.sequence {
          for item in items {
            guard let name = item.scalar?.string else { continue }
            metadata.templates.append(name)
            metadata.templateLocations.append(position.location(item.mark))
          }
        } else if let single = value.scalar?.string {
          metadata.templates = [single]
          metadata.templateLocations = [position.location(value.mark)]
        }
      case "layout":
        metadata.layout = value.scalar?.string
        metadata.layoutLocation = position.location(value.mark)
        if value.scalar == nil {
          diagnostics.append(
            Diagnostic(
              severity: .error, ruleID: GuideRules.frontMatter,
              message: "The front matter's 'layout' must be one name, such as dotenv or yaml.",
              location: position.location(value.mark),
              fix: "Write `layout: dotenv` (a `name:` of the template set's layout.yml files)."))
        }
      case "variables":
        metadata.variables = VariablesField.read(
          value, dataKey: mapping["data-key"]?.scalar?.string, position: position, diagnostics: &diagnostics)
      default:
        let suggestion = NameSuggester.suggest(key, among: knownFields)
        diagnostics.append(
          Diagnostic(
            severity: .warning, ruleID: GuideRules.frontMatter,
            message: "Unknown front matter field '\(key)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "."),
            location: position.location(keyNode.mark),
            fix: "Known fields: " + knownFields.joined(separator: ", ") + "."))
      }
    }
    for (field, value) in [("id", metadata.id), ("title", metadata.title), ("version", metadata.version)]
    where value.isEmpty || (field == "id" && mapping["id"] == nil) {
      diagnostics.append(
        Diagnostic(
          severity: .error, ruleID: GuideRules.frontMatter,
          message: "The front matter has no '\(field)'.", location: location,
          fix: "Add `\(field): …` to the front matter."))
    }
    return metadata
  }

  static func idFromFileName(_ file: String) -> String {
    let name = file.split(separator: "/").last.map(String.init) ?? file
    return name.hasSuffix(".md") ? String(name.dropLast(3)) : name
  }
}
