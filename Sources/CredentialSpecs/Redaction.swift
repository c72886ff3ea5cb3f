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

  /// The opt-in preview of a value, following the policy above.
  public static func preview(_ value: String, spec: CredentialSpec) -> String {
    guard value.count >= 16, let prefix = spec.publicPrefix, !prefix.isEmpty, value.hasPrefix(prefix)
    else { return describe(value) }
    let tail = value.count < 40 ? 2 : 4
    return "\(prefix)…\(value.suffix(tail)) (\(value.count) chars)"
  }
}
