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
    if simple != nil {
      // A pattern the simple matcher reads is valid ICU syntax; ICU compiles it only if a
      // value needs it (a non-ASCII value), which keeps start-up fast.
      self.box = RegexBox(source: source, regex: nil)
      return
    }
    do {
      self.box = RegexBox(source: source, regex: try NSRegularExpression(pattern: source, options: []))
    } catch {
      throw InvalidPattern(pattern: source, reason: "it is not a valid regular expression")
    }
  }

  /// Whether the pattern matches somewhere in `value` (anchor it with `^…$` to match whole).
  public func matches(_ value: String) -> Bool {
    if let simple, let matched = simple.matches(value) { return matched }
    guard let regex = box.regex else { return false }
    let range = NSRange(value.startIndex..<value.endIndex, in: value)
    return regex.firstMatch(in: value, options: [], range: range) != nil
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

/// `NSRegularExpression` is immutable and thread-safe once built; it is built on first use when
/// the simple matcher made it unnecessary at first.
private final class RegexBox: @unchecked Sendable {
  private let source: String
  private let lock = NSLock()
  private var compiled: NSRegularExpression?

  init(source: String, regex: NSRegularExpression?) {
    self.source = source
    self.compiled = regex
  }

  var regex: NSRegularExpression? {
    lock.lock()
    defer { lock.unlock() }
    if compiled == nil { compiled = try? NSRegularExpression(pattern: source, options: []) }
    return compiled
  }
}
