/// Makes server text safe to show: every collected value (and the access token) is removed,
/// as is every run of 20 or more characters without a space (a token or value the server may
/// echo, whole or in part), as is every word that shares 8 characters in a row with a value;
/// control characters become spaces and the text is cut to 200
/// characters.
public struct ServerTextRedactor: Sendable {
  /// The values that must never appear.
  public var secrets: [String]
  /// The longest text kept, in characters.
  public var maxLength = 200
  /// The longest run of non-space characters kept.
  public var maxRun = 19

  /// Creates a redactor for `secrets` (empty values are ignored).
  public init(secrets: [String]) {
    self.secrets = secrets.filter { !$0.isEmpty }.sorted { $0.count > $1.count }
  }

  /// `text` made safe to show, or `nil` when nothing remains.
  public func redact(_ text: String) -> String? {
    var result = text
    for secret in secrets where result.contains(secret) {
      result = result.split(separator: secret, omittingEmptySubsequences: false).joined(separator: "[value removed]")
    }
    let cleaned = String(
      String.UnicodeScalarView(
        result.unicodeScalars.map { $0.properties.generalCategory == .control || $0 == "\u{7F}" ? " " : $0 }))
    var words: [String] = []
    for word in cleaned.split(separator: " ", omittingEmptySubsequences: true) {
      if word.count > maxRun {
        words.append("[long text removed]")
      } else if sharesPart(word) {
        words.append("[value removed]")
      } else {
        words.append(String(word))
      }
    }
    var joined = words.joined(separator: " ")
    if joined.count > maxLength { joined = String(joined.prefix(maxLength)) + "…" }
    return joined.isEmpty ? nil : joined
  }

  /// Whether `word` holds 8 characters in a row of any secret.
  private func sharesPart(_ word: Substring) -> Bool {
    let characters = Array(word)
    guard characters.count >= 8 else { return false }
    for start in 0...(characters.count - 8) {
      let part = String(characters[start..<(start + 8)])
      if secrets.contains(where: { $0.contains(part) }) { return true }
    }
    return false
  }
}
