import CredentialSpecs
import Foundation
import OnboardSupport
import Testing

@testable import Verification

/// The parts of the verifier that need no server (tests/python/test_verify.py runs it against
/// servers on 127.0.0.1).
@Suite struct CredentialVerifierTests {
  static let spec = VerificationSpec(
    tokenURL: "https://{{auth_host}}/o2/token", clientID: "app", clientSecret: "secret", refreshToken: "token",
    probe: VerificationProbe(url: "{{endpoint}}/sellers/v1/x", tokenHeader: "x-token"))

  @Test func aMissingValueIsNotCheckedAndNothingIsSent() {
    let result = CredentialVerifier(spec: Self.spec).verify(values: ["app": "a", "secret": ""])
    #expect(result.outcome == .notChecked)
    #expect(result.ruleID == VerificationRules.missingCredential)
    #expect(result.suspected == ["secret", "token"])
    #expect(result.attempts == 0)
  }

  @Test func addressesAreFilledFromTheVariablesAndChecked() {
    let verifier = CredentialVerifier(spec: Self.spec)
    #expect(
      verifier.address(Self.spec.tokenURL, variables: ["auth_host": "auth.example.com"], what: "t")
        == .success("https://auth.example.com/o2/token"))
    // A variable that leads to plain http elsewhere is refused after filling.
    guard
      case .failure(let problem) = verifier.address(
        "{{endpoint}}/x", variables: ["endpoint": "http://evil.example"], what: "the probe")
    else {
      Issue.record("plain http to another host was accepted")
      return
    }
    #expect(problem.words.contains("loopback"))
    guard case .failure(let missing) = verifier.address("{{endpoint}}/x", variables: [:], what: "the probe") else {
      Issue.record("an unfilled address was accepted")
      return
    }
    #expect(missing.words.contains("--api-endpoint"))
  }

  @Test func theApiEndpointReplacesTheOrigin() {
    let verifier = CredentialVerifier(spec: Self.spec)
    #expect(
      verifier.address("{{endpoint}}/sellers", variables: [:], what: "p", origin: "http://127.0.0.1:9/")
        == .success("http://127.0.0.1:9/sellers"))
    #expect(
      verifier.address("https://api.example.com/a?b", variables: [:], what: "p", origin: "http://localhost:8")
        == .success("http://localhost:8/a?b"))
  }

  @Test func aTokenURLThatMayNotBeUsedIsNotChecked() {
    let options = VerificationOptions(tokenURL: "http://10.1.2.3/token")
    let result = CredentialVerifier(spec: Self.spec, options: options).verify(
      values: ["app": "a", "secret": "s", "token": "t"])
    #expect(result.outcome == .notChecked)
    #expect(result.stage == .setup)
    #expect(result.summary.contains("cannot be used"))
  }

  /// The HTTP client in a Swift test: a loopback port with nothing listening is "could not be
  /// reached", not a wrong credential, and is not retried.
  @Test func nothingListeningIsNotCheckedAndNotRetried() throws {
    #if canImport(Glibc)
      let stream = Int32(SOCK_STREAM.rawValue)
    #else
      let stream = SOCK_STREAM
    #endif
    let listener = socket(AF_INET, stream, 0)
    defer { close(listener) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    // Bind an ephemeral port without listening on it: connections to it are refused.
    let bound = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(listener, $0, length) == 0 && getsockname(listener, $0, &length) == 0
      }
    }
    try #require(bound)
    let port = UInt16(bigEndian: address.sin_port)
    let options = VerificationOptions(timeout: 5, tokenURL: "http://127.0.0.1:\(port)/token")
    let result = CredentialVerifier(spec: Self.spec, options: options).verify(
      values: ["app": "a", "secret": "s", "token": "t"])
    #expect(result.outcome == .notChecked)
    #expect(result.stage == .token)
    #expect(result.attempts == 1)
    #expect(result.summary.contains("could not be reached"), "\(result.summary)")
    #expect(result.verdicts.values.allSatisfy { $0 == .unknown })
  }

  @Test func theFormEscapesEveryReservedByte() {
    #expect(
      CredentialVerifier.formEncoded([("a", "Atzr|x+y z&=%"), ("b", "é")]) == "a=Atzr%7Cx%2By%20z%26%3D%25&b=%C3%A9")
  }

  @Test func onlyLowerCaseCodesAreCodes() {
    #expect(CredentialVerifier.isErrorCode("invalid_grant"))
    #expect(!CredentialVerifier.isErrorCode("amzn1.oa2-cs.v1.abc"))
    #expect(!CredentialVerifier.isErrorCode(""))
  }

  @Test func aBatchKeepsTheOrderAndTheBound() {
    let open = Locked((now: 0, most: 0))
    let results = VerificationBatch.run(Array(0..<40), jobs: 3) { item -> Int in
      open.withLock {
        $0.now += 1
        $0.most = max($0.most, $0.now)
      }
      Thread.sleep(forTimeInterval: 0.01)
      open.withLock { $0.now -= 1 }
      return item * 2
    }
    #expect(results == Array(0..<40).map { $0 * 2 })
    let most = open.withLock { $0.most }
    #expect(most <= 3 && most >= 2)
  }
}
