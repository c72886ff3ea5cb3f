/// Why a guide, template set or layout cannot be used: a usage or I/O problem (exit 2), in words.
public struct ResolutionError: Error, CustomStringConvertible, Sendable {
  /// What went wrong, and what to do.
  public var description: String

  public init(_ description: String) {
    self.description = description
  }
}
