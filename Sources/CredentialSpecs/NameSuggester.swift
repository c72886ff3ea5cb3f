/// "Did you mean" for misspelt names, with ShellCheck's thresholds: a case-only difference
/// counts as one edit; names longer than 3 accept distance 1, longer than 7 accept distance 2.
public enum NameSuggester {
  /// The closest candidate to `name`, if it is close enough.
  public static func suggest(_ name: String, among candidates: [String]) -> String? {
    let lowered = name.lowercased()
    var best: (candidate: String, distance: Int)?
    for candidate in candidates.sorted() where candidate != name {
      var distance = editDistance(lowered, candidate.lowercased())
      if lowered == candidate.lowercased() { distance = 1 }
      let limit = name.count > 7 ? 2 : (name.count > 3 ? 1 : 0)
      guard distance <= limit else { continue }
      if best == nil || distance < best?.distance ?? Int.max { best = (candidate, distance) }
    }
    return best?.candidate
  }

  /// Edit distance between two strings, by characters: insertions, deletions, substitutions
  /// and transpositions of neighbours each count one (optimal string alignment), so
  /// `verison` is one edit from `version`.
  public static func editDistance(_ lhs: String, _ rhs: String) -> Int {
    let a = Array(lhs)
    let b = Array(rhs)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var beforePrevious = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          current[j] = min(current[j], beforePrevious[j - 2] + 1)
        }
      }
      (beforePrevious, previous, current) = (previous, current, beforePrevious)
    }
    return previous[b.count]
  }
}
