import Foundation
import Testing

@testable import Walk

/// The walk's event hook (``WalkSession/events``), which the command connects to the ledger:
/// each step confirmed once, in order; the values once, when they are written or printed.
@Suite struct WalkEventTests {
  /// Runs a scripted walk and collects what it reported.
  func walk(
    _ lines: [String], destination: WalkOptions.Destination, state: String, acceptChecks: Bool = false
  ) throws -> (events: [WalkEvent], ended: Bool) {
    let setup = try loadSetup()
    let io = LineWalkIO(source: ScriptedLines(lines), write: { _ in })
    let seller = try WalkSeller.fromSettings(germanSeller, guide: setup.guide, layout: setup.layout, io: io)
    let session = try WalkSession(
      setup: setup, seller: seller, io: io, options: WalkOptions(destination: destination, acceptChecks: acceptChecks),
      store: WalkProgressStore(root: state), emitEnvironment: { _ in })
    var events: [WalkEvent] = []
    session.events = { events.append($0) }
    do {
      _ = try session.run()
      return (events, false)
    } catch WalkEnded.endOfInput {
      return (events, true)
    }
  }

  static func steps(_ events: [WalkEvent]) -> [String] {
    events.compactMap { if case .stepConfirmed(let step) = $0 { return step } else { return nil } }
  }

  static let allSteps = [
    "open-develop-apps", "add-app-client", "lwa-credentials", "authorise", "install", "credentials-file", "verify",
  ]

  @Test func eachStepOnceInOrderAndTheValuesWhenWritten() throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    let run = try walk(fileSellerAnswers(), destination: .file(folder.file("c.yml")), state: folder.file("state"))
    #expect(!run.ended)
    #expect(Self.steps(run.events) == Self.allSteps)
    let delivered = run.events.enumerated().compactMap { index, event -> (Int, [WalkEvent.CollectedValue], String?)? in
      if case .credentialsDelivered(let values, let file) = event { return (index, values, file) }
      return nil
    }
    #expect(delivered.count == 1)
    let (position, values, file) = try #require(delivered.first)
    #expect(file == folder.file("c.yml"))
    #expect(values.map(\.key) == ["lwa_app_id", "lwa_client_secret", "refresh_token"])
    #expect(values.map(\.value) == [Canary.appID, Canary.secret, Canary.token])
    // Written at the consuming step, before it is confirmed.
    #expect(Self.steps(Array(run.events.prefix(position))) == Array(Self.allSteps.prefix(5)))
  }

  @Test func printedValuesHaveNoFileAndAResumedWalkReportsOnlyNewSteps() throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    let state = folder.file("state")
    let first = try walk(["y", "y"], destination: .printEnvironment, state: state)
    #expect(first.ended)
    #expect(Self.steps(first.events) == Array(Self.allSteps.prefix(2)))
    let second = try walk(
      [Canary.appID, Canary.secret, Canary.token], destination: .printEnvironment, state: state, acceptChecks: true)
    #expect(!second.ended)
    #expect(Self.steps(second.events) == Array(Self.allSteps.dropFirst(2)))
    let files = second.events.compactMap { event -> String?? in
      if case .credentialsDelivered(_, let file) = event { return .some(file) }
      return nil
    }
    #expect(files.count == 1 && files.first == .some(nil))
  }

  @Test func aCollectedValuePrintsItsKeyAndLengthOnly() {
    let collected = WalkEvent.CollectedValue(key: "lwa_client_secret", value: Canary.secret)
    var dumped = ""
    dump(collected, to: &dumped)
    for text in [
      "\(collected)", String(reflecting: collected), dumped,
      "\(WalkEvent.credentialsDelivered([collected], file: nil))",
    ] {
      #expect(!Canary.appears(in: text), "\(text)")
    }
    #expect("\(collected)" == "lwa_client_secret (\(Canary.secret.count) characters)")
  }
}
