import Foundation
import GuideKit
import PacketPlanning

@testable import Runbook

/// Fixtures for the runbook tests: a small guide written to a temporary folder (with one
/// screenshot present and one absent), rosters, and nasty values.
enum RunbookFixtures {
  /// The repository root (three levels above this file).
  static let root: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
  }()

  /// A recognisable fake secret that must never appear in a runbook. It has the format of the
  /// fixture guide's `api_key`, so the roster validator accepts it.
  static let canary = "k-canary7f3e9b21c0de"

  /// Roster values that are dangerous in some output; each must come out inert and exact.
  static let nastyValues = [
    "<script>alert(1)</script>", "'; DROP", "\"quoted\"", "first\nsecond", "# not a heading", "a | b",
    "${HOME}", "..",
  ]

  /// One name holding every nasty value.
  static let nastyName = nastyValues.joined(separator: " ")

  /// A 1×1 PNG.
  static let pngBytes: [UInt8] = Array(
    Data(
      base64Encoded:
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")
      ?? Data())

  static let guideText = """
    ---
    id: test-guide
    title: Shop onboarding
    version: 2.1
    variables:
      shop_url: the shop's web address
      motto: the seller's motto
    ---

    # Shop onboarding

    This runbook onboards {{name}}.

    ## <a id="setup"></a>Set up the shop

    1. <a id="open"></a>Open the shop for {{name}}.

       Visit [the shop]({{shop_url}}) and type `{{motto}}` in the box.

       ![The shop front](images/front.png)

       **Check:** The page greets {{name}}.

       > **Warning:** Never tell anyone {{motto}}.

    2. <a id="get-key"></a>Get the key.

       Copy the key from the settings page.

       **Produces:** `api_key`

       ![The key page](images/missing.png)

       **Check:** The key starts with `k-`.

    ## <a id="use"></a>Use the key

    1. <a id="file-step"></a>Put the key in a file.

       **When:** credential_source == "file"

       **Consumes:** `api_key`

       Write it to `{{account}}.key`.

    2. <a id="env-step"></a>Put the key in the environment.

       **When:** credential_source == "env"

       **Consumes:** `api_key`

       Export `API_KEY_{{account}}`.

       > **Note:** Use a shell profile.

    ## Credentials

    ```yaml credentials
    api_key:
      title: API key
      env: API_KEY
      required: true
      secret: true
      pattern: '^k-[a-z0-9]+$'
    ```

    """

  /// Writes the guide (and `images/front.png`) to a fresh folder and loads it.
  static func guide() throws -> Guide {
    let folder = try temporaryFolder("guide")
    try FileManager.default.createDirectory(atPath: folder + "/images", withIntermediateDirectories: true)
    _ = FileManager.default.createFile(atPath: folder + "/images/front.png", contents: Data(pngBytes))
    let path = folder + "/shop.md"
    try guideText.write(toFile: path, atomically: true, encoding: .utf8)
    let result = GuideLoader().load(file: path)
    guard let guide = result.guide, !result.diagnostics.contains(where: { $0.severity == .error }) else {
      throw Failure("the fixture guide did not load: \(result.diagnostics.map { "\($0.location) \($0.message)" })")
    }
    return guide
  }

  /// The bundled guide, with /work/shared screenshots when they exist.
  static func bundledGuide() throws -> Guide {
    let shared = root + "/../shared/screenshots"
    let result = GuideLoader(screenshotFolders: [shared]).load(file: root + "/guides/sp-api-self-authorisation.md")
    guard let guide = result.guide else { throw Failure("the bundled guide did not load") }
    return guide
  }

  /// A YAML roster with one nasty seller (known key: the canary) and one plain seller.
  static func roster(source: String = "file") throws -> String {
    func quoted(_ value: String) -> String {
      "\""
        + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        .replacingOccurrences(of: "\n", with: "\\n") + "\""
    }
    let text = """
      - id: nasty
        name: \(quoted(nastyName))
        owner: \(quoted("Ann <ann@example.com>"))
        credential_source: \(source)
        shop_url: \(quoted("https://shop.example.com/?q=<b>&x=\"y\""))
        motto: \(quoted("`${HOME}` | <i>#1</i>"))
        api_key: \(canary)
      - id: plain
        name: Plain Shop
        credential_source: env
        shop_url: https://plain.example.com
        motto: hello

      """
    let folder = try temporaryFolder("roster")
    let path = folder + "/roster.yml"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  /// The plan of one roster seller.
  static func plan(_ id: String, source: String = "file") throws -> (Guide, PacketPlan) {
    let guide = try guide()
    switch try SellerRunbookPlanner(guide: guide).plan(sellerID: id, roster: try roster(source: source)) {
    case .planned(let plan): return (guide, plan)
    case .problems(let diagnostics): throw Failure("planning failed: \(diagnostics.map(\.message))")
    case .notFound: throw Failure("no seller \(id)")
    }
  }

  static let date = RunbookDate("2025-03-31") ?? RunbookDate.today()

  static func temporaryFolder(_ name: String) throws -> String {
    let path = NSTemporaryDirectory() + "onboard-runbook-tests-\(name)-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  /// How many times `needle` occurs in `text`.
  static func count(_ needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
  }

  struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
  }
}
