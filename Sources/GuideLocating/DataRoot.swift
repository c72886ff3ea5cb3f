import Foundation

/// A folder that may hold `guides/` and `templates/`, and why it is searched.
public struct DataRoot: Hashable, Sendable {
  /// Where a guide or template set was found, in the order they are searched.
  public enum Origin: Int, Comparable, Sendable, CustomStringConvertible {
    /// Named on the command line (`--guide`, `--templates`, or the guide argument).
    case commandLine
    /// `templates/` beside the guide's own folder, or inside it.
    case besideGuide
    /// The project checkout the command runs in (the current folder).
    case currentCheckout
    /// The checkout that holds the binary (`<clone>/…/.build/release/onboard`).
    case binaryCheckout
    /// `$XDG_DATA_HOME/onboard` (default `~/.local/share/onboard`).
    case dataHome
    /// One of `$XDG_DATA_DIRS` (default `/usr/local/share:/usr/share`), plus `/onboard`.
    case dataDirectories
    /// `share/onboard` beside the binary's `bin/` folder.
    case installPrefix

    public static func < (lhs: Origin, rhs: Origin) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String {
      switch self {
      case .commandLine: return "the command line"
      case .besideGuide: return "beside the guide"
      case .currentCheckout: return "the current folder"
      case .binaryCheckout: return "the checkout that holds the binary"
      case .dataHome: return "$XDG_DATA_HOME"
      case .dataDirectories: return "$XDG_DATA_DIRS"
      case .installPrefix: return "the share folder beside the binary"
      }
    }
  }

  /// The folder.
  public var path: String
  /// Why it is searched.
  public var origin: Origin

  public init(path: String, origin: Origin) {
    self.path = path
    self.origin = origin
  }

  /// `guides/` in this folder.
  public var guidesFolder: String { (path as NSString).appendingPathComponent("guides") }
  /// `templates/` in this folder.
  public var templatesFolder: String { (path as NSString).appendingPathComponent("templates") }
}
