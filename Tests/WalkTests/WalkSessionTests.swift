import Foundation
import GuideKit
import GuideLocating
import Testing
import Yams

@testable import Walk

/// Scripted walks through the line-by-line conversation, on the bundled guide.
@Suite struct WalkSessionTests {
  @Test func rightValuesAreWrittenAsTheSellersAccount() throws {
    let setup = try loadSetup()
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    let run = try runWalk(
      fileSellerAnswers(), setup: setup, destination: .file(folder.file("credentials.yml")), state: folder.file("state")
    )
    let result = try run.result.get()
    #expect(result.outcome == .written(path: folder.file("credentials.yml"), replaced: false))
    #expect(result.lintFindings.isEmpty)
    #expect(run.linesRead == 11)
    let written = try #require(folder.read("credentials.yml"))
    #expect(
      written == """
        shop_de:
          lwa_app_id: '\(Canary.appID)'
          lwa_client_secret: '\(Canary.secret)'
          refresh_token: '\(Canary.token)'

        """)
    #expect(folder.mode("credentials.yml") == 0o600)
    let loaded = try #require(try Yams.load(yaml: written) as? [String: [String: String]])
    #expect(loaded["shop_de"]?["refresh_token"] == Canary.token)
    #expect(!Canary.appears(in: run.transcript.text))
    #expect(run.transcript.text.contains("Step 1.3 (3 of 7): View the LWA credentials"))
    #expect(run.transcript.text.contains("All 7 steps confirmed."))
  }

  @Test func stepsShowNumbersNotesWarningsScreenshotsAndChecks() throws {
    let setup = try loadSetup()
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    let run = try runWalk(
      fileSellerAnswers(), setup: setup, destination: .file(folder.file("c.yml")), state: folder.file("state"))
    let text = run.transcript.text
    #expect(text.contains("== Stage 1: Set up the app in Seller Central =="))
    #expect(text.contains("-- Step 1.4 (4 of 7): Authorise the app and copy the refresh token. [authorise] --"))
    #expect(text.contains("WARNING: This is your only chance to see this token."))
    #expect(text.contains("Note: The App ID column"))
    #expect(text.contains("Compare with the screenshot:"))
    #expect(text.contains("LWA_Credentials.png"))
    #expect(text.contains("Check 2 of 2: The Client secret starts with"))
    // Variables are filled for the seller: the DE row of the data table.
    #expect(text.contains("sellercentral-europe.amazon.com"))
    // Steps for other credential sources are not walked.
    #expect(!text.contains("Set environment variables"))
    // Without a terminal there are no escape sequences at all.
    #expect(!text.contains("\u{1B}"))
  }

  @Test func hyperlinksAreOSC8WhenAsked() throws {
    let setup = try GuideSetup.load(
      guidePath: bundledGuide, templateSet: bundledTemplates, screenshotFolders: ["/work/shared/screenshots"])
    guard setup.guide.screenshots.contains(where: { $0.resolvedPath != nil }) else { return }
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    let run = try runWalk(
      [Canary.appID, Canary.secret, Canary.token], setup: setup, destination: .file(folder.file("c.yml")),
      state: folder.file("state"), acceptChecks: true, hyperlinks: true)
    #expect(
      run.transcript.text.contains(
        "\u{1B}]8;;file:///work/shared/screenshots/App_Overview.png\u{1B}\\App_Overview.png\u{1B}]8;;\u{1B}\\"))
  }

  @Test func textDirectionControlsInRosterTextDoNotReachTheTerminal() throws {
    let setup = try loadSetup()
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    var settings = germanSeller
    settings["name"] = "Shop \u{202E}gnp.exe\u{2066}"
    let run = try runWalk(
      fileSellerAnswers(), setup: setup, settings: settings, destination: .file(folder.file("c.yml")),
      state: folder.file("state"))
    #expect(!run.transcript.text.unicodeScalars.contains { $0.value == 0x202E || $0.value == 0x2066 })
    #expect(run.transcript.text.contains("Shop \\u{202E}gnp.exe\\u{2066}"))
  }

  @Test func wideSpaceInsideAPastedValueIsAskedAgain() throws {
    let setup = try loadSetup()
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    let spaced = String(Canary.secret.prefix(20)) + "\u{3000}" + String(Canary.secret.dropFirst(20))
    let answers = ["y", "y", "y", "y", Canary.appID, spaced, Canary.secret, "y", Canary.token, "y", "y", "y"]
    let run = try runWalk(answers, setup: setup, destination: .file(folder.file("c.yml")), state: folder.file("state"))
    _ = try run.result.get()
    #expect(run.transcript.text.contains("[value/whitespace]") || run.transcript.text.contains("space or line break"))
    #expect(run.linesRead == 12)
  }

  @Test func wrongValueIsAskedAgainWithTheReason() throws {
    let setup = try loadSetup()
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    let appIDInsteadOfClientID = "amzn1.sp.solution.0bf296b5-1111-2222-3333-c0ffee11c0ff"
    let truncatedToken = "Atzr|IwEBCANARYSECRETTOKEN with a space"
    let answers = [
      "y", "y", "y", "y", appIDInsteadOfClientID, Canary.appID, Canary.appID, Canary.secret, "y", truncatedToken,
      Canary.token, "y", "y", "y",
    ]
    let run = try runWalk(answers, setup: setup, destination: .file(folder.file("c.yml")), state: folder.file("state"))
    _ = try run.result.get()
    let text = run.transcript.text
    #expect(text.contains("Not accepted: The value of 'lwa_app_id': this is the app's App ID"))
    // The client identifier pasted as the secret looks like another credential: swapped.
    #expect(text.contains("Not accepted: The value of 'lwa_client_secret' looks like an LWA client identifier"))
    #expect(text.contains("Not accepted: The value of 'refresh_token' has a space or line break inside it."))
    #expect(text.contains("Paste the refresh token (refresh_token) again"))
    #expect(!text.contains(appIDInsteadOfClientID))
    #expect(!text.contains("with a space"))
    #expect(!Canary.appears(in: text))
    let written = try #require(folder.read("c.yml"))
    #expect(written.contains("lwa_app_id: '\(Canary.appID)'"))
    #expect(!written.contains("sp.solution"))
  }

  /// Issue 14: a cut-short refresh token was accepted by the walk.
  @Test func aCutShortTokenIsRefusedByItsLength() throws {
    let setup = try loadSetup()
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    let cutShort = String(Canary.token.prefix(40))
    let answers = [
      "y", "y", "y", "y", Canary.appID, Canary.secret, "y", cutShort, Canary.token, "y", "y", "y",
    ]
    let run = try runWalk(answers, setup: setup, destination: .file(folder.file("c.yml")), state: folder.file("state"))
    _ = try run.result.get()
    let text = run.transcript.text
    #expect(
      text.contains("Not accepted: The value of 'refresh_token' is 40 characters; a refresh token is at least 300"))
    #expect(!Canary.appears(in: text))
    #expect(try #require(folder.read("c.yml")).contains("refresh_token: '\(Canary.token)'"))
  }

  @Test func whitespaceAndQuotesAreTrimmedWithANotice() throws {
    let setup = try loadSetup()
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    let answers = fileSellerAnswers(
      appID: "  \"\(Canary.appID)\"\t", secret: "'\(Canary.secret)'", token: " \(Canary.token)\u{00A0} ")
    let run = try runWalk(answers, setup: setup, destination: .file(folder.file("c.yml")), state: folder.file("state"))
    _ = try run.result.get()
    let text = run.transcript.text
    #expect(text.components(separatedBy: "Note: Removed whitespace or line breaks around the pasted value.").count == 3)
    #expect(text.components(separatedBy: "Note: Removed the quote characters around the pasted value.").count == 3)
    #expect(!Canary.appears(in: text))
    let written = try #require(folder.read("c.yml"))
    let loaded = try #require(try Yams.load(yaml: written) as? [String: [String: String]])
    #expect(
      loaded["shop_de"] == [
        "lwa_app_id": Canary.appID, "lwa_client_secret": Canary.secret, "refresh_token": Canary.token,
      ])
  }

  @Test func checksAreYesNoQuestionsAndNoExplainsAndAsksAgain() throws {
    let setup = try loadSetup()
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    var answers = fileSellerAnswers()
    answers.replaceSubrange(0..<1, with: ["n", "perhaps", "YES"])
    let run = try runWalk(answers, setup: setup, destination: .file(folder.file("c.yml")), state: folder.file("state"))
    _ = try run.result.get()
    let text = run.transcript.text
    #expect(text.contains("Then step 1.1 is not done yet."))
    #expect(text.contains("Answer y (yes) or n (no)."))
    #expect(run.linesRead == 13)
  }

  @Test func yesAcceptsEveryCheck() throws {
    let setup = try loadSetup()
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    let run = try runWalk(
      [Canary.appID, Canary.secret, Canary.token], setup: setup, destination: .file(folder.file("c.yml")),
      state: folder.file("state"), acceptChecks: true)
    _ = try run.result.get()
    #expect(run.linesRead == 3)
    #expect(run.transcript.text.components(separatedBy: "[accepted with --yes]").count == 9)
  }

  @Test func knownRosterValuesAreUsedWithoutAsking() throws {
    let setup = try loadSetup()
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    let seller = try WalkSeller.fromRoster(exampleRoster, id: "north-trail-outfitters", guide: setup.guide)
    let transcript = Transcript()
    let source = ScriptedLines([Canary.secret, Canary.token])
    let io = LineWalkIO(source: source, write: { transcript.text += $0 })
    let session = try WalkSession(
      setup: setup, seller: seller, io: io,
      options: WalkOptions(destination: .file(folder.file("c.yml")), acceptChecks: true),
      store: WalkProgressStore(root: folder.file("state")))
    let result = try session.run()
    #expect(result.outcome == .written(path: folder.file("c.yml"), replaced: false))
    #expect(transcript.text.contains("the roster has it and it passes the checks; using it"))
    #expect(
      try #require(folder.read("c.yml")).hasPrefix(
        "north_trail:\n  lwa_app_id: 'amzn1.application-oa2-client.0123456789abcdef"))
  }

  @Test func declaredVariablesAreAskedForWithoutARoster() throws {
    let setup = try loadSetup()
    let transcript = Transcript()
    let source = ScriptedLines(["", "XX", "jp"])
    let io = LineWalkIO(source: source, write: { transcript.text += $0 })
    let seller = try WalkSeller.fromSettings(["account": "tokyo"], guide: setup.guide, layout: setup.layout, io: io)
    #expect(seller.fields["marketplace"] == "jp")
    #expect(seller.account == "tokyo")
    #expect(seller.id == "tokyo")
    #expect(seller.credentialSource == "file")
    #expect(transcript.text.contains("'XX' is not a row of"))
    #expect(transcript.text.contains("one of: US, CA"))
  }

  @Test func printEnvironmentEmitsExportLinesOnlyThere() throws {
    let setup = try loadSetup()
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    let run = try runWalk(
      [Canary.appID, Canary.secret, Canary.token], setup: setup, destination: .printEnvironment,
      state: folder.file("state"), acceptChecks: true)
    #expect(run.walkResult?.outcome == .printedEnvironment)
    #expect(
      run.transcript.environment == """
        export LWA_APP_ID_shop_de='\(Canary.appID)'
        export LWA_CLIENT_SECRET_shop_de='\(Canary.secret)'
        export SP_API_REFRESH_TOKEN_shop_de='\(Canary.token)'

        """)
    #expect(!Canary.appears(in: run.transcript.text))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["state"])
  }

  @Test func existingAccountIsReplacedOnlyWhenThePersonAgrees() throws {
    let setup = try loadSetup()
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    let original = "# mine\nshop_de:\n  lwa_app_id: 'old'\nother:\n  lwa_app_id: 'x'\n"
    try folder.write("c.yml", original, mode: 0o644)
    let declined = try runWalk(
      ["n"], setup: setup, destination: .file(folder.file("c.yml")), state: folder.file("state"), acceptChecks: true)
    #expect(declined.walkResult?.outcome == .declinedReplace(path: folder.file("c.yml")))
    #expect(declined.walkResult?.hasFailures == true)
    #expect(folder.read("c.yml") == original)
    #expect(declined.transcript.text.contains("already has an account 'shop_de' (line 2)"))

    let agreed = try runWalk(
      ["y", Canary.appID, Canary.secret, Canary.token], setup: setup, destination: .file(folder.file("c.yml")),
      state: folder.file("state"), acceptChecks: true)
    #expect(agreed.walkResult?.outcome == .written(path: folder.file("c.yml"), replaced: true))
    let written = try #require(folder.read("c.yml"))
    #expect(written.hasPrefix("# mine\nshop_de:\n  lwa_app_id: '\(Canary.appID)'\n"))
    #expect(written.hasSuffix("other:\n  lwa_app_id: 'x'\n"))
    #expect(folder.mode("c.yml") == 0o600)
  }

  @Test func fileThatCannotBeEditedStopsTheWalkBeforeAnyQuestion() throws {
    let setup = try loadSetup()
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    let broken = "shop:\n  lwa_app_id: '\(Canary.appID)\nnext: [\n"
    try folder.write("c.yml", broken)
    let run = try runWalk(
      fileSellerAnswers(), setup: setup, destination: .file(folder.file("c.yml")), state: folder.file("state"))
    guard case .failure(let error) = run.result, let failure = error as? WalkSession.Failure else {
      Issue.record("expected a failure")
      return
    }
    #expect(failure.isFinding)
    #expect(failure.description.contains("c.yml:"))
    #expect(!Canary.appears(in: failure.description))
    #expect(run.linesRead == 0)
    #expect(folder.read("c.yml") == broken)
  }
}

/// Issue 14: a value outside a variable's declared `values:` is asked for again.
@Suite struct DeclaredValuesInTheWalkTests {
  @Test func aSetValueOutsideTheDeclaredSetIsAskedAgain() throws {
    let setup = try loadSetup()
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    try folder.write(
      "g.md",
      "---\nid: g\ntitle: G\nversion: 1\nvariables:\n  tier:\n    values: [basic, pro]\n---\n\n# G\n\n## S\n\n1. Do it.\n"
    )
    let guide = try #require(GuideLoader().load(file: folder.file("g.md")).guide)
    let transcript = Transcript()
    let source = ScriptedLines(["premium", "Pro"])
    let io = LineWalkIO(source: source, write: { transcript.text += $0 })
    let seller = try WalkSeller.fromSettings(["tier": "gold"], guide: guide, layout: setup.layout, io: io)
    #expect(seller.fields["tier"] == "Pro")
    #expect(transcript.text.contains("'gold' is not a value of tier"))
    #expect(transcript.text.contains("'premium' is not a value of tier"))
    #expect(transcript.text.contains("one of: basic, pro"))
  }
}
