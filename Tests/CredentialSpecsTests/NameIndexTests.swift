import Testing

@testable import CredentialSpecs

/// The did-you-mean index (issue 15) answers exactly as the plain comparison of every candidate,
/// which is kept here as the reference: the code before the index.
@Suite struct NameIndexTests {
  /// The suggester before `NameIndex`: every candidate, sorted, compared character by character.
  static func referenceSuggest(_ name: String, among candidates: [String]) -> String? {
    let lowered = name.lowercased()
    var best: (candidate: String, distance: Int)?
    for candidate in candidates.sorted() where candidate != name {
      var distance = NameSuggester.editDistance(lowered, candidate.lowercased())
      if lowered == candidate.lowercased() { distance = 1 }
      let limit = name.count > 7 ? 2 : (name.count > 3 ? 1 : 0)
      guard distance <= limit else { continue }
      if best == nil || distance < best?.distance ?? Int.max { best = (candidate, distance) }
    }
    return best?.candidate
  }

  /// A small deterministic generator (SplitMix64), so a failure can be reproduced.
  struct Generator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  /// Letters that stress the rules: ASCII of both cases, separators, non-ASCII letters whose
  /// lowercase differs, a combining accent and CR LF (one character of two bytes).
  static let alphabet: [String] = [
    "a", "b", "c", "d", "e", "s", "t", "A", "B", "S", "-", "_", "1", "2", "é", "É", "ß", "İ",
    "\u{301}", "\r\n", "Σ", "ς",
  ]

  static func randomName(_ generator: inout Generator, asciiOnly: Bool) -> String {
    let letters = asciiOnly ? Array(alphabet.prefix(13)) : alphabet
    let length = Int.random(in: 0...12, using: &generator)
    return (0..<length).map { _ in letters.randomElement(using: &generator) ?? "a" }.joined()
  }

  /// A name near `base`: one or two random edits, a case change, or none.
  static func mutate(_ base: String, _ generator: inout Generator) -> String {
    var characters = Array(base)
    for _ in 0..<Int.random(in: 0...2, using: &generator) {
      switch Int.random(in: 0...4, using: &generator) {
      case 0 where !characters.isEmpty:
        characters.remove(at: Int.random(in: 0..<characters.count, using: &generator))
      case 1:
        let letter = Character(alphabet.randomElement(using: &generator) ?? "a")
        characters.insert(letter, at: Int.random(in: 0...characters.count, using: &generator))
      case 2 where characters.count > 1:
        let index = Int.random(in: 0..<(characters.count - 1), using: &generator)
        characters.swapAt(index, index + 1)
      case 3 where !characters.isEmpty:
        let index = Int.random(in: 0..<characters.count, using: &generator)
        characters[index] = Character(alphabet.randomElement(using: &generator) ?? "a")
      default:
        characters = Array(String(characters).uppercased())
      }
    }
    return String(characters)
  }

  @Test func indexAgreesWithTheReferenceOnManyInputs() {
    var generator = Generator(state: 15)
    var compared = 0
    var suggested = 0
    for round in 0..<400 {
      let asciiOnly = round % 2 == 0
      let candidates = (0..<Int.random(in: 0...40, using: &generator)).map { _ in
        Self.randomName(&generator, asciiOnly: asciiOnly)
      }
      let index = NameIndex(candidates)
      for _ in 0..<25 {
        let name =
          candidates.isEmpty || Bool.random(using: &generator)
          ? Self.randomName(&generator, asciiOnly: asciiOnly)
          : Self.mutate(candidates.randomElement(using: &generator) ?? "", &generator)
        let expected = Self.referenceSuggest(name, among: candidates)
        #expect(index.suggest(name) == expected, "name \(name.debugDescription) among \(candidates)")
        #expect(NameSuggester.suggest(name, among: candidates) == expected)
        compared += 1
        if expected != nil { suggested += 1 }
      }
    }
    // The inputs must exercise suggestions, not only misses.
    #expect(compared == 10_000)
    #expect(suggested > 1_000)
  }

  @Test func indexAgreesOnGuideShapedIds() {
    let ids = (1...150).map { "step-\($0)" } + (1...20).map { "stage-\($0)-setup" } + ["Configure", "seller-central"]
    let index = NameIndex(ids)
    let names =
      (1...150).map { "missing-anchor-\($0)" } + ["step-1000", "stpe-12", "Stage-3-setup", "configure", "step-12"]
    for name in names {
      #expect(index.suggest(name) == Self.referenceSuggest(name, among: ids), "\(name)")
    }
    #expect(index.suggest("stpe-12") == "step-12")
    #expect(index.suggest("configure") == "Configure")
    #expect(index.suggest("missing-anchor-3") == nil)
  }
}
