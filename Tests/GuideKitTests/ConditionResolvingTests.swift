import Testing

@testable import GuideKit

/// A generic runbook knows only `output`; `Condition.resolving` puts it in and keeps the rest.
@Suite struct ConditionResolvingTests {
  let known = ["output": "runbook"]

  @Test func aComparisonOfAKnownVariableIsDecided() {
    #expect(Condition.equals(variable: "output", value: "Runbook").resolving(known) == .decided(true))
    #expect(Condition.equals(variable: "output", value: "packet").resolving(known) == .decided(false))
    #expect(Condition.isIn(variable: "output", values: ["walk", "packet"]).resolving(known) == .decided(false))
    #expect(Condition.notEquals(variable: "output", value: "walk").resolving(known) == .decided(true))
  }

  @Test func anUnknownVariableStaysOpen() {
    let source = Condition.equals(variable: "credential_source", value: "file")
    #expect(source.resolving(known) == .open(source))
    #expect(Condition.and(.equals(variable: "output", value: "runbook"), source).resolving(known) == .open(source))
    #expect(Condition.and(.equals(variable: "output", value: "packet"), source).resolving(known) == .decided(false))
    #expect(Condition.or(.equals(variable: "output", value: "runbook"), source).resolving(known) == .decided(true))
    #expect(Condition.or(source, .equals(variable: "output", value: "walk")).resolving(known) == .open(source))
    #expect(Condition.not(source).resolving(known) == .open(.not(source)))
    #expect(Condition.not(.equals(variable: "output", value: "walk")).resolving(known) == .decided(true))
  }

  @Test func outputIsAStandardVariableWithFixedValues() {
    #expect(StandardVariables.names.contains("output"))
    #expect(StandardVariables.fixedValues["output"] == ["packet", "runbook", "walk"])
  }
}
