import Testing

@testable import Verification

@Suite struct ServerTextRedactorTests {
  static let secret = "amzn1.oa2-cs.v1.deadbeefdeadbeefdeadbeef"
  static let app = "amzn1.application-oa2-client.c0ffee11"

  @Test func removesEveryValueWholeAndInPart() throws {
    let redactor = ServerTextRedactor(secrets: [Self.secret, Self.app, "short"])
    let text = try #require(
      redactor.redact("Client \(Self.secret) failed; id=\(Self.app) part deadbeefdead, short\nnew line"))
    #expect(!text.contains("deadbeef"))
    #expect(!text.contains("c0ffee11"))
    #expect(!text.contains("short"))
    #expect(!text.contains("\n"))
    #expect(text.hasPrefix("Client [value removed] failed;"))
  }

  @Test func keepsPlainWordsAndCutsLongText() throws {
    let redactor = ServerTextRedactor(secrets: [Self.secret])
    #expect(redactor.redact("Client authentication failed") == "Client authentication failed")
    let long = try #require(redactor.redact(String(repeating: "word ", count: 100)))
    #expect(long.count <= 201)
    #expect(redactor.redact("   \n ") == nil)
    #expect(redactor.redact("token Atza|IwEBIAbcdefghijklmnop") == "token [long text removed]")
  }
}
