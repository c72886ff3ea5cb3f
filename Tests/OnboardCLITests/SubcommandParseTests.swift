import Testing

/// `onboard <command> …` is parsed by the named command alone when that parse accepts it
/// (issue 15: the parse from the root reflects over every command's options). Whatever that
/// parse does not accept goes to the root parse, so help and usage errors read as before.
@Suite struct SubcommandParseTests {
  @Test func helpOfACommandNamesTheRoot() throws {
    let output = try OnboardProcess.run(["check", "--help"])
    #expect(output.status == 0)
    #expect(output.stdout.contains("USAGE: onboard check"))
  }

  @Test func anUnknownOptionIsTheRootsUsageError() throws {
    let output = try OnboardProcess.run(["lint", "--no-such-option", "x.yml"])
    #expect(output.status == 2)
    #expect(output.stderr.contains("Unknown option '--no-such-option'"))
    #expect(output.stderr.contains("onboard lint"))
  }

  @Test func theVersionFlagAfterACommandIsTheRoots() throws {
    let whole = try OnboardProcess.run(["--version"])
    let output = try OnboardProcess.run(["check", "--version"])
    #expect(output.status == 0)
    #expect(output.stdout == whole.stdout)
  }

  @Test func aCommandWithSubcommandsStillParses() throws {
    let output = try OnboardProcess.run(["credentials", "merge", "--help"])
    #expect(output.status == 0)
    #expect(output.stdout.contains("onboard credentials merge"))
  }
}
