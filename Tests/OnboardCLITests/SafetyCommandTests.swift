import Foundation
import Testing

/// Issue 13 item 1 and issue 14's missing screenshots, run as a user would.
@Suite struct SafetyCommandTests {
  static let guide = OnboardProcess.repositoryRoot + "/guides/sp-api-self-authorisation.md"
  static let roster = OnboardProcess.repositoryRoot + "/examples/sellers.yml"

  /// The 1-based number of the first line of `file` that contains `text`.
  static func line(containing text: String, in file: String) throws -> Int {
    let lines = try String(contentsOfFile: file, encoding: .utf8).split(
      separator: "\n", omittingEmptySubsequences: false)
    return (lines.firstIndex { $0.contains(text) } ?? -1) + 1
  }

  /// A copy of the bundled guide whose first two screenshots name files outside its folder.
  func hostileGuide() throws -> String {
    let folder = try OnboardProcess.temporaryFolder()
    var text = try String(contentsOfFile: Self.guide, encoding: .utf8)
    text = text.replacingOccurrences(of: "images/App_Overview.png", with: "../../../../../../../../etc/passwd")
    text = text.replacingOccurrences(of: "images/Create_App.png", with: "/proc/self/environ")
    try text.write(toFile: folder + "/guide.md", atomically: true, encoding: .utf8)
    try FileManager.default.copyItem(
      atPath: OnboardProcess.repositoryRoot + "/guides/marketplaces.yml", toPath: folder + "/marketplaces.yml")
    return folder + "/guide.md"
  }

  @Test func screenshotsOutsideTheGuideAreCheckErrorsAndNeverCopied() throws {
    let guide = try hostileGuide()
    let check = try OnboardProcess.run(["check", guide])
    #expect(check.status == 1)
    let passwdLine = try Self.line(containing: "../../../../../../../../etc/passwd", in: guide)
    let environLine = try Self.line(containing: "/proc/self/environ", in: guide)
    #expect(
      check.stdout.contains(
        "\(guide):\(passwdLine):4: error: The screenshot '../../../../../../../../etc/passwd' is not read"))
    #expect(check.stdout.contains("\(guide):\(environLine):4: error: The screenshot '/proc/self/environ' is not read"))
    #expect(check.stdout.contains("[guide/screenshot-outside]"))

    let out = try OnboardProcess.temporaryFolder()
    let packets = try OnboardProcess.run([
      "packets", guide, "--roster", Self.roster, "--out", out, "--embed-screenshots",
    ])
    #expect(packets.status == 1)
    #expect(packets.stderr.contains("[guide/screenshot-outside]"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: out).isEmpty)

    let runbook = try OnboardProcess.run(["runbook", guide, "--format", "html", "-o", out + "/runbook.html"])
    #expect(runbook.status == 1)
    #expect(!FileManager.default.fileExists(atPath: out + "/runbook.html"))
  }

  @Test func missingScreenshotsAreWarnedOncePerFile() throws {
    let out = try OnboardProcess.temporaryFolder()
    let packets = try OnboardProcess.run(["packets", Self.guide, "--roster", Self.roster, "--out", out + "/packets"])
    #expect(packets.status == 0, "\(packets.stderr)")
    let warnings = packets.stderr.split(separator: "\n").filter { $0.contains("[guide/missing-screenshot]") }
    let overviewLine = try Self.line(containing: "images/App_Overview.png", in: Self.guide)
    #expect(warnings.count == 4, "\(packets.stderr)")
    #expect(
      warnings.contains {
        $0.contains(
          "sp-api-self-authorisation.md:\(overviewLine):4: warning: The screenshot 'images/App_Overview.png' was not found"
        )
      })
    let checklist = try String(contentsOfFile: out + "/packets/thames_tea/checklist.md", encoding: .utf8)
    #expect(checklist.contains("**Screenshot not found:** App\\_Overview.png"))

    let quiet = try OnboardProcess.run([
      "packets", Self.guide, "--roster", Self.roster, "--out", out + "/quiet", "--quiet",
    ])
    #expect(!quiet.stderr.contains("[guide/missing-screenshot]"))

    let runbook = try OnboardProcess.run(["runbook", Self.guide, "--format", "md", "-o", out + "/runbook.md"])
    #expect(runbook.status == 0, "\(runbook.stderr)")
    #expect(runbook.stderr.split(separator: "\n").filter { $0.contains("[guide/missing-screenshot]") }.count == 4)
    let markdown = try String(contentsOfFile: out + "/runbook.md", encoding: .utf8)
    #expect(markdown.contains("**Screenshot not found:**"))
  }

  @Test func aKilledRunsTemporaryFolderIsRemovedAndNoted() throws {
    let out = try OnboardProcess.temporaryFolder()
    let gone = Process()
    gone.executableURL = URL(fileURLWithPath: "/bin/true")
    try gone.run()
    gone.waitUntilExit()
    let leftover = out + "/.onboard-tmp-thames_tea-\(gone.processIdentifier)-1"
    try FileManager.default.createDirectory(atPath: leftover, withIntermediateDirectories: true)
    try "lwa_client_secret: 'x'".write(toFile: leftover + "/credentials.yml", atomically: true, encoding: .utf8)
    let run = try OnboardProcess.run(["packets", Self.guide, "--roster", Self.roster, "--out", out])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(!FileManager.default.fileExists(atPath: leftover))
    #expect(run.stderr.contains("note: removed \(out)/.onboard-tmp-thames_tea-\(gone.processIdentifier)-1"))
  }

  @Test func packetsHelpListsTheLeftoverCleanUp() throws {
    let help = try OnboardProcess.run(["packets", "--help"])
    #expect(help.stdout.contains(".onboard-tmp-<id>-<pid>-<n>/"))
  }
}
