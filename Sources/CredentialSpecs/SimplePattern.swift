/// A fast matcher for the small regular expressions guides use for credential formats
/// (`^amzn1\.oa2-cs\.v1\.[0-9a-f]{64}$`, `^(AKIA|ASIA)[A-Z0-9]{16}$`, `^Atzr\|[A-Za-z0-9_-]+$`).
///
/// ``CredentialPattern`` compiles a pattern into one when the pattern uses only literals,
/// escaped punctuation, `.`, `\d`, `\w`, character classes, groups with alternation,
/// `^`/`$` and greedy quantifiers; it matches ASCII input the way ICU does (`$` also matches
/// before one final line break) and leaves anything else (other syntax, non-ASCII input) to
/// `NSRegularExpression`. Linting thousands of files spends most of its time matching
/// formats, and bridging to ICU costs far more than the match itself.
struct SimplePattern: Sendable {
  /// A set of ASCII bytes.
  struct ByteSet: Sendable {
    var bits: (UInt64, UInt64) = (0, 0)

    mutating func insert(_ byte: UInt8) {
      if byte < 64 { bits.0 |= 1 << UInt64(byte) } else if byte < 128 { bits.1 |= 1 << UInt64(byte - 64) }
    }

    mutating func insert(_ range: ClosedRange<UInt8>) { for byte in range { insert(byte) } }

    mutating func formUnion(_ other: ByteSet) {
      bits.0 |= other.bits.0
      bits.1 |= other.bits.1
    }

    func contains(_ byte: UInt8) -> Bool {
      if byte < 64 { return bits.0 & (1 << UInt64(byte)) != 0 }
      if byte < 128 { return bits.1 & (1 << UInt64(byte - 64)) != 0 }
      return false
    }

    func inverted() -> ByteSet {
      var result = ByteSet()
      result.bits = (~bits.0, ~bits.1)
      return result
    }

    static let digits: ByteSet = {
      var set = ByteSet()
      set.insert(0x30...0x39)
      return set
    }()
    static let word: ByteSet = {
      var set = digits
      set.insert(0x41...0x5A)
      set.insert(0x61...0x7A)
      set.insert(UInt8(ascii: "_"))
      return set
    }()
    /// What `.` matches in ASCII: everything but line breaks.
    static let dot: ByteSet = {
      var set = ByteSet()
      set.insert(0...127)
      var breaks = ByteSet()
      breaks.insert(0x0A...0x0D)
      set.bits = (set.bits.0 & ~breaks.bits.0, set.bits.1 & ~breaks.bits.1)
      return set
    }()
  }

  indirect enum Node: Sendable {
    case set(ByteSet)
    case group([[Item]])
    case start
    case end
  }

  struct Item: Sendable {
    var node: Node
    var min: Int
    var max: Int  // Int.max for unbounded
  }

  private let alternatives: [[Item]]
  /// The alternatives with every plain group expanded, when that is possible: sequences of
  /// sets and anchors that match without closures (the common case, and the fast one).
  private let flat: [[FlatItem]]?

  /// One step of a flattened sequence.
  struct FlatItem: Sendable {
    enum Kind: UInt8, Sendable { case set, start, end }
    var kind: Kind
    var set: ByteSet
    var min: Int
    var max: Int
  }
  /// Whether every alternative starts with `^`, so only position 0 can match.
  private let anchoredAtStart: Bool

  /// Compiles `source`, or returns `nil` when it uses syntax this matcher does not handle.
  init?(_ source: String) {
    var parser = Parser(bytes: Array(source.utf8))
    guard let alternatives = parser.parseAlternatives(), parser.index == parser.bytes.count else { return nil }
    self.alternatives = alternatives
    self.flat = Self.flatten(alternatives, budget: 64)
    self.anchoredAtStart = alternatives.allSatisfy { sequence in
      if case .start = sequence.first?.node { return true }
      return false
    }
  }

  /// Whether the pattern matches somewhere in `value`, or `nil` when `value` is not ASCII.
  func matches(_ value: String) -> Bool? {
    var text = value
    return text.withUTF8 { match($0) }
  }

  /// Expands groups that occur once (`^(a|b)c$` → `^ac$`, `^bc$`) into flat sequences, up
  /// to `budget` alternatives; `nil` when a group repeats or there would be too many.
  static func flatten(_ alternatives: [[Item]], budget: Int) -> [[FlatItem]]? {
    var result: [[FlatItem]] = []
    for sequence in alternatives {
      var partial: [[FlatItem]] = [[]]
      for item in sequence {
        switch item.node {
        case .set(let set):
          for index in partial.indices {
            partial[index].append(FlatItem(kind: .set, set: set, min: item.min, max: item.max))
          }
        case .start:
          for index in partial.indices { partial[index].append(FlatItem(kind: .start, set: ByteSet(), min: 1, max: 1)) }
        case .end:
          for index in partial.indices { partial[index].append(FlatItem(kind: .end, set: ByteSet(), min: 1, max: 1)) }
        case .group(let inner):
          guard item.min == 1, item.max == 1, let expanded = flatten(inner, budget: budget) else { return nil }
          var next: [[FlatItem]] = []
          for prefix in partial {
            for tail in expanded { next.append(prefix + tail) }
          }
          guard next.count <= budget else { return nil }
          partial = next
        }
      }
      result += partial
      guard result.count <= budget else { return nil }
    }
    return result
  }

  private func match(_ input: UnsafeBufferPointer<UInt8>) -> Bool? {
    for byte in input where byte >= 0x80 { return nil }
    if let flat {
      for start in 0...(anchoredAtStart ? 0 : input.count) {
        for sequence in flat {
          let matched = sequence.withUnsafeBufferPointer { Self.matchFlat($0, 0, input, start) }
          if matched { return true }
        }
      }
      return false
    }
    let matcher = Matcher(input: input)
    for start in 0...(anchoredAtStart ? 0 : input.count) {
      for sequence in alternatives where matcher.matchSequence(sequence[...], start, { _ in true }) { return true }
    }
    return false
  }

  // MARK: - Matching

  /// Whether `position` is where `$` matches: the end of the input, or just before a final line
  /// break (`\n`, `\r`, vertical tab, form feed, or `\r\n`), like ICU's `$` for ASCII line breaks.
  private static func isAtEnd(_ input: UnsafeBufferPointer<UInt8>, _ position: Int) -> Bool {
    let remaining = input.count - position
    return remaining == 0
      || (remaining == 1 && (0x0A...0x0D).contains(input[position]))
      || (remaining == 2 && input[position] == 0x0D && input[position + 1] == 0x0A)
  }

  /// Backtracking over a flat sequence, without closures.
  private static func matchFlat(
    _ items: UnsafeBufferPointer<FlatItem>, _ index: Int, _ input: UnsafeBufferPointer<UInt8>, _ position: Int
  ) -> Bool {
    guard index < items.count else { return true }
    let item = items[index]
    switch item.kind {
    case .start:
      return position == 0 && matchFlat(items, index + 1, input, position)
    case .end:
      return isAtEnd(input, position) && matchFlat(items, index + 1, input, position)
    case .set:
      var run = 0
      while run < item.max, position + run < input.count, item.set.contains(input[position + run]) { run += 1 }
      guard run >= item.min else { return false }
      if index + 1 == items.count { return true }
      var count = run
      while count >= item.min {
        if matchFlat(items, index + 1, input, position + count) { return true }
        count -= 1
      }
      return false
    }
  }

  private struct Matcher {
    let input: UnsafeBufferPointer<UInt8>

    func matchSequence(_ items: ArraySlice<Item>, _ position: Int, _ next: (Int) -> Bool) -> Bool {
      guard let item = items.first else { return next(position) }
      let rest = items.dropFirst()
      switch item.node {
      case .start:
        return position == 0 && matchSequence(rest, position, next)
      case .end:
        return SimplePattern.isAtEnd(input, position) && matchSequence(rest, position, next)
      case .set(let set):
        var run = 0
        while run < item.max, position + run < input.count, set.contains(input[position + run]) { run += 1 }
        guard run >= item.min else { return false }
        var count = run
        while count >= item.min {
          if matchSequence(rest, position + count, next) { return true }
          count -= 1
        }
        return false
      case .group(let alternatives):
        return matchGroup(alternatives, item, count: 0, position, { matchSequence(rest, $0, next) })
      }
    }

    /// Greedy repetition of a group with backtracking.
    func matchGroup(_ alternatives: [[Item]], _ item: Item, count: Int, _ position: Int, _ next: (Int) -> Bool) -> Bool
    {
      if count < item.max {
        for sequence in alternatives {
          let advanced = matchSequence(sequence[...], position) { end in
            // An empty repetition cannot repeat forever.
            (end != position || count < item.min) && matchGroup(alternatives, item, count: count + 1, end, next)
          }
          if advanced { return true }
        }
      }
      return count >= item.min && next(position)
    }
  }

  // MARK: - Parsing

  private struct Parser {
    let bytes: [UInt8]
    var index = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func parseAlternatives() -> [[Item]]? {
      var alternatives: [[Item]] = []
      while true {
        guard let sequence = parseSequence() else { return nil }
        alternatives.append(sequence)
        if index < bytes.count, bytes[index] == UInt8(ascii: "|") {
          index += 1
          continue
        }
        return alternatives
      }
    }

    mutating func parseSequence() -> [Item]? {
      var items: [Item] = []
      while index < bytes.count {
        let byte = bytes[index]
        if byte == UInt8(ascii: "|") || byte == UInt8(ascii: ")") { break }
        guard let node = parseAtom() else { return nil }
        var item = Item(node: node, min: 1, max: 1)
        if case .start = node {
          items.append(item)
          continue
        }
        if case .end = node {
          items.append(item)
          continue
        }
        guard parseQuantifier(&item) else { return nil }
        items.append(item)
      }
      return items
    }

    mutating func parseAtom() -> Node? {
      let byte = bytes[index]
      index += 1
      switch byte {
      case UInt8(ascii: "^"): return .start
      case UInt8(ascii: "$"): return .end
      case UInt8(ascii: "."): return .set(.dot)
      case UInt8(ascii: "("):
        if index < bytes.count, bytes[index] == UInt8(ascii: "?") {
          guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: ":") else { return nil }
          index += 2
        }
        guard let alternatives = parseAlternatives(), index < bytes.count, bytes[index] == UInt8(ascii: ")") else {
          return nil
        }
        index += 1
        return .group(alternatives)
      case UInt8(ascii: "["):
        return parseClass().map { .set($0) }
      case UInt8(ascii: "\\"):
        return parseEscape().map { .set($0) }
      case UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"), UInt8(ascii: "{"),
        UInt8(ascii: "}"), UInt8(ascii: "]"):
        return nil
      default:
        guard byte < 0x80, byte >= 0x20 else { return nil }
        var set = ByteSet()
        set.insert(byte)
        return .set(set)
      }
    }

    /// `\d`, `\w`, or an escaped ASCII punctuation character.
    mutating func parseEscape() -> ByteSet? {
      guard index < bytes.count else { return nil }
      let byte = bytes[index]
      index += 1
      switch byte {
      case UInt8(ascii: "d"): return .digits
      case UInt8(ascii: "w"): return .word
      default:
        let isPunctuation =
          (0x21...0x2F).contains(byte) || (0x3A...0x40).contains(byte)
          || (0x5B...0x60).contains(byte) || (0x7B...0x7E).contains(byte)
        guard isPunctuation else { return nil }
        var set = ByteSet()
        set.insert(byte)
        return set
      }
    }

    mutating func parseClass() -> ByteSet? {
      var set = ByteSet()
      var negated = false
      if index < bytes.count, bytes[index] == UInt8(ascii: "^") {
        negated = true
        index += 1
      }
      var first = true
      while index < bytes.count {
        var byte = bytes[index]
        if byte == UInt8(ascii: "]"), !first {
          index += 1
          return negated ? set.inverted() : set
        }
        first = false
        // ICU class syntax that this matcher does not model.
        if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "&") || byte >= 0x80 || byte < 0x20 { return nil }
        index += 1
        if byte == UInt8(ascii: "\\") {
          guard index < bytes.count else { return nil }
          let escaped = bytes[index]
          if escaped == UInt8(ascii: "d") || escaped == UInt8(ascii: "w") {
            index += 1
            set.formUnion(escaped == UInt8(ascii: "d") ? .digits : .word)
            continue
          }
          guard let single = parseEscape() else { return nil }
          guard let value = (0..<128).first(where: { single.contains(UInt8($0)) }) else { return nil }
          byte = UInt8(value)
        }
        // A range a-z (a '-' first or last is literal).
        if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "-"), bytes[index + 1] != UInt8(ascii: "]") {
          var upper = bytes[index + 1]
          index += 2
          if upper == UInt8(ascii: "\\") {
            guard let single = parseEscape(), let value = (0..<128).first(where: { single.contains(UInt8($0)) }) else {
              return nil
            }
            upper = UInt8(value)
          }
          guard upper >= byte, upper < 0x80, upper != UInt8(ascii: "[") else { return nil }
          set.insert(byte...upper)
          continue
        }
        set.insert(byte)
      }
      return nil
    }

    mutating func parseQuantifier(_ item: inout Item) -> Bool {
      guard index < bytes.count else { return true }
      switch bytes[index] {
      case UInt8(ascii: "*"): (item.min, item.max) = (0, Int.max)
      case UInt8(ascii: "+"): (item.min, item.max) = (1, Int.max)
      case UInt8(ascii: "?"): (item.min, item.max) = (0, 1)
      case UInt8(ascii: "{"):
        var cursor = index + 1
        func number() -> Int? {
          var value = 0
          var digits = 0
          while cursor < bytes.count, (0x30...0x39).contains(bytes[cursor]), digits < 6 {
            value = value * 10 + Int(bytes[cursor] - 0x30)
            cursor += 1
            digits += 1
          }
          return digits > 0 ? value : nil
        }
        guard let low = number() else { return false }
        var high = low
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: ",") {
          cursor += 1
          high = number() ?? Int.max
        }
        guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "}"), high >= low else { return false }
        (item.min, item.max) = (low, high)
        index = cursor
      default:
        return true
      }
      index += 1
      // Lazy and possessive quantifiers are left to ICU.
      if index < bytes.count, bytes[index] == UInt8(ascii: "?") || bytes[index] == UInt8(ascii: "+") { return false }
      return true
    }
  }
}
