import Testing

@testable import GuideKit

/// `Slug.make` takes a byte path for ASCII headings (issue 15); its answers are those of the
/// character-by-character rule, kept here as the reference.
@Suite struct SlugTests {
  /// The rule before the byte path: lowercased letters, numbers, `-` and `_` kept, a space
  /// becomes `-`, anything else dropped; nothing left is `section`.
  static func referenceSlug(_ text: String) -> String {
    var slug = ""
    for character in text.lowercased() {
      if character.isLetter || character.isNumber || character == "-" || character == "_" {
        slug.append(character)
      } else if character == " " {
        slug.append("-")
      }
    }
    return slug.isEmpty ? "section" : slug
  }

  @Test func knownHeadings() {
    #expect(Slug.make("Create an App Client") == "create-an-app-client")
    #expect(Slug.make("Step 2: Authorise (LWA)") == "step-2-authorise-lwa")
    #expect(Slug.make("snake_case and-dash") == "snake_case-and-dash")
    #expect(Slug.make("!!!") == "section")
    #expect(Slug.make("") == "section")
    #expect(Slug.make("Über Größe") == "über-größe")
  }

  @Test func everyASCIIByteAsTheReference() {
    let all = String(decoding: (0...0x7F).map { UInt8($0) }, as: UTF8.self)
    #expect(Slug.make(all) == Self.referenceSlug(all))
    for byte in UInt8(0)...0x7F {
      let text = "A" + String(decoding: [byte], as: UTF8.self) + "b\r\n9"
      #expect(Slug.make(text) == Self.referenceSlug(text), "byte \(byte)")
    }
  }

  @Test func mixedTextAsTheReference() {
    for text in ["Café au lait", "naïve\u{301} step", "Ｆｕｌｌ width", "tab\there", "٣ digits", "e\u{301}t\u{e9}"] {
      #expect(Slug.make(text) == Self.referenceSlug(text), "\(text.debugDescription)")
    }
  }
}
