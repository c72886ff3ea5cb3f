import OnboardDiagnostics
import Testing

struct EnglishWordingTests {
  @Test func articlesFollowTheSoundNotTheLetter() {
    #expect(EnglishWording.withArticle("LWA client secret") == "an LWA client secret")
    #expect(EnglishWording.withArticle("AWS access key ID") == "an AWS access key ID")
    #expect(EnglishWording.withArticle("IAM role ARN") == "an IAM role ARN")
    #expect(EnglishWording.withArticle("SP-API token") == "an SP-API token")
    #expect(EnglishWording.withArticle("refresh token") == "a refresh token")
    #expect(EnglishWording.withArticle("access key") == "an access key")
    #expect(EnglishWording.withArticle("user name") == "a user name")
    #expect(EnglishWording.withArticle("client ID") == "a client ID")
    #expect(EnglishWording.withArticle("PIN") == "a PIN")
  }

  @Test func countsAgreeWithTheirNoun() {
    #expect(EnglishWording.count(1, "character") == "1 character")
    #expect(EnglishWording.count(0, "character") == "0 characters")
    #expect(EnglishWording.count(2, "byte") == "2 bytes")
  }
}
