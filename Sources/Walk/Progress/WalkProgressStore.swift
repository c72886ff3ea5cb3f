import Foundation
import OnboardSupport

/// Where walk progress is kept: `<root>/<guide-id>/<seller-id>.json`.
///
/// The root is, in order: `--state DIR`; `$ONBOARD_STATE_DIR`;
/// `$XDG_STATE_HOME/onboard/walks`; `~/.local/state/onboard/walks`. Files are written
/// atomically with mode 0600 in folders of mode 0700.
public struct WalkProgressStore: Sendable {
  /// A progress file that cannot be read or written. The message names the path only.
  public struct StoreError: Error, CustomStringConvertible, Sendable {
    /// The file.
    public var path: String
    /// Why.
    public var reason: String
    public var description: String { "cannot use the walk progress file \(path): \(reason)" }
  }

  /// The folder that holds one folder per guide.
  public var root: String

  /// Creates a store at `root`.
  public init(root: String) {
    self.root = root
  }

  /// The default root for an environment (see the type's documentation).
  public static func defaultRoot(environment: [String: String]) -> String {
    if let explicit = environment["ONBOARD_STATE_DIR"], !explicit.isEmpty { return explicit }
    if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") {
      return (xdg as NSString).appendingPathComponent("onboard/walks")
    }
    let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
    return (home as NSString).appendingPathComponent(".local/state/onboard/walks")
  }

  /// The file for a guide and seller.
  public func path(guide: String, seller: String) -> String {
    ((root as NSString).appendingPathComponent(Self.safeName(guide)) as NSString)
      .appendingPathComponent(Self.safeName(seller) + ".json")
  }

  /// Reads progress; `nil` when there is none.
  /// - Throws: ``StoreError`` when the file exists but is not a progress file.
  public func load(guide: String, seller: String) throws -> WalkProgress? {
    let file = path(guide: guide, seller: seller)
    let bytes: [UInt8]
    do {
      guard let read = try InputFile.readIfPresent(file, limits: .dataFile) else { return nil }
      bytes = read
    } catch let error as InputFile.ReadError {
      throw StoreError(path: file, reason: error.reason)
    }
    let data = Data(bytes)
    do {
      return try JSONDecoder().decode(WalkProgress.self, from: data)
    } catch {
      throw StoreError(path: file, reason: "it is not a walk progress file (delete it, or use --restart)")
    }
  }

  /// Writes progress atomically.
  public func save(_ progress: WalkProgress) throws {
    let file = path(guide: progress.guide, seller: progress.seller)
    let folder = PathParts.folderOrCurrent(of: file)
    do {
      try FileManager.default.createDirectory(
        atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    } catch {
      throw StoreError(path: file, reason: "its folder cannot be created")
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let data: Data
    do {
      data = try encoder.encode(progress)
    } catch {
      throw StoreError(path: file, reason: "it cannot be encoded")
    }
    do {
      try AtomicFile.write(Array(data) + [0x0A], to: file, mode: 0o600)
    } catch let error as AtomicFile.WriteError {
      throw StoreError(path: file, reason: error.reason)
    }
  }

  /// Removes the progress of a guide and seller (for `--restart`).
  public func remove(guide: String, seller: String) throws {
    let file = path(guide: guide, seller: seller)
    guard FileManager.default.fileExists(atPath: file) else { return }
    do {
      try FileManager.default.removeItem(atPath: file)
    } catch {
      throw StoreError(path: file, reason: "it cannot be removed")
    }
  }

  /// A file-name-safe form of an id: characters other than letters, digits, `.`, `_` and `-`
  /// become `_`, and a leading `.` becomes `_`.
  static func safeName(_ id: String) -> String {
    var name = String(
      String.UnicodeScalarView(
        id.unicodeScalars.map { scalar in
          let value = scalar.value
          let safe =
            (value >= 0x30 && value <= 0x39) || (value >= 0x41 && value <= 0x5A) || (value >= 0x61 && value <= 0x7A)
            || value == 0x2E || value == 0x5F || value == 0x2D
          return safe ? scalar : "_"
        }))
    if name.isEmpty { name = "_" }
    if name.hasPrefix(".") { name = "_" + name.dropFirst() }
    return name
  }
}
