/// Small pieces of English for messages: the article before a noun, and a count with its noun.
public enum EnglishWording {
  /// Letters whose names start with a vowel sound when an acronym is spelt out (an LWA, an AWS
  /// key, an SP-API, an MWS, an HTTP, an X.509).
  private static let vowelSoundingLetters: Set<Character> = [
    "A", "E", "F", "H", "I", "L", "M", "N", "O", "R", "S", "X",
  ]

  /// `noun` with `a` or `an` before it: "an LWA client secret", "an access key", "a refresh token".
  public static func withArticle(_ noun: String) -> String {
    "\(article(for: noun)) \(noun)"
  }

  /// `a` or `an` for `noun`. An acronym (a first word of two or more capitals) is read letter by
  /// letter; other words by their first letter (a, e, i, o and u take `an`, except the `u` and
  /// `one` that sound like "you" and "won").
  public static func article(for noun: String) -> String {
    let firstWord = noun.prefix { $0.isLetter || $0.isNumber }
    guard let first = firstWord.first else { return "a" }
    let capitals = firstWord.prefix { $0.isUppercase }
    if capitals.count >= 2 || (firstWord.count == 1 && first.isUppercase) {
      return vowelSoundingLetters.contains(first) ? "an" : "a"
    }
    let lower = firstWord.lowercased()
    for sayYou in ["uni", "use", "usu", "one", "eu"] where lower.hasPrefix(sayYou) { return "a" }
    return "aeiou".contains(lower.first ?? "x") ? "an" : "a"
  }

  /// "1 character", "2 characters": `count` and the noun, plural unless the count is one.
  public static func count(_ count: Int, _ singular: String, plural: String? = nil) -> String {
    "\(count) \(count == 1 ? singular : (plural ?? singular + "s"))"
  }
}
