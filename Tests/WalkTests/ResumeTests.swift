import Foundation
import Testing

@testable import Walk

/// Progress across runs, and the end of input leaving files as they were.
@Suite struct ResumeTests {
  @Test func endOfInputLeavesTheCredentialsFileUnchanged() throws {
    let setup = try loadSetup()
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    let original = "# accounts\nother:   # keep me\n  lwa_app_id: 'x'\n"
    try folder.write("c.yml", original, mode: 0o640)
    // Every prefix of the answers ends the walk at a different prompt before step 2.2, where
    // the values are written (line 9 answers its check, asked after the write).
    let answers = fileSellerAnswers()
    for cut in [0, 4, 5, 7, 8] {
      let run = try runWalk(
        Array(answers.prefix(cut)), setup: setup, destination: .file(folder.file("c.yml")),
        state: folder.file("state-\(cut)"))
      #expect(run.endedEarly, "cut at \(cut)")
      #expect(folder.read("c.yml") == original, "cut at \(cut)")
      #expect(folder.mode("c.yml") == 0o640)
      #expect(!Canary.appears(in: run.transcript.text))
    }
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".tmp-") }
    #expect(leftovers.isEmpty)
    // Ended after step 2.2 (issue 16): the account was written there, beside the other one.
    let late = try runWalk(
      Array(answers.prefix(10)), setup: setup, destination: .file(folder.file("c.yml")), state: folder.file("state-10"))
    #expect(late.endedEarly)
    #expect(try #require(folder.read("c.yml")).hasPrefix(original + "\nshop_de:\n  lwa_app_id: '\(Canary.appID)'"))
    #expect(!Canary.appears(in: late.transcript.text))
  }

  @Test func endOfInputKeepsOnlyStepsConfirmedBeforeIt() throws {
    let setup = try loadSetup()
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    let state = folder.file("state")
    // Two steps confirmed, then the input ends at the first check of step 1.3.
    let first = try runWalk(["y", "y"], setup: setup, destination: .file(folder.file("c.yml")), state: state)
    #expect(first.endedEarly)
    let store = WalkProgressStore(root: state)
    let progress = try #require(try store.load(guide: "sp-api-self-authorisation", seller: "shop-de"))
    #expect(Set(progress.steps.keys) == ["open-develop-apps", "add-app-client"])
    #expect(progress.completed == nil)
    #expect(!FileManager.default.fileExists(atPath: folder.file("c.yml")))
  }

  @Test func resumeSkipsConfirmedStepsAndAsksForValuesAgain() throws {
    let setup = try loadSetup()
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    let state = folder.file("state")
    // First run: steps 1.1 to 1.3 confirmed (values given), then the input ends in step 1.4.
    let first = try runWalk(
      ["y", "y", "y", "y", Canary.appID, Canary.secret], setup: setup, destination: .file(folder.file("c.yml")),
      state: state)
    #expect(first.endedEarly)

    // Second run: 1.1 and 1.2 are skipped; 1.3 asks only for its values, not its checks.
    let second = try runWalk(
      [Canary.appID, Canary.secret, "y", Canary.token, "y", "y", "y"], setup: setup,
      destination: .file(folder.file("c.yml")), state: state)
    let result = try second.result.get()
    #expect(second.linesRead == 7)
    #expect(result.outcome == .written(path: folder.file("c.yml"), replaced: false))
    let text = second.transcript.text
    #expect(text.contains("Resuming: 3 of 7 steps were confirmed earlier and are skipped."))
    #expect(text.contains("Step 1.1 (1 of 7), confirmed earlier: Open Develop Apps."))
    #expect(text.contains("Confirmed earlier. onboard does not keep values between runs"))
    #expect(!text.contains("Check 1 of 2: The **Client identifier**"))
    #expect(try #require(folder.read("c.yml")).contains("refresh_token: '\(Canary.token)'"))

    // Third run: the walk is finished; nothing is asked until --restart.
    let third = try runWalk([], setup: setup, destination: .file(folder.file("c.yml")), state: state)
    guard case .alreadyCompleted = try third.result.get().outcome else {
      Issue.record("expected alreadyCompleted")
      return
    }
    let restarted = try runWalk(
      fileSellerAnswers(), setup: setup, destination: .file(folder.file("c.yml")), state: state, replace: true,
      restart: true)
    #expect(restarted.linesRead == 11)
    #expect(restarted.walkResult?.outcome == .written(path: folder.file("c.yml"), replaced: true))
  }

  @Test func progressNeverHoldsValues() throws {
    let setup = try loadSetup()
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    let state = folder.file("state")
    _ = try runWalk(fileSellerAnswers(), setup: setup, destination: .file(folder.file("c.yml")), state: state)
    let file = WalkProgressStore(root: state).path(guide: "sp-api-self-authorisation", seller: "shop-de")
    let text = try #require(FileManager.default.contents(atPath: file).map { String(decoding: $0, as: UTF8.self) })
    #expect(!Canary.appears(in: text))
    #expect(text.contains("\"completed\""))
    let attributes = try FileManager.default.attributesOfItem(atPath: file)
    #expect(attributes[.posixPermissions] as? Int == 0o600)
  }

  @Test func aStepThatChangedInTheGuideIsWalkedAgain() throws {
    let store = WalkProgressStore(root: "/unused")
    var progress = WalkProgress(guide: "g", guideVersion: "1", seller: "s", account: "a")
    progress.steps["x"] = WalkProgress.ConfirmedStep(confirmed: "2026-01-01T00:00:00Z", digest: "aaaa")
    #expect(progress.isConfirmed("x", digest: "aaaa"))
    #expect(!progress.isConfirmed("x", digest: "bbbb"))
    #expect(!progress.isConfirmed("y", digest: "aaaa"))
    #expect(store.path(guide: "../g", seller: ".hidden/x") == "/unused/_._g/_hidden_x.json")
  }

  @Test func stateFolderComesFromTheEnvironment() {
    #expect(WalkProgressStore.defaultRoot(environment: ["ONBOARD_STATE_DIR": "/s", "HOME": "/h"]) == "/s")
    #expect(WalkProgressStore.defaultRoot(environment: ["XDG_STATE_HOME": "/x", "HOME": "/h"]) == "/x/onboard/walks")
    #expect(WalkProgressStore.defaultRoot(environment: ["HOME": "/h"]) == "/h/.local/state/onboard/walks")
  }
}
