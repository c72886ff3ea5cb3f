/// A guide file or template set folder, and where it was found.
public struct LocatedPath: Hashable, Sendable, CustomStringConvertible {
  /// The file or folder.
  public var path: String
  /// Where it was found.
  public var origin: DataRoot.Origin

  public init(path: String, origin: DataRoot.Origin) {
    self.path = path
    self.origin = origin
  }

  /// `path (from origin)`, as `--version` and `check --verbose` show it.
  public var description: String { "\(path) (from \(origin))" }
}
