/// Candidate names prepared once for many did-you-mean lookups (`NameSuggester`'s rules).
///
/// The candidates are sorted and lowercased once. A lookup skips every candidate whose length
/// differs from the name's by more than the accepted distance (an edit changes the length by at
/// most one), compares printable-ASCII names byte by byte (for them a byte is a character), stops
/// a comparison as soon as the distance is out of reach, and stops the search at distance 1, the
/// best a different name can have. Its answers are those of the plain character-by-character
/// comparison of every candidate.
public struct NameIndex: Sendable {
  private struct Entry: Sendable {
    let name: String
    let lowered: String
    /// The lowercased name's bytes when every byte is printable ASCII, else nil.
    let asciiLowered: [UInt8]?
    /// ``NameIndex/letterSet(_:)`` of `asciiLowered`.
    let letters: UInt64
    /// The lowercased name's length in characters.
    let length: Int
  }

  private let entries: [Entry]
  /// Each entry's `length`, apart, so the length test reads one array of integers and copies
  /// no entry that fails it.
  private let lengths: [Int]

  /// Prepares `candidates` (in any order; duplicates are harmless).
  public init(_ candidates: [String]) {
    entries = candidates.sorted().map { candidate in
      let lowered = candidate.lowercased()
      let ascii = NameIndex.printableASCII(lowered)
      return Entry(
        name: candidate, lowered: lowered, asciiLowered: ascii, letters: ascii.map(NameIndex.letterSet) ?? 0,
        length: ascii?.count ?? lowered.count)
    }
    lengths = entries.map(\.length)
  }

  /// The closest candidate to `name`, if it is close enough; ties go to the candidate that sorts
  /// first.
  public func suggest(_ name: String) -> String? {
    let limit = NameSuggester.limit(for: name)
    // With limit 0 only distance 0 would do, and a different name is at least 1 away.
    guard limit > 0, !entries.isEmpty else { return nil }
    let lowered = name.lowercased()
    let asciiLowered = NameIndex.printableASCII(lowered)
    let length = asciiLowered?.count ?? lowered.count
    let letters = asciiLowered.map(NameIndex.letterSet) ?? 0
    var scratch = DistanceRows()
    var best: (name: String, distance: Int)?
    for index in lengths.indices where abs(lengths[index] - length) <= limit {
      let entry = entries[index]
      let distance: Int
      if let a = asciiLowered, let b = entry.asciiLowered {
        // Bytes first: the names themselves are compared only when their lowercased bytes are
        // equal (the same name, or a case-only difference), which few are.
        if a == b {
          guard entry.name != name else { continue }
          distance = 1  // a case-only difference
        } else {
          // The letters one name has and the other lacks bound the distance from below: first
          // as sets of 64 bits (two instructions), then counted, in one pass; most ids are ruled
          // out without filling the table.
          let missing = max((letters & ~entry.letters).nonzeroBitCount, (entry.letters & ~letters).nonzeroBitCount)
          guard missing <= limit, scratch.letterDifference(a, b) <= limit else { continue }
          distance = scratch.boundedDistance(a, b, limit: limit)
        }
      } else if entry.name == name {
        continue
      } else if entry.lowered == lowered {
        distance = 1  // a case-only difference
      } else {
        distance = NameSuggester.editDistance(lowered, entry.lowered)
      }
      guard distance <= limit else { continue }
      if best == nil || distance < best?.distance ?? Int.max { best = (entry.name, distance) }
      if distance == 1 { break }
    }
    return best?.name
  }

  /// The bytes present in `bytes`, each as bit `byte % 64`. An edit removes at most one letter
  /// from a name's set and adds at most one, so the bits one name's set has and the other's
  /// lacks are never more than the edit distance (two bytes sharing a bit only lower the
  /// count), and never more than the letter counts' difference either.
  private static func letterSet(_ bytes: [UInt8]) -> UInt64 {
    var set: UInt64 = 0
    for byte in bytes { set |= 1 << UInt64(byte & 63) }
    return set
  }

  /// The bytes of `text` when all are printable ASCII (where bytes and characters coincide).
  private static func printableASCII(_ text: String) -> [UInt8]? {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count)
    for byte in text.utf8 {
      guard byte >= 0x20, byte < 0x7F else { return nil }
      bytes.append(byte)
    }
    return bytes
  }
}

/// Three rows of the optimal-string-alignment table, reused across comparisons.
private struct DistanceRows {
  private var beforePrevious: [Int] = []
  private var previous: [Int] = []
  private var current: [Int] = []

  /// The edit distance between `a` and `b` (as `NameSuggester.editDistance` counts it) when it is
  /// at most `limit`, else `limit + 1`. Only the band of cells within `limit` of the diagonal is
  /// computed: a cell further off needs more than `limit` insertions or deletions, so it counts
  /// as `limit + 1`.
  /// Counts of each printable ASCII byte, all zero between calls.
  private var counts = [Int](repeating: 0, count: 128)

  /// The bag distance of `a` and `b`: the larger of how many of `a`'s letters `b` lacks and how
  /// many of `b`'s `a` lacks. Every insertion, deletion, substitution or transposition changes
  /// it by at most one, so it is never more than the edit distance.
  mutating func letterDifference(_ a: [UInt8], _ b: [UInt8]) -> Int {
    // One buffer for the three passes, rather than an array access (and its uniqueness and
    // bounds checks) per byte; `byte & 0x7F` is always inside its 128 counts.
    let onlyInB = counts.withUnsafeMutableBufferPointer { counts in
      for byte in a { counts[Int(byte & 0x7F)] += 1 }
      var onlyInB = 0
      for byte in b {
        let index = Int(byte & 0x7F)
        if counts[index] > 0 { counts[index] -= 1 } else { onlyInB += 1 }
      }
      for byte in a { counts[Int(byte & 0x7F)] = 0 }
      return onlyInB
    }
    let onlyInA = a.count - (b.count - onlyInB)
    return max(onlyInA, onlyInB)
  }

  mutating func boundedDistance(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int {
    let beyond = limit + 1
    guard abs(a.count - b.count) <= limit else { return beyond }
    if a.isEmpty || b.isEmpty { return min(max(a.count, b.count), beyond) }
    let width = b.count + 1
    if previous.count < width {
      beforePrevious = [Int](repeating: beyond, count: width)
      previous = [Int](repeating: beyond, count: width)
      current = [Int](repeating: beyond, count: width)
    }
    for j in 0..<width {
      previous[j] = j <= limit ? j : beyond
      beforePrevious[j] = beyond
      current[j] = beyond
    }
    var previousRowMinimum = 0
    for i in 1...a.count {
      let low = max(1, i - limit)
      let high = min(b.count, i + limit)
      current[0] = i <= limit ? i : beyond
      if low > 1 { current[low - 1] = beyond }
      var rowMinimum = beyond
      for j in low...high {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          value = min(value, beforePrevious[j - 2] + 1)
        }
        value = min(value, beyond)
        current[j] = value
        rowMinimum = min(rowMinimum, value)
      }
      if high < b.count { current[high + 1] = beyond }
      // Every later cell builds on this row or the one before (a transposition adds one to a
      // cell two rows up), so two rows beyond the limit put the answer beyond it too.
      if rowMinimum > limit, previousRowMinimum > limit { return beyond }
      previousRowMinimum = rowMinimum
      swap(&beforePrevious, &previous)
      swap(&previous, &current)
    }
    return min(previous[b.count], beyond)
  }
}
