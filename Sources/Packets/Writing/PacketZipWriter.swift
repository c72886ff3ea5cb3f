import CredentialSpecs
import Escaping
import OnboardSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes a packet as one file, `<out>/<id>.zip`, instead of a folder (`packets --zip`): a
/// packet sent by e-mail keeps its screenshots beside its checklists.
///
/// A zip is meant to be sent, so it never carries a secret: a credential file (a file of mode
/// 0600) that holds a secret value the roster gives for the seller is left out (see
/// ``secretFiles(_:known:specs:)``), and the caller names it. packet.json is the manifest of
/// what the zip holds. The archive is a ``ZipArchive`` (deterministic: a re-run with the same
/// input writes the same bytes), written atomically. An existing `<id>.zip` that onboard did not
/// write is replaced only with `force`.
public struct PacketZipWriter: Sendable {
  /// A credential file left out of a zip, and the keys whose secret values it holds.
  public struct LeftOut: Sendable, Equatable {
    /// The file's path in the packet.
    public var path: String
    /// The credential keys whose roster values are in it, in the guide's order.
    public var keys: [String]

    /// What `packets --zip` prints: the zip, the file and the keys, never a value.
    public func message(zip: String) -> String {
      "\(zip) leaves out \(path): it holds the secret value\(keys.count == 1 ? "" : "s") of "
        + keys.map { "'\($0)'" }.joined(separator: ", ")
        + " that the roster gives, and a zip is meant to be sent; hand that file over another way"
    }
  }

  /// Why a zip was not written.
  public enum WriteError: Error, Sendable, CustomStringConvertible {
    /// `<id>.zip` exists and onboard did not write it.
    case foreignFile(path: String)
    /// A file cannot be read or the zip cannot be written.
    case fileSystem(String)

    public var description: String {
      switch self {
      case .foreignFile(let path): return "\(path) exists and was not written by onboard"
      case .fileSystem(let message): return message
      }
    }
  }

  /// The output folder.
  public let outputDirectory: String
  /// Replace a `<id>.zip` onboard did not write.
  public let force: Bool

  /// Creates a writer for the existing folder `outputDirectory`.
  public init(outputDirectory: String, force: Bool) {
    self.outputDirectory = outputDirectory
    self.force = force
  }

  /// The path of a packet's zip.
  public func path(id: String) -> String {
    outputDirectory.isEmpty
      ? id + ".zip"
      : outputDirectory.hasSuffix("/") ? outputDirectory + id + ".zip" : outputDirectory + "/" + id + ".zip"
  }

  /// The credential files (mode 0600) among `files` that hold a secret value of `known` (the
  /// seller's roster values; a key whose spec is not secret does not count). A value counts as
  /// held when its bytes are in the file as they are, or as any of onboard's escapers writes
  /// them (without the quotes), so an escaped value is found too.
  public static func secretFiles(_ files: [PacketFile], known: [String: String], specs: CredentialSpecSet)
    -> [LeftOut]
  {
    let secrets: [(key: String, forms: [[UInt8]])] = specs.specs.compactMap { spec in
      guard spec.secret, let value = known[spec.key], !value.isEmpty else { return nil }
      return (spec.key, writtenForms(of: value))
    }
    guard !secrets.isEmpty else { return [] }
    return files.compactMap { file in
      guard file.mode & 0o077 == 0, case .bytes(let bytes) = file.content else { return nil }
      let keys = secrets.filter { secret in secret.forms.contains { contains(bytes, $0) } }.map(\.key)
      return keys.isEmpty ? nil : LeftOut(path: file.path, keys: keys)
    }
  }

  /// A value as it is, and as each escaper writes it without the surrounding quotes.
  static func writtenForms(of value: String) -> [[UInt8]] {
    let escapers: [any ValueEscaper] = [YAMLEscaper(), DotenvEscaper(), JSONEscaper(), PythonEscaper()]
    var forms: Set<[UInt8]> = [Array(value.utf8)]
    for escaper in escapers {
      var escaped = escaper.escape(value)
      if escaped.count >= 2, let first = escaped.first, first == "'" || first == "\"", escaped.last == first {
        escaped = String(escaped.dropFirst().dropLast())
      }
      if !escaped.isEmpty { forms.insert(Array(escaped.utf8)) }
    }
    return forms.sorted { $0.lexicographicallyPrecedes($1) }
  }

  static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard !needle.isEmpty, haystack.count >= needle.count else { return needle.isEmpty }
    let first = needle[0]
    var index = 0
    let last = haystack.count - needle.count
    while index <= last {
      if haystack[index] == first && haystack[index..<(index + needle.count)].elementsEqual(needle) { return true }
      index += 1
    }
    return false
  }

  /// Writes `files` (packet.json included) as `<id>.zip`, atomically; mode 0600 when it holds a
  /// credential file, else 0644.
  /// - Throws: ``WriteError``.
  public func write(id: String, files: [PacketFile]) throws {
    let target = path(id: id)
    if !force, let existing = try existingBytes(target), !ZipArchive.isOnboardArchive(existing) {
      throw WriteError.foreignFile(path: target)
    }
    var entries: [ZipArchive.Entry] = []
    for file in files {
      switch file.content {
      case .bytes(let bytes):
        entries.append(ZipArchive.Entry(path: file.path, bytes: bytes, mode: file.mode))
      case .image(let source, _):
        do {
          entries.append(
            ZipArchive.Entry(path: file.path, bytes: try InputFile.read(source, limits: .dataFile), mode: file.mode))
        } catch let error as InputFile.ReadError {
          throw WriteError.fileSystem("\(error)")
        }
      }
    }
    let bytes: [UInt8]
    do {
      bytes = try ZipArchive(entries: entries).bytes()
    } catch {
      throw WriteError.fileSystem("cannot write \(target): \(error)")
    }
    let holdsCredentials = files.contains { $0.mode & 0o077 == 0 }
    do {
      try AtomicFile.write(bytes, to: target, mode: holdsCredentials ? 0o600 : 0o644)
    } catch {
      throw WriteError.fileSystem("\(error)")
    }
  }

  /// The bytes of an existing regular file at `path` (`nil` when there is none).
  private func existingBytes(_ path: String) throws -> [UInt8]? {
    var info = stat()
    guard lstat(path, &info) == 0 else { return nil }
    guard (info.st_mode & S_IFMT) == S_IFREG else { throw WriteError.foreignFile(path: path) }
    do {
      return try InputFile.readIfPresent(path, limits: .roster)
    } catch {
      throw WriteError.fileSystem("\(error)")
    }
  }
}
