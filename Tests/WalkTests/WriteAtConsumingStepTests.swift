import Foundation
import PacketPlanning
import Testing

@testable import Walk

/// Issue 16: the walk writes the credentials at the step that consumes them, before that step's
/// checks, in the layout of the seller's credential source, where the step's text says.
@Suite struct WriteAtConsumingStepTests {
  /// Answer lines that record, as each is read, whether `path` exists.
  final class WatchingLines: LineSource {
    private let lines: [String]
    private let path: String
    private(set) var existedAt: [Bool] = []

    init(_ lines: [String], watching path: String) {
      self.lines = lines
      self.path = path
    }

    func nextLine() throws -> String? {
      guard existedAt.count < lines.count else { return nil }
      existedAt.append(FileManager.default.fileExists(atPath: path))
      return lines[existedAt.count - 1]
    }
  }

  /// Walks the bundled guide for a DE seller of `source`, writing to `path`.
  func walk(
    source credentialSource: String, to path: String, named: String? = nil, state: String,
    lines: [String] = fileSellerAnswers(), replace: Bool = false
  ) throws -> (result: Result<WalkResult, any Error>, transcript: Transcript, lines: WatchingLines) {
    let setup = try loadSetup()
    let transcript = Transcript()
    let source = WatchingLines(lines, watching: path)
    let io = LineWalkIO(source: source, write: { transcript.text += $0 })
    var settings = germanSeller
    settings["credential_source"] = credentialSource
    let seller = try WalkSeller.fromSettings(settings, guide: setup.guide, layout: setup.layout, io: io)
    let session = try WalkSession(
      setup: setup, seller: seller, io: io,
      options: WalkOptions(destination: .file(path), replaceExisting: replace, namedDestination: named),
      store: WalkProgressStore(root: state), emitEnvironment: { transcript.environment += $0 })
    return (Result { try session.run() }, transcript, source)
  }

  @Test func aFileSellersValuesAreWrittenBeforeTheCheckThatLooksAtTheFile() throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    let path = folder.file("config/credentials.yml")
    let run = try walk(source: "file", to: path, named: "~/somewhere/credentials.yml", state: folder.file("state"))
    let result = try run.result.get()
    #expect(result.outcome == .written(path: path, replaced: false))
    // Answers: 1.1 y, 1.2 y, 1.3 y y, values, 1.4 y, token, 2.1 y, then 2.2's check (line 10).
    #expect(run.lines.existedAt == [false, false, false, false, false, false, false, false, false, true, true])
    let text = run.transcript.text
    let written = try #require(text.range(of: "Added account 'shop_de' in \(path)"))
    let check = try #require(text.range(of: "Check: ~/somewhere/credentials.yml has a shop_de: section"))
    let step = try #require(text.range(of: "-- Step 2.2"))
    #expect(step.lowerBound < written.lowerBound && written.lowerBound < check.lowerBound)
    // Before any question, the walk says what goes where and when.
    let announced = try #require(text.range(of: "When the walk reaches step 2.2 (Put the credentials in"))
    #expect(announced.lowerBound < (text.range(of: "Check")?.lowerBound ?? text.endIndex))
    #expect(text.contains("written to \(path) (accounts-yaml layout 'yaml') as account 'shop_de'"))
    #expect(try #require(folder.read("config/credentials.yml")).contains("shop_de:\n  lwa_app_id: '\(Canary.appID)'"))
    #expect(folder.mode("config/credentials.yml") == 0o600)
    #expect(!Canary.appears(in: text))
  }

  @Test func anEnvSellerGetsADotenvFileWithSuffixedNames() throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    try folder.write("shop_de.env", "# mine\nOTHER=1\n", mode: 0o644)
    let path = folder.file("shop_de.env")
    let run = try walk(source: "env", to: path, state: folder.file("state"))
    let result = try run.result.get()
    #expect(result.outcome == .written(path: path, replaced: false))
    #expect(result.lintFindings.filter { $0.severity == .error }.isEmpty, "\(result.lintFindings)")
    #expect(
      folder.read("shop_de.env") == """
        # mine
        OTHER=1
        LWA_APP_ID_shop_de='\(Canary.appID)'
        LWA_CLIENT_SECRET_shop_de='\(Canary.secret)'
        SP_API_REFRESH_TOKEN_shop_de='\(Canary.token)'

        """)
    #expect(folder.mode("shop_de.env") == 0o600)
    // Written before step 2.2's check (the env step), which is line 10.
    #expect(run.lines.existedAt.count == 11)
    let text = run.transcript.text
    let written = try #require(text.range(of: "Added account 'shop_de' in \(path)"))
    let step = try #require(text.range(of: "-- Step 2.2"))
    let nextStep = try #require(text.range(of: "-- Step 2.3"))
    #expect(step.lowerBound < written.lowerBound && written.lowerBound < nextStep.lowerBound)
    #expect(!Canary.appears(in: text))
  }

  @Test func anEnvSellersOwnNamesAreReplacedOnlyWithConsent() throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    let before = "LWA_APP_ID_shop_de='amzn1.application-oa2-client.old'\nLWA_APP_ID_other='x'\n"
    try folder.write("shop_de.env", before)
    let declined = try walk(source: "env", to: folder.file("shop_de.env"), state: folder.file("state"), lines: ["n"])
    #expect(try declined.result.get().outcome == .declinedReplace(path: folder.file("shop_de.env")))
    #expect(declined.transcript.text.contains("already has names of the account 'shop_de' (line 1)"))
    #expect(folder.read("shop_de.env") == before)
    let replaced = try walk(
      source: "env", to: folder.file("shop_de.env"), state: folder.file("state2"), replace: true)
    #expect(try replaced.result.get().outcome == .written(path: folder.file("shop_de.env"), replaced: true))
    let after = try #require(folder.read("shop_de.env"))
    #expect(after.hasPrefix("LWA_APP_ID_shop_de='\(Canary.appID)'\nLWA_APP_ID_other='x'\n"))
  }

  @Test func aCodeSellerGetsAPythonDict() throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    let path = folder.file("credentials.py")
    let run = try walk(source: "code", to: path, state: folder.file("state"))
    #expect(try run.result.get().outcome == .written(path: path, replaced: false))
    let written = try #require(folder.read("credentials.py"))
    #expect(
      written.hasSuffix(
        """
        credentials = dict(
            lwa_app_id='\(Canary.appID)',
            lwa_client_secret='\(Canary.secret)',
            refresh_token='\(Canary.token)',
        )

        """))
    #expect(folder.mode("credentials.py") == 0o600)
    #expect(run.transcript.text.contains("Check: Every client your code creates gets"))
    #expect(run.lines.existedAt[9], "written before the code step's check")
    #expect(!Canary.appears(in: run.transcript.text))
  }

  @Test func aResumedWalkWritesAtTheConsumingStepConfirmedEarlier() throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    let path = folder.file("c.yml")
    // Stop after step 2.2's check: the input ends at step 2.3's check.
    let first = try walk(
      source: "file", to: path, state: folder.file("state"), lines: Array(fileSellerAnswers().prefix(10)))
    guard case .failure(let error) = first.result, error as? WalkEnded == .endOfInput else {
      Issue.record("expected the input to end")
      return
    }
    try FileManager.default.removeItem(atPath: path)
    let second = try walk(
      source: "file", to: path, state: folder.file("state"), lines: [Canary.appID, Canary.secret, Canary.token, "y"])
    #expect(try second.result.get().outcome == .written(path: path, replaced: false))
    #expect(second.lines.existedAt == [false, false, false, true])
  }
}

/// Issue 16: `credentials_destination` is filled alike for packets, runbooks and the walk.
@Suite struct CredentialsDestinationVariableTests {
  @Test func eachSourceGetsItsLayoutsDestinationAndWriteOverridesIt() throws {
    let setup = try loadSetup()
    let io = LineWalkIO(source: ScriptedLines([]), write: { _ in })
    var planner = PacketPlanner(guide: setup.guide, layout: setup.layout)
    let expected = [
      "file": "~/.config/python-sp-api/credentials.yml", "env": "shop_de.env", "code": "credentials.py",
    ]
    for (source, destination) in expected {
      var settings = germanSeller
      settings["credential_source"] = source
      let seller = try WalkSeller.fromSettings(settings, guide: setup.guide, layout: setup.layout, io: io)
      let plan = try planner.plan(seller).get()
      #expect(plan.variables["credentials_destination"] == destination, "\(source)")
    }
    planner.credentialsDestination = "/srv/creds.yml"
    let seller = try WalkSeller.fromSettings(germanSeller, guide: setup.guide, layout: setup.layout, io: io)
    let plan = try planner.plan(seller).get()
    #expect(plan.variables["credentials_destination"] == "/srv/creds.yml")
    // The walk shows it filled in: aFileSellersValuesAreWrittenBeforeTheCheckThatLooksAtTheFile.
  }

  @Test func homeIsExpandedOnlyAtTheStart() {
    let environment = ["HOME": "/home/x/"]
    #expect(CredentialDestination.expandingHome("~/.config/a.yml", environment: environment) == "/home/x/.config/a.yml")
    #expect(CredentialDestination.expandingHome("~", environment: environment) == "/home/x/")
    #expect(CredentialDestination.expandingHome("~other/a", environment: environment) == "~other/a")
    #expect(CredentialDestination.expandingHome("a/~/b", environment: environment) == "a/~/b")
    #expect(CredentialDestination.expandingHome("~/a", environment: [:]) == "~/a")
  }
}
