import CredentialSpecs

/// "Did you mean" for a value of a closed set: a close spelling (as for names), or else a value
/// that the word starts with or that starts with the word (`enviroment` → `env`), or else the
/// only value one letter away (`DX` → `DE`).
enum ValueSuggester {
  static func suggest(_ word: String, among candidates: [String]) -> String? {
    if let close = NameSuggester.suggest(word, among: candidates) { return close }
    let lowered = word.lowercased()
    guard lowered.count >= 2 else { return nil }
    let matches = candidates.filter { candidate in
      let other = candidate.lowercased()
      return other.count >= 2 && (lowered.hasPrefix(other) || other.hasPrefix(lowered))
    }
    if matches.count == 1 { return matches[0] }
    // Short codes (`DX` for `DE`): one changed letter, when only one value is that close.
    let near = candidates.filter { NameSuggester.editDistance(lowered, $0.lowercased()) == 1 }
    return near.count == 1 ? near[0] : nil
  }
}
