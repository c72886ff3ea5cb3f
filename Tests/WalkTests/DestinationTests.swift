import Foundation
import Testing

@testable import Walk

/// Issue 13, item 6: the walk checks its destination before the first question, and does not
/// lose the typed values when the write still fails at the end.
@Suite struct DestinationTests {
  /// Answer lines that run `action` when the line at `index` is read (to break the destination
  /// while the walk runs).
  final class TriggeredLines: LineSource {
    private let lines: [String]
    private let index: Int
    private let action: () -> Void
    private(set) var consumed = 0

    init(_ lines: [String], at index: Int, action: @escaping () -> Void) {
      self.lines = lines
      self.index = index
      self.action = action
    }

    func nextLine() throws -> String? {
      guard consumed < lines.count else { return nil }
      if consumed == index { action() }
      defer { consumed += 1 }
      return lines[consumed]
    }
  }

  func walk(
    _ source: any LineSource, destination: String, state: String
  ) throws -> (result: Result<WalkResult, any Error>, transcript: Transcript) {
    let setup = try loadSetup()
    let transcript = Transcript()
    let io = LineWalkIO(source: source, write: { transcript.text += $0 })
    let seller = try WalkSeller.fromSettings(germanSeller, guide: setup.guide, layout: setup.layout, io: io)
    let session = try WalkSession(
      setup: setup, seller: seller, io: io, options: WalkOptions(destination: .file(destination)),
      store: WalkProgressStore(root: state), emitEnvironment: { transcript.environment += $0 })
    return (Result { try session.run() }, transcript)
  }

  @Test(arguments: ["file/credentials.yml", "folder", "file/deeper/credentials.yml"])
  func anUnwritableDestinationStopsTheWalkBeforeAnyQuestion(relative: String) throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    try folder.write("file", "not a folder\n")
    try FileManager.default.createDirectory(atPath: folder.file("folder"), withIntermediateDirectories: true)
    let source = ScriptedLines(fileSellerAnswers())
    let run = try walk(source, destination: folder.file(relative), state: folder.file("state"))
    guard case .failure(let error) = run.result, case WalkSession.Failure.fileSystem(let message) = error else {
      Issue.record("expected a file-system failure, got \(run.result)")
      return
    }
    #expect(message.contains(folder.file(relative)), "\(message)")
    #expect(source.consumed == 0)
    #expect(!run.transcript.text.contains("Paste the"))
  }

  @Test func checkingTheDestinationCreatesNothing() throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    try CredentialFileStore.checkWritable(folder.file("new/deeper/credentials.yml"))
    try CredentialFileStore.checkWritable(folder.file("credentials.yml"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    #expect(throws: CredentialFileStore.FileError.self) {
      try CredentialFileStore.checkWritable("/dev/null")
    }
  }

  @Test func aFailedWriteAtTheEndAsksForAnotherPath() throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    // While the refresh token is read, a file takes the place of the destination's folder; the
    // write at step 2.2 fails and asks for another path before 2.2's check.
    var answers = fileSellerAnswers()
    answers.insert(folder.file("other.yml"), at: 9)
    let source = TriggeredLines(answers, at: 7) {
      _ = FileManager.default.createFile(atPath: folder.file("sub"), contents: Data("x".utf8))
    }
    let run = try walk(source, destination: folder.file("sub/credentials.yml"), state: folder.file("state"))
    let result = try run.result.get()
    #expect(result.outcome == .written(path: folder.file("other.yml"), replaced: false))
    #expect(
      run.transcript.text.contains("The credentials were not written: cannot use \(folder.file("sub/credentials.yml"))")
    )
    #expect(try #require(folder.read("other.yml")).contains(Canary.token))
    #expect(!Canary.appears(in: run.transcript.text))
  }

  @Test func aFailedWriteAtTheEndCanPrintTheExportLines() throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    var answers = fileSellerAnswers()
    answers.insert("-", at: 9)
    let source = TriggeredLines(answers, at: 7) {
      _ = FileManager.default.createFile(atPath: folder.file("sub"), contents: Data("x".utf8))
    }
    let run = try walk(source, destination: folder.file("sub/credentials.yml"), state: folder.file("state"))
    #expect(try run.result.get().outcome == .printedEnvironment)
    #expect(run.transcript.environment.contains(Canary.secret))
    #expect(!Canary.appears(in: run.transcript.text))
  }

  @Test func anEmptyAnswerDiscardsTheValuesWithTheReason() throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    var answers = fileSellerAnswers()
    answers.insert("", at: 9)
    let source = TriggeredLines(answers, at: 7) {
      _ = FileManager.default.createFile(atPath: folder.file("sub"), contents: Data("x".utf8))
    }
    let run = try walk(source, destination: folder.file("sub/credentials.yml"), state: folder.file("state"))
    guard case .failure(let error) = run.result, case WalkSession.Failure.fileSystem = error else {
      Issue.record("expected a file-system failure, got \(run.result)")
      return
    }
    #expect(!Canary.appears(in: run.transcript.text + "\(error)"))
  }
}
