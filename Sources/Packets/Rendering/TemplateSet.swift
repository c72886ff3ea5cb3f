import CredentialSpecs
import Escaping
import Foundation
import Mustache
import OnboardDiagnostics
import OnboardSupport

/// A folder of Mustache templates for packets, with the service's `layout.yml`.
///
/// Every `NAME.mustache` file is an output template that writes the file `NAME` into each
/// packet, except: a template named after a `layout.yml` file entry (`env.mustache` for the
/// entry `name: env`) writes that entry's file name with `{{account}}` filled in (such as
/// `shop_de.env`); and files starting with `_` are partials (`{{> _notes.md}}`), which write
/// nothing by themselves. The partials in `shared/` beside the set's folder are available too
/// (``sharedFolder(besides:)``; the set's own partial of the same name wins): the checklist's
/// HTML, CSS and JavaScript that the bundled sets share.
///
/// The escaping of `{{value}}` follows the output's format, chosen from its file name (or the
/// layout kind), never left to the template: HTML entities, Markdown backslashes, complete
/// YAML / dotenv / Python / JSON literals. `{{{value}}}` writes a value as it is; the context
/// offers it only for fields that are already safe (`*_html`, `*_markdown`, `*_comment`,
/// `*_url` and identifiers).
public struct TemplateSet: Sendable {
  /// One output template.
  public struct Output: Sendable {
    /// The template's name (its file name without `.mustache`).
    public var templateName: String
    /// The output file name; `{{account}}` stands for the seller's account.
    public var fileName: String
    /// The output's format.
    public var format: OutputFormat
    /// The layout entry it writes, if any.
    public var layoutFile: ServiceLayout.FileLayout?

    /// The file name for an account.
    public func fileName(account: String) -> String {
      UTF8Scan.mayHavePlaceholder(fileName) ? fileName.replacing("{{account}}", with: account) : fileName
    }
  }

  /// A template set that cannot be used. The message names the file; it never holds values.
  public struct LoadError: Error, CustomStringConvertible, Sendable {
    /// What is wrong.
    public var message: String
    public var description: String { message }
  }

  /// The folder.
  public var directory: String
  /// The service layout from `layout.yml`, if the folder has one.
  public var layout: ServiceLayout?
  /// The output templates, sorted by output file name.
  public var outputs: [Output]
  let library: MustacheLibrary
  /// The same templates rendering slot markers (``SlotMarker``), for packets rendered once per
  /// shape and filled per seller; `nil` when a template uses a Mustache feature whose output
  /// could depend on a value other than through escaping it (see ``canSplice(_:)``).
  let shapeLibrary: MustacheLibrary?

  /// A template set file's bytes (``InputFile``, within the limits for a data file); `nil`
  /// when it does not exist.
  private static func readFile(_ path: String) throws -> [UInt8]? {
    do {
      return try InputFile.readIfPresent(path, limits: .dataFile)
    } catch let error as InputFile.ReadError {
      throw LoadError(message: error.description)
    }
  }

  /// Loads every `*.mustache` file in `directory`, and `layout.yml` when present.
  /// - Throws: ``LoadError``.
  public static func load(directory: String) throws -> TemplateSet {
    OutputFormat.registerContentTypes()
    SlotMarker.registerContentTypes()
    let manager = FileManager.default
    var isDirectory: ObjCBool = false
    guard manager.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw LoadError(message: "the template folder \(directory) does not exist")
    }
    var layout: ServiceLayout?
    let layoutPath = (directory as NSString).appendingPathComponent("layout.yml")
    if let data = try Self.readFile(layoutPath) {
      switch ServiceLayout.parse(String(decoding: data, as: UTF8.self), file: layoutPath) {
      case .success(let parsed): layout = parsed
      case .failure(let list):
        let first = list.diagnostics.first.map { "\($0.location): \($0.message)" } ?? "it is not valid"
        throw LoadError(message: "the layout descriptor \(layoutPath) cannot be used: \(first)")
      }
    }
    let names: [String]
    do {
      names = try manager.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".mustache") }.sorted()
    } catch {
      throw LoadError(message: "cannot list the template folder \(directory)")
    }
    let files = names.map { (file: $0, folder: directory) } + sharedPartials(besides: directory, except: Set(names))
    var library = MustacheLibrary()
    var shapeLibrary: MustacheLibrary? = MustacheLibrary()
    var outputs: [Output] = []
    for (file, folder) in files {
      let name = String(file.dropLast(".mustache".count))
      let path = (folder as NSString).appendingPathComponent(file)
      guard let data = try Self.readFile(path) else {
        throw LoadError(message: "cannot read the template \(path)")
      }
      let entry = layout?.files.first { $0.name == name || $0.file == name }
      let outputName = entry?.file ?? (name.hasPrefix("_") ? String(name.dropFirst()) : name)
      let format = entry.map { Self.format(of: $0.kind) } ?? OutputFormat(fileName: outputName)
      let text = String(decoding: data, as: UTF8.self)
      let source = "{{% CONTENT_TYPE: \(format.contentTypeName) }}\n" + text
      do {
        library.register(try MustacheTemplate(string: source), named: name)
      } catch {
        throw LoadError(message: "the template \(path) is not valid Mustache")
      }
      if canSplice(text),
        let shape = try? MustacheTemplate(
          string: "{{% CONTENT_TYPE: \(SlotMarker.contentTypeName(format)) }}\n" + text)
      {
        shapeLibrary?.register(shape, named: name)
      } else {
        shapeLibrary = nil
      }
      if !name.hasPrefix("_") {
        outputs.append(Output(templateName: name, fileName: outputName, format: format, layoutFile: entry))
      }
    }
    guard !outputs.isEmpty else {
      throw LoadError(message: "the template folder \(directory) holds no *.mustache templates")
    }
    outputs.sort { $0.fileName < $1.fileName }
    return TemplateSet(
      directory: directory, layout: layout, outputs: outputs, library: library, shapeLibrary: shapeLibrary)
  }

  /// The folder of partials that template sets share: `shared/` beside the set's folder
  /// (`templates/shared/` for `templates/sp-api/`).
  public static func sharedFolder(besides directory: String) -> String {
    let trimmed = directory.hasSuffix("/") && directory.count > 1 ? String(directory.dropLast()) : directory
    return ((trimmed as NSString).deletingLastPathComponent as NSString).appendingPathComponent("shared")
  }

  /// The partials (`_NAME.mustache`) of the shared folder beside `directory` that the set does
  /// not hold itself (a set's own partial wins), sorted; none when there is no such folder or
  /// when `directory` is that folder.
  static func sharedPartials(besides directory: String, except own: Set<String>) -> [(file: String, folder: String)] {
    let folder = sharedFolder(besides: directory)
    let manager = FileManager.default
    var isDirectory: ObjCBool = false
    guard manager.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue,
      (folder as NSString).standardizingPath != (directory as NSString).standardizingPath,
      let names = try? manager.contentsOfDirectory(atPath: folder)
    else { return [] }
    return names.filter { $0.hasPrefix("_") && $0.hasSuffix(".mustache") && !own.contains($0) }.sorted().map {
      (file: $0, folder: folder)
    }
  }

  /// Whether a template's output depends on its context's text values only through writing
  /// them (escaped or not): no set-delimiter or pragma tags (which this check could not follow),
  /// no transforms (`{{lowercased(name)}}`), no dynamic partials (`{{>*name}}`), and none of
  /// the control characters slot markers use.
  static func canSplice(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    if bytes.contains(where: { $0 == SlotMarker.open || $0 == SlotMarker.close || $0 == SlotMarker.escaped }) {
      return false
    }
    var index = 0
    while index + 1 < bytes.count {
      guard bytes[index] == UInt8(ascii: "{"), bytes[index + 1] == UInt8(ascii: "{") else {
        index += 1
        continue
      }
      var inner = index + 2
      while inner < bytes.count && bytes[inner] == UInt8(ascii: "{") { inner += 1 }
      while inner < bytes.count && bytes[inner] == 0x20 { inner += 1 }
      guard inner < bytes.count else { return true }
      let sigil = bytes[inner]
      if sigil == UInt8(ascii: "=") || sigil == UInt8(ascii: "%") { return false }
      let isComment = sigil == UInt8(ascii: "!")
      var close = inner
      while close + 1 < bytes.count && !(bytes[close] == UInt8(ascii: "}") && bytes[close + 1] == UInt8(ascii: "}")) {
        close += 1
      }
      if !isComment {
        let tag = bytes[inner..<min(close, bytes.count)]
        if tag.contains(UInt8(ascii: "(")) || tag.contains(UInt8(ascii: "*")) { return false }
      }
      index = close + 2
    }
    return true
  }

  /// The output format of a layout kind.
  static func format(of kind: ServiceLayout.Kind) -> OutputFormat {
    switch kind {
    case .accountsYAML, .flatYAML: return .yaml
    case .flatJSON: return .json
    case .dotenv: return .dotenv
    case .pythonDict: return .python
    }
  }

  /// This set writing one credential file: the `layout.yml` file named `name` (front matter
  /// `layout:` or `--layout`), or, when `name` is `nil`, the layout's `default-layout:`. Other
  /// outputs (checklists, prompts, packet files that are no layout file) stay. A set without
  /// either choice is returned as it is (it writes every layout file it has a template for).
  /// - Throws: ``LoadError`` naming the layouts there are, when `name` is none of them or has
  ///   no template.
  public func choosingLayout(_ name: String?) throws -> TemplateSet {
    guard let layout, let name = name ?? layout.defaultLayout else {
      if let name {
        throw LoadError(message: "the template set \(directory) has no layout.yml, so it has no layout '\(name)'")
      }
      return self
    }
    let names = layout.files.filter { file in outputs.contains { $0.layoutFile == file } }.map(\.name)
    guard let chosen = layout.choosing(name), let file = chosen.files.first,
      outputs.contains(where: { $0.layoutFile == file })
    else {
      throw LoadError(
        message: "the template set \(directory) has no layout '\(name)'; its layouts: "
          + (names.isEmpty ? "none" : names.joined(separator: ", ")))
    }
    var result = self
    result.layout = chosen
    result.outputs = outputs.filter { $0.layoutFile == nil || $0.layoutFile == file }
    return result
  }

  /// Renders one output with a context.
  public func render(_ output: Output, context: [String: Any]) -> String {
    library.render(context, withTemplate: output.templateName) ?? ""
  }

  /// Renders one output of a shape context (slot markers in, slot markers out); `nil` when
  /// this set is not rendered by shape.
  func renderShape(_ output: Output, context: [String: Any]) -> String? {
    shapeLibrary?.render(context, withTemplate: output.templateName)
  }

  /// The escapers of the credential files this set writes, for roster validation.
  public var credentialEscapers: [(name: String, escaper: any ValueEscaper)] {
    var seen: Set<OutputFormat> = []
    var result: [(name: String, escaper: any ValueEscaper)] = []
    for output in outputs where output.format.isCredentialFormat && seen.insert(output.format).inserted {
      result.append((output.fileName, output.format.escaper))
    }
    return result
  }
}
