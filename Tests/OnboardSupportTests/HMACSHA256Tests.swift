import OnboardSupport
import Testing

@Suite struct HMACSHA256Tests {
  /// RFC 4231, test case 2.
  @Test func matchesTheRFCVector() {
    #expect(
      HMACSHA256.hexMAC(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))
        == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
  }

  @Test func anEmptyKeyAndMessageWork() {
    #expect(
      HMACSHA256.hexMAC(key: [], message: [])
        == "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad")
  }
}
