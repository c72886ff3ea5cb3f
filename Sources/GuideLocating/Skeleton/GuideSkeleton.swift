import Foundation
import OnboardSupport

/// `onboard init NAME`: a new guide's folder, the way `cargo new` starts a crate.
///
/// `DIR/NAME/NAME.md` is a guide skeleton that uses each element of the format once (front
/// matter with a variable and a layout, title and introduction, one stage with a precondition,
/// two steps, one screenshot, a check, a produced credential, a warning, the credentials block
/// with one credential), with comments naming the docs/guide-format.md section of each.
/// `DIR/NAME/images/NAME.png` is a placeholder screenshot (``PlaceholderPNG``) and
/// `DIR/NAME/roster.yml` a one-row roster. The skeleton passes `onboard check --strict` and makes
/// a packet with the generic template set at once. With templates, the generic set and the shared
/// partials are copied to `DIR/NAME/templates/`, where the guide finds them first.
public struct GuideSkeleton: Sendable {
  /// Why the skeleton cannot be written.
  public struct Failure: Error, CustomStringConvertible, Sendable {
    /// What went wrong, in words.
    public var description: String
    init(_ description: String) { self.description = description }
  }

  /// The guide's name: its id, folder and file name.
  public var name: String

  /// A skeleton for `name`.
  /// - Throws: ``Failure`` when `name` is not 1–64 ASCII letters, digits, `-` and `_` starting
  ///   with a letter or digit (it becomes a file name and the guide's id).
  public init(name: String) throws(Failure) {
    let allowed = name.utf8.allSatisfy { byte in
      (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
        || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }
    guard allowed, (1...64).contains(name.utf8.count), let first = name.utf8.first,
      first != UInt8(ascii: "-"), first != UInt8(ascii: "_")
    else {
      throw Failure(
        "the guide name '\(name.prefix(80))' must be 1 to 64 letters, digits, '-' and '_', starting with a letter or digit"
      )
    }
    self.name = name
  }

  /// The files of the skeleton, relative to its folder, with their bytes.
  public var files: [(path: String, bytes: [UInt8])] {
    [
      ("\(name).md", Array(guideText.utf8)),
      ("images/\(name).png", PlaceholderPNG.make()),
      ("roster.yml", Array(rosterText.utf8)),
    ]
  }

  /// The credential's environment name: the guide name upper-cased, `-` as `_`, then `_API_KEY`.
  var envName: String {
    name.uppercased().replacingOccurrences(of: "-", with: "_") + "_API_KEY"
  }

  /// The guide's text.
  public var guideText: String {
    """
    ---
    # Front matter: docs/guide-format.md, section "Front matter". id, title and version are required.
    id: \(name)
    title: Connect to \(name)
    version: 1
    # The one credential file packets write with the generic template set (dotenv or yaml):
    # docs/guide-format.md, section "Template sets".
    layout: dotenv
    # What each roster row gives beyond the standard fields: docs/guide-format.md, section "Variables".
    variables:
      dashboard_url: the address of the service's dashboard for this recipient
    ---

    # Connect to \(name)

    This guide gets an API key for **{{name}}** and puts it where the code reads it. Replace this
    introduction with what the reader needs to know before the first step.

    ## <a id="get-key"></a>Get the API key

    > **Requires:** you are signed in to the [dashboard]({{dashboard_url}}) as {{owner_name}}.

    1. <a id="open-keys"></a>Open the page that lists the API keys.

       ![The page that lists the API keys](images/\(name).png)

       **Check:** The page shows the account of {{name}}.

    2. <a id="create-key"></a>Create a key and copy it.

       **Produces:** `api_key`

       > **Warning:** The key is shown only once. Put it straight into `{{credentials_file}}`.

    ## Credentials

    This section describes the credentials for onboard; no packet shows it.

    ```yaml credentials
    # One entry per credential: docs/guide-format.md, section "The credentials block".
    # Stages and plain sections, steps, attributes (Requires, Produces, Check), notes and
    # screenshots each have their own section there too.
    api_key:
      title: API key
      env: \(envName)
      required: true
      example: the key the dashboard shows
    ```

    """
  }

  /// The roster's text.
  public var rosterText: String {
    """
    # Roster for \(name).md: one entry per recipient. docs/roster.md describes the fields.
    # Make the packets with: onboard packets \(name).md --roster roster.yml
    - id: example-shop
      name: Example Shop
      owner:
        name: Alex Example
        email: alex@example.com
      dashboard_url: https://dashboard.example.com

    """
  }

  /// Writes the skeleton into `folder/name/`.
  /// - Parameters:
  ///   - folder: the folder to create the guide's folder in (`--dir`); it must exist.
  ///   - templateSet: a template set folder to copy to `templates/<its name>/`, with the shared
  ///     partials beside it (`templates/shared/`), or `nil`.
  ///   - force: replace files of the skeleton that exist; without it, any of them existing is a failure.
  /// - Returns: the paths written.
  /// - Throws: ``Failure``.
  public func write(into folder: String, templateSet: String? = nil, force: Bool = false) throws(Failure) -> [String] {
    let manager = FileManager.default
    var isDirectory: ObjCBool = false
    guard manager.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw Failure("the folder \(folder) does not exist")
    }
    let root = folder == "." ? name : (folder as NSString).appendingPathComponent(name)
    var planned = files.map { (path: (root as NSString).appendingPathComponent($0.path), bytes: $0.bytes) }
    if let templateSet {
      planned += try templateFiles(templateSet, into: (root as NSString).appendingPathComponent("templates"))
    }
    if !force {
      let existing = planned.map(\.path).filter { manager.fileExists(atPath: $0) }
      if let first = existing.first {
        throw Failure(
          "\(first)\(existing.count > 1 ? " and \(existing.count - 1) more" : "") already exist\(existing.count > 1 ? "" : "s"); pass --force to replace the skeleton's files"
        )
      }
    }
    for file in planned {
      let parent = PathParts.folder(of: file.path)
      do {
        try manager.createDirectory(atPath: parent, withIntermediateDirectories: true)
        try AtomicFile.write(file.bytes, to: file.path)
      } catch {
        throw Failure(
          "cannot write \(file.path): \((error as? AtomicFile.WriteError)?.reason ?? "cannot create \(parent)")")
      }
    }
    return planned.map(\.path)
  }

  /// The regular files of a template set (`layout.yml`, `*.mustache`) and of the shared partials
  /// beside it, as they are to be written under `target`.
  func templateFiles(_ set: String, into target: String) throws(Failure) -> [(path: String, bytes: [UInt8])] {
    let trimmed = set.hasSuffix("/") && set.count > 1 ? String(set.dropLast()) : set
    let shared = ((trimmed as NSString).deletingLastPathComponent as NSString).appendingPathComponent("shared")
    var result: [(path: String, bytes: [UInt8])] = []
    for (source, name) in [(trimmed, (trimmed as NSString).lastPathComponent), (shared, "shared")] {
      guard let names = try? FileManager.default.contentsOfDirectory(atPath: source) else {
        if source == trimmed { throw Failure("cannot list the template set \(source)") }
        continue
      }
      for file in names.sorted() where file == "layout.yml" || file.hasSuffix(".mustache") {
        let path = (source as NSString).appendingPathComponent(file)
        let bytes: [UInt8]
        do {
          guard let read = try InputFile.readIfPresent(path, limits: .dataFile) else { continue }
          bytes = read
        } catch {
          throw Failure("cannot read \(path): \((error as? InputFile.ReadError)?.reason ?? "\(error)")")
        }
        result.append(
          (((target as NSString).appendingPathComponent(name) as NSString).appendingPathComponent(file), bytes))
      }
    }
    return result
  }
}
