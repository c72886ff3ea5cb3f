import Foundation
import Testing

@testable import CredentialSpecs

/// ``CredentialPattern`` matches simple patterns without ICU; it must agree with
/// `NSRegularExpression` on every pattern and value, including the tricky ones.
@Suite struct PatternTests {
  static let patterns = [
    #"^amzn1\.application-oa2-client\.[0-9a-f]{32}$"#, #"^(amzn1\.oa2-cs\.v1\.[0-9a-f]{64}|[0-9a-f]{64})$"#,
    #"^Atzr\|[A-Za-z0-9_-]+$"#, #"^Atza\|"#, #"^Aztr\|"#, #"^(AKIA|ASIA)[A-Z0-9]{16}$"#, #"^[A-Za-z0-9/+]{40}$"#,
    #"^arn:aws:iam::\d{12}:role/[\w+=,.@/-]+$"#, #"^amzn1\.sp\.solution\."#, #"^[0-9a-f]{64}$"#,
    #"^cid\.[0-9a-f]{8}$"#, #"^tk\|[A-Za-z0-9_-]{8,}$"#, #"^app\."#, "abc", "a.c", #"^(?:ab|a)(bc)?c$"#,
    #"x{2,3}y"#, #"^[^a-z]+$"#, "^$", #"(a|)+b"#, #"^\w*$"#, #"^[a\-z]{2}$"#, "^[-a]+$", "^[]a]$",
    // Not simple: ICU handles these (the fast matcher must decline them).
    #"^\s+$"#, #"^a*?b$"#, #"(?i)^abc$"#, #"^\p{L}+$"#, #"\bword\b"#, #"^(a)\1$"#, "^[[:alpha:]]+$",
  ]

  static let values: [String] = {
    var values = [
      "", "a", "abc", "xabcx", "a\nc", "abc\n", "abc\r\n", "abc\r", "abc\n\n",
      "amzn1.application-oa2-client.0123456789abcdef0123456789abcdef",
      "amzn1.application-oa2-client.0123456789abcdef0123456789abcdef\n",
      "amzn1.application-oa2-client.0123456789ABCDEF0123456789abcdef",
      "amzn1.oa2-cs.v1." + String(repeating: "0123456789abcdef", count: 4),
      String(repeating: "0123456789abcdef", count: 4),
      "Atzr|IwEB-_abc", "Atzr|IwEB abc", "Atzr|", "Atza|x", "AKIAABCDEFGHIJKLMNOP", "ASIA0123456789ABCDEF",
      "arn:aws:iam::123456789012:role/Selling-Partner_API", "arn:aws:iam::12345678901:role/x", "amzn1.sp.solution.x",
      "cid.0123abcd", "tk|abcdefgh", "app.x", "abbc", "abc", "ac", "xxy", "xxxxy", "ABC", "abab b", "b", "aab", "_w1",
      "a-", "-a", "]", "a", "é", "cid.0123abcé", "Atzr|IwEB\u{200B}", "abc\u{2028}", "   ", "a\tb", "word", "aa",
    ]
    var generator = SystemRandomNumberGenerator()
    let alphabet = Array("abcxyzAKIS0123456789-_.|:/+=,@\n\r ")
    for _ in 0..<200 {
      let length = Int.random(in: 0...12, using: &generator)
      values.append(String((0..<length).map { _ in alphabet.randomElement(using: &generator) ?? "a" }))
    }
    return values
  }()

  @Test(arguments: patterns)
  func agreesWithNSRegularExpression(pattern: String) throws {
    let fast = try CredentialPattern(pattern)
    let reference = try NSRegularExpression(pattern: pattern)
    for value in Self.values {
      let expected =
        reference.firstMatch(in: value, range: NSRange(value.startIndex..<value.endIndex, in: value)) != nil
      #expect(fast.matches(value) == expected, "\(pattern) on \(value.debugDescription)")
    }
  }

  @Test func simplePatternsTakeTheFastPathAndOthersDoNot() {
    let simpleCount = 24
    for pattern in Self.patterns.prefix(simpleCount) {
      #expect(SimplePattern(pattern) != nil, "\(pattern) is simple")
    }
    for pattern in Self.patterns.dropFirst(simpleCount) {
      #expect(SimplePattern(pattern) == nil, "\(pattern) is left to ICU")
    }
    // Non-ASCII values go to ICU too.
    #expect(SimplePattern("^a$")?.matches("é") == nil)
  }
}
