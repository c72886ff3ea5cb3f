import CredentialSpecs
import Escaping
import Foundation

/// Writing a walk's values to a flat credential file (a `dotenv` or `flat-yaml` layout, as the
/// generic template set has) when the layout has no accounts-yaml file to merge an account into.
/// The file holds one recipient's values, so an existing file is replaced as a whole, after the
/// person agrees (or with `--replace`).
extension WalkSession {
  /// The flat file the walk writes: the guide's `layout:` choice (else the layout's
  /// `default-layout:`) when it is a dotenv or flat-yaml file, else the layout's first such file;
  /// `nil` when the layout has an accounts-yaml file (that one is merged into) or no flat file.
  var flatFile: ServiceLayout.FileLayout? {
    guard layout.file(kind: .accountsYAML) == nil else { return nil }
    let isFlat: (ServiceLayout.FileLayout) -> Bool = { $0.kind == .dotenv || $0.kind == .flatYAML }
    return layout.chosen(guide.metadata.layout).files.first(where: isFlat) ?? layout.files.first(where: isFlat)
  }

  /// Checks that `path` can be written, and asks before a walk replaces a file that exists.
  func preflightFlat(_ path: String, file: ServiceLayout.FileLayout) throws -> Preflight {
    do {
      try CredentialFileStore.checkWritable(path)
    } catch let error as CredentialFileStore.FileError {
      throw Failure.fileSystem(error.description)
    }
    guard FileManager.default.fileExists(atPath: CredentialFileStore.resolvedPath(path)) else {
      return .proceed(replaces: false)
    }
    if options.replaceExisting { return .proceed(replaces: true) }
    let replace = try io.askYesNo(
      "\(TerminalText.inert(path)) already exists. Replace it with a \(file.kind.rawValue) file of the values from this walk?"
    )
    return replace ? .proceed(replaces: true) : .declined
  }

  /// Writes the values as the flat file `file` at `path` (mode 0600) and lints it.
  func writeFlat(
    _ ordered: [(key: String, value: String)], file: ServiceLayout.FileLayout, to path: String, confirmedReplace: Bool
  ) throws -> WalkResult {
    do {
      try CredentialFileStore.checkWritable(path)
    } catch let error as CredentialFileStore.FileError {
      throw Failure.fileSystem(error.description)
    }
    let resolved = CredentialFileStore.resolvedPath(path)
    let existed = FileManager.default.fileExists(atPath: resolved)
    if existed, !confirmedReplace, !options.replaceExisting,
      try !io.askYesNo("\(TerminalText.inert(path)) already exists. Replace it?")
    {
      throw DeclinedReplace.keepAccount
    }
    let escaper: any ValueEscaper = file.kind == .dotenv ? DotenvEscaper() : YAMLEscaper()
    for (key, value) in ordered {
      if let reason = escaper.cannotRepresent(value) {
        throw Failure.unusableFile("the value of '\(key)' cannot be written to \(path): \(reason)")
      }
    }
    let text = Self.flatText(ordered, kind: file.kind, specs: guide.credentials, layout: layout, account: account)
    do {
      let replacement = try CredentialFileStore.write(Array(text.utf8), to: resolved)
      if let warning = replacement.warning(for: path) { io.show("Warning: \(TerminalText.inert(warning)).\n") }
    } catch let error as CredentialFileStore.FileError {
      throw Failure.fileSystem(error.description)
    }
    markCompleted()
    io.show("\(existed ? "Replaced" : "Wrote") \(TerminalText.inert(path)) (\(file.kind.rawValue), mode 0600).\n")
    return WalkResult(outcome: .written(path: path, replaced: existed), lintFindings: lint(path))
  }

  /// The flat file's text: `NAME='value'` lines named by each credential's environment name
  /// (its `env:`, else its key upper-cased; characters other than ASCII letters, digits and `_`
  /// as `_`, as packets name them) for dotenv; `key: 'value'` lines for flat-yaml.
  /// Values are complete quoted literals of the format (``DotenvEscaper``, ``YAMLEscaper``).
  static func flatText(
    _ ordered: [(key: String, value: String)], kind: ServiceLayout.Kind, specs: CredentialSpecSet,
    layout: ServiceLayout, account: String
  ) -> String {
    var text = "# Written by onboard walk. Keep this file private (chmod 600) and out of version control.\n"
    for (key, value) in ordered {
      if let title = specs[key: key]?.title { text += "# " + CommentEscaper().escape(title) + "\n" }
      if kind == .dotenv {
        let env = layout.envName(specs[key: key]?.env ?? key.uppercased(), account: account)
        let safe = String(
          String.UnicodeScalarView(
            env.unicodeScalars.map { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) ? $0 : "_" }
          ))
        text += safe + "=" + DotenvEscaper().escape(value) + "\n"
      } else {
        text += YAMLEscaper.key(key) + ": " + YAMLEscaper().escape(value) + "\n"
      }
    }
    return text
  }
}
