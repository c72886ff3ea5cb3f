import Foundation
import GuideLocating
import Testing

@testable import Walk

/// The repository's root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent().path

/// The bundled guide and its template set.
let bundledGuide = repositoryRoot + "/guides/sp-api-self-authorisation.md"
let bundledTemplates = repositoryRoot + "/templates/sp-api"
let exampleRoster = repositoryRoot + "/examples/sellers.yml"

/// Fake, format-valid credential values that are easy to spot in any output (canaries).
enum Canary {
  static let appID = "amzn1.application-oa2-client.c0ffee11c0ffee11c0ffee11c0ffee11"
  static let secret = "amzn1.oa2-cs.v1." + String(repeating: "deadbeef", count: 8)
  /// As long as a real refresh token (the guide's min-length is 300).
  static let token =
    "Atzr|IwEBCANARYSECRETTOKEN-0123456789_abcdefghijklmnopqrstuvwxyz" + String(repeating: "Ab3_x-Yz9Q", count: 25)
  static let all = [appID, secret, token]
  /// Distinctive pieces: none may appear in output either.
  static let fragments = ["c0ffee11c0ffee11", "deadbeefdeadbeef", "CANARYSECRETTOKEN"]

  /// Whether `text` shows any canary, whole or in part.
  static func appears(in text: String) -> Bool {
    (all + fragments).contains { text.contains($0) }
  }
}

/// A format-valid refresh token of a realistic length (the guide's min-length is 300), told apart
/// by `tag`.
func longToken(_ tag: String) -> String {
  "Atzr|IwEB" + tag + String(repeating: "Qz7_k-Lm2P", count: 30)
}

/// The guide set up once per test (loading is fast, and the value is immutable).
func loadSetup() throws -> GuideSetup {
  try GuideSetup.load(guidePath: bundledGuide, templateSet: bundledTemplates)
}

/// A fresh temporary folder, removed by the caller with `cleanUp`.
struct TemporaryFolder {
  let path: String

  init() throws {
    path = FileManager.default.temporaryDirectory.appendingPathComponent("walk-tests-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

  func write(_ name: String, _ text: String, mode: Int = 0o600) throws {
    let target = file(name)
    try Data(text.utf8).write(to: URL(fileURLWithPath: target))
    try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: target)
  }

  func read(_ name: String) -> String? {
    FileManager.default.contents(atPath: file(name)).map { String(decoding: $0, as: UTF8.self) }
  }

  func mode(_ name: String) -> Int? {
    (try? FileManager.default.attributesOfItem(atPath: file(name)))?[.posixPermissions] as? Int
  }

  func cleanUp() {
    try? FileManager.default.removeItem(atPath: path)
  }
}

/// Everything a scripted walk printed.
final class Transcript {
  var text = ""
  var environment = ""
}

/// The outcome of a scripted walk: its result or error, the transcript, the lines it read.
struct ScriptedRun {
  var result: Result<WalkResult, any Error>
  var transcript: Transcript
  var linesRead: Int

  var walkResult: WalkResult? { try? result.get() }
  var endedEarly: Bool {
    if case .failure(let error) = result, let ended = error as? WalkEnded { return ended == .endOfInput }
    return false
  }
}

/// Answers for a seller whose credentials go into a file (7 steps, 8 checks), in order.
func fileSellerAnswers(appID: String = Canary.appID, secret: String = Canary.secret, token: String = Canary.token)
  -> [String]
{
  ["y", "y", "y", "y", appID, secret, "y", token, "y", "y", "y"]
}

/// Settings for a generic seller (no roster) in the DE marketplace that keeps credentials in a file.
let germanSeller = ["id": "shop-de", "account": "shop_de", "marketplace": "DE", "credential_source": "file"]

/// Runs a walk with scripted answers through ``LineWalkIO``.
func runWalk(
  _ lines: [String], setup: GuideSetup, settings: [String: String] = germanSeller,
  destination: WalkOptions.Destination, state: String, acceptChecks: Bool = false, replace: Bool = false,
  restart: Bool = false, hyperlinks: Bool = false
) throws -> ScriptedRun {
  let transcript = Transcript()
  let source = ScriptedLines(lines)
  let io = LineWalkIO(source: source, write: { transcript.text += $0 })
  let seller = try WalkSeller.fromSettings(settings, guide: setup.guide, layout: setup.layout, io: io)
  let session = try WalkSession(
    setup: setup, seller: seller, io: io,
    options: WalkOptions(
      destination: destination, acceptChecks: acceptChecks, replaceExisting: replace, restart: restart,
      hyperlinks: hyperlinks),
    store: WalkProgressStore(root: state), emitEnvironment: { transcript.environment += $0 })
  let result = Result { try session.run() }
  return ScriptedRun(result: result, transcript: transcript, linesRead: source.consumed)
}

/// A file the way `onboard packets` writes a seller's credentials.yml, filled in by the seller.
func returnedFile(
  account: String, appID: String = Canary.appID, secret: String = Canary.secret, token: String = Canary.token
)
  -> String
{
  """
  # python-amazon-sp-api credentials for \(account)
  # Use it with: Client(account='\(account)', ...)
  version: '1.0'

  \(account):
    # LWA client identifier
    lwa_app_id: '\(appID)'
    # LWA client secret
    lwa_client_secret: '\(secret)'
    # refresh token
    refresh_token: '\(token)'

  """
}
