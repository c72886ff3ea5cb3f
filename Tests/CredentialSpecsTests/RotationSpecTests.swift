import CredentialSpecs
import OnboardDiagnostics
import Testing

@Suite struct RotationSpecTests {
  @Test func readsRotateEveryAndWarnBefore() throws {
    let (specs, diagnostics) = parseSpecs("secret:\n  rotate-every: 180d\n  warn-before: 13w\n")
    #expect(diagnostics.isEmpty)
    let spec = try #require(specs[key: "secret"])
    #expect(spec.rotateEveryDays == 180)
    #expect(spec.warnBeforeDays == 91)
  }

  @Test(arguments: [
    "rotate-every: 180", "rotate-every: 0d", "rotate-every: six months", "rotate-every: -5d",
    "rotate-every: 99999999d", "rotate-every: 180d\n  warn-before: 180d", "warn-before: 30d",
  ])
  func aBadPeriodIsAnErrorAtItsValue(_ lines: String) throws {
    let (_, diagnostics) = parseSpecs("secret:\n  \(lines)\n")
    #expect(diagnostics.map(\.ruleID) == [CredentialSpecParser.Rule.malformed])
    #expect(diagnostics.first?.severity == .error)
    #expect((diagnostics.first?.location.line ?? 0) > 10)
  }

  @Test func periods() {
    #expect(RotationPeriod.days("1d") == 1)
    #expect(RotationPeriod.days("2w") == 14)
    #expect(RotationPeriod.days("d") == nil)
    #expect(RotationPeriod.days("1.5d") == nil)
    #expect(RotationPeriod.days("١٢d") == nil)
  }
}
