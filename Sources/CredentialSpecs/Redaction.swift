/// How onboard speaks of a secret value without showing it.
///
/// By default no character of a value is shown: only its length. The opt-in preview shows the
/// spec's documented public prefix, then `…`, then the last 4 characters (2 when the value is
/// shorter than 40), then the length; values under 16 characters, or with no known prefix, stay
/// fully redacted.
public enum Redaction {
  /// `<redacted, N chars>`.
  public static func describe(_ value: String) -> String {
    "<redacted, \(value.count) chars>"
  }

  /// A name or short text from a user's file as a message may show it: `'shop'` when it is
  /// showable (see ``isShowable(_:specs:)``), otherwise `a name of N characters`, so that a
  /// secret pasted where a name belongs is never printed.
  public static func name(_ name: String, specs: CredentialSpecSet) -> String {
    isShowable(name, specs: specs) ? "'\(name)'" : "a name of \(name.count) characters"
  }

  /// Like ``name(_:specs:)`` for a value that is not a name (such as a data-table code):
  /// `'DE'`, or `a value of N characters`.
  public static func text(_ text: String, specs: CredentialSpecSet) -> String {
    isShowable(text, specs: specs) ? "'\(text)'" : "a value of \(text.count) characters"
  }

  /// Whether a name from a file can be shown: a short identifier (at most 40 ASCII letters,
  /// digits, `_`, and `-` or `.` after the first) that does not look like a pasted token (more
  /// than 12 digits, or 12 or more characters mixing upper case, lower case and digits), and
  /// that matches no credential's format, public prefix or known mistake.
  public static func isShowable(_ name: String, specs: CredentialSpecSet) -> Bool {
    guard !name.isEmpty, name.utf8.count <= 40 else { return false }
    var digits = 0
    for (position, byte) in name.utf8.enumerated() {
      let isLetter = (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == UInt8(ascii: "_")
      let isDigit = byte >= 0x30 && byte <= 0x39
      if isDigit { digits += 1 }
      if position == 0 {
        guard isLetter || isDigit else { return false }
      } else {
        guard isLetter || isDigit || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") else { return false }
      }
    }
    if digits > 12 { return false }
    let hasUpper = name.utf8.contains { $0 >= 0x41 && $0 <= 0x5A }
    let hasLower = name.utf8.contains { $0 >= 0x61 && $0 <= 0x7A }
    if name.utf8.count >= 12, hasUpper, hasLower, digits > 0 { return false }
    for spec in specs.specs {
      if let prefix = spec.publicPrefix, !prefix.isEmpty, name.hasPrefix(prefix) { return false }
      if spec.pattern?.matches(name) == true { return false }
      if spec.mistakes.contains(where: { $0.pattern.matches(name) }) { return false }
    }
    return true
  }

  /// The opt-in preview of a value, following the policy above.
  public static func preview(_ value: String, spec: CredentialSpec) -> String {
    guard value.count >= 16, let prefix = spec.publicPrefix, !prefix.isEmpty, value.hasPrefix(prefix)
    else { return describe(value) }
    let tail = value.count < 40 ? 2 : 4
    return "\(prefix)…\(value.suffix(tail)) (\(value.count) chars)"
  }
}
