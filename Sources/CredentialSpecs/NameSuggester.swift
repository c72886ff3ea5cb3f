/// "Did you mean" for misspelt names, with ShellCheck's thresholds: a case-only difference
/// counts as one edit; names longer than 3 accept distance 1, longer than 7 accept distance 2.
///
/// For many lookups against the same names (every unknown link target of a guide against its
/// ids), build one `NameIndex` and ask it: it sorts and lowercases the candidates once, skips
/// candidates whose length alone puts them out of reach, and compares ASCII names as bytes.
public enum NameSuggester {
  /// The closest candidate to `name`, if it is close enough. Ties go to the candidate that sorts
  /// first.
  public static func suggest(_ name: String, among candidates: [String]) -> String? {
    NameIndex(candidates).suggest(name)
  }

  /// The largest edit distance accepted for `name`: 0 up to 3 characters, 1 up to 7, else 2.
  static func limit(for name: String) -> Int {
    let count = name.count
    return count > 7 ? 2 : (count > 3 ? 1 : 0)
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
