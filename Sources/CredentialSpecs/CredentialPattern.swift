import Foundation

/// A regular expression from a guide (ICU syntax, as `NSRegularExpression` reads it).
public struct CredentialPattern: Hashable, Sendable, CustomStringConvertible {
  /// The pattern as written.
  public let source: String
  private let box: RegexBox
  /// A faster matcher for simple patterns and ASCII values, when the pattern is simple.
  private let simple: SimplePattern?

  /// Compiles a pattern.
  /// - Throws: ``InvalidPattern`` with the engine's reason (the pattern comes from a guide,
  ///   never from a credential value, so the reason may be shown).
  public init(_ source: String) throws {
    self.source = source
    self.simple = SimplePattern(source)
    do {
      self.box = RegexBox(try NSRegularExpression(pattern: source, options: []))
    } catch {
      throw InvalidPattern(pattern: source, reason: "it is not a valid regular expression")
    }
  }

  /// Whether the pattern matches somewhere in `value` (anchor it with `^…$` to match whole).
  public func matches(_ value: String) -> Bool {
    if let simple, let matched = simple.matches(value) { return matched }
    let range = NSRange(value.startIndex..<value.endIndex, in: value)
    return box.regex.firstMatch(in: value, options: [], range: range) != nil
  }

  public var description: String { source }

  public static func == (lhs: CredentialPattern, rhs: CredentialPattern) -> Bool {
    lhs.source == rhs.source
  }

  public func hash(into hasher: inout Hasher) { hasher.combine(source) }

  /// A pattern that does not compile.
  public struct InvalidPattern: Error, Sendable {
    /// The pattern.
    public var pattern: String
    /// Why it does not compile.
    public var reason: String
  }
}

/// `NSRegularExpression` is immutable and thread-safe once built.
private final class RegexBox: @unchecked Sendable {
  let regex: NSRegularExpression
  init(_ regex: NSRegularExpression) { self.regex = regex }
}
