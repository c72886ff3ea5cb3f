import Foundation
import GuideKit
import OnboardDiagnostics
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Issue 13, items 1 and 2: a screenshot must lie inside the guide's folder or a --screenshots
/// folder, and a template set inside templates/, after `..` parts and symbolic links.
@Suite("Safe screenshot and template paths")
struct SafePathTests {
  static func guide(step: String, frontMatter: String = "") -> String {
    """
    ---
    id: example
    title: Example
    version: 1
    \(frontMatter)---

    # Example

    ## <a id="s"></a>Stage

    1. <a id="a"></a>Do the thing.

    \(step)
    """
  }

  @Test("A screenshot outside the allowed folders is an error at its position and is never resolved")
  func outsidePaths() throws {
    let text = Self.guide(
      step: """
           ![Passwords](../../../../../../etc/passwd)

           ![Shadow](/etc/shadow)

           ![Environment](/proc/self/environ)
        """)
    let path = try temporaryGuide(text)
    let result = GuideLoader().load(file: path)
    let findings = result.findings(GuideRules.screenshotOutside)
    #expect(findings.map(\.location) == [13, 15, 17].map { DiagnosticLocation(file: path, line: $0, column: 4) })
    #expect(findings.allSatisfy { $0.severity == .error })
    #expect(findings.first?.message.contains("'../../../../../../etc/passwd'") == true)
    let guide = try #require(result.guide)
    #expect(guide.screenshots.count == 3)
    for screenshot in guide.screenshots {
      #expect(screenshot.resolvedPath == nil, "\(screenshot.path)")
      #expect(screenshot.problem != nil, "\(screenshot.path)")
    }
    // Not also reported as merely missing.
    #expect(result.findings(GuideRules.missingScreenshot).isEmpty)
  }

  @Test("A symbolic link that points out of the guide's folder or a --screenshots folder is refused")
  func symbolicLinks() throws {
    let outside = FileManager.default.temporaryDirectory.appendingPathComponent("onboard-outside-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
    let secret = outside.appendingPathComponent("secret.png").path
    try Data("not yours".utf8).write(to: URL(fileURLWithPath: secret))

    let path = try temporaryGuide(
      Self.guide(
        step: "   ![Linked](images/linked.png)\n\n   ![Fine](images/fine.png)\n\n   ![By name](shots-only.png)\n"),
      extraFiles: ["images/fine.png": "inside"])
    let folder = (path as NSString).deletingLastPathComponent
    #expect(symlink(secret, folder + "/images/linked.png") == 0)
    let shots = folder + "-shots"
    try FileManager.default.createDirectory(atPath: shots, withIntermediateDirectories: true)
    #expect(symlink(secret, shots + "/shots-only.png") == 0)

    let result = GuideLoader(screenshotFolders: [shots]).load(file: path)
    let findings = result.findings(GuideRules.screenshotOutside)
    #expect(findings.map(\.location.line) == [13, 17])
    let guide = try #require(result.guide)
    #expect(guide.screenshot(path: "images/linked.png")?.resolvedPath == nil)
    #expect(guide.screenshot(path: "shots-only.png")?.resolvedPath == nil)
    #expect(guide.screenshot(path: "images/fine.png")?.resolvedPath == folder + "/images/fine.png")

    // A link that stays inside the folder is fine.
    let inside = try temporaryGuide(Self.guide(step: "   ![Alias](images/alias.png)\n"), extraFiles: ["real.png": "x"])
    let insideFolder = (inside as NSString).deletingLastPathComponent
    try FileManager.default.createDirectory(atPath: insideFolder + "/images", withIntermediateDirectories: true)
    #expect(symlink("../real.png", insideFolder + "/images/alias.png") == 0)
    let fine = GuideLoader().load(file: inside)
    #expect(fine.findings(GuideRules.screenshotOutside).isEmpty)
    #expect(fine.guide?.screenshots.first?.resolvedPath == insideFolder + "/images/alias.png")
  }

  @Test("A FIFO named as a screenshot is not read (loading does not block) and is reported")
  func notARegularFile() throws {
    let path = try temporaryGuide(Self.guide(step: "   ![Pipe](images/pipe.png)\n"), extraFiles: ["images/.keep": ""])
    let folder = (path as NSString).deletingLastPathComponent
    #expect(mkfifo(folder + "/images/pipe.png", 0o644) == 0)
    let result = GuideLoader().load(file: path)
    let guide = try #require(result.guide)
    #expect(guide.screenshots.first?.resolvedPath == nil)
    let warning = try #require(result.findings(GuideRules.missingScreenshot).first)
    #expect(warning.message.contains("is not a regular file"))
    #expect(ScreenshotFile.contents(atPath: folder + "/images/pipe.png") == nil)
  }

  @Test("A template set that leads out of templates/ is an error at the value's position")
  func templatePaths() throws {
    let climbing = try temporaryGuide(
      Self.guide(step: "", frontMatter: "templates: ['../../../../../tmp/x/templates/sp-api']\n"))
    let result = GuideLoader().load(file: climbing)
    let finding = try #require(result.findings(GuideRules.templatePathOutside).first)
    #expect(finding.location == DiagnosticLocation(file: climbing, line: 5, column: 13))
    #expect(finding.severity == .error)

    let list = try temporaryGuide(Self.guide(step: "", frontMatter: "templates:\n  - sp-api\n  - /etc\n"))
    #expect(
      GuideLoader().load(file: list).findings(GuideRules.templatePathOutside).map(\.location)
        == [DiagnosticLocation(file: list, line: 7, column: 5)])

    // A symbolic link inside templates/ that points elsewhere.
    let linked = try temporaryGuide(
      Self.guide(step: "", frontMatter: "templates: [evil]\n"), extraFiles: ["templates/.keep": ""])
    let folder = (linked as NSString).deletingLastPathComponent
    let elsewhere = folder + "-elsewhere"
    try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
    #expect(symlink(elsewhere, folder + "/templates/evil") == 0)
    let linkedResult = GuideLoader().load(file: linked)
    #expect(linkedResult.findings(GuideRules.templatePathOutside).map(\.location.line) == [5])
    let guide = try #require(linkedResult.guide)
    #expect(TemplateSetPath.folder(for: guide) == nil)
    if case .outside = TemplateSetPath.locate(name: "evil", guideFolder: folder) {
    } else {
      Issue.record("the linked template set was not refused")
    }

    // A real folder inside templates/ is found.
    try FileManager.default.createDirectory(atPath: folder + "/templates/good", withIntermediateDirectories: true)
    #expect(TemplateSetPath.locate(name: "good", guideFolder: folder) == .found(folder + "/templates/good"))
  }

  @Test("A data table outside the guide's folder is an error at the `data:` value and is never read")
  func dataTableOutside() throws {
    let outside = FileManager.default.temporaryDirectory.appendingPathComponent("onboard-data-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
    let table = outside.appendingPathComponent("table.yml").path
    try Data("US:\n  region: NA\n".utf8).write(to: URL(fileURLWithPath: table))

    for name in ["../../../../../../\(table)", table, "linked.yml"] {
      let path = try temporaryGuide(Self.guide(step: "", frontMatter: "data: \(name)\ndata-key: marketplace\n"))
      let folder = (path as NSString).deletingLastPathComponent
      #expect(symlink(table, folder + "/linked.yml") == 0)
      let result = GuideLoader().load(file: path)
      let findings = result.findings(GuideRules.dataPathOutside)
      #expect(findings.map(\.location) == [DiagnosticLocation(file: path, line: 5, column: 7)], "\(name)")
      #expect(findings.first?.severity == .error)
      #expect(result.guide?.dataTable == nil, "\(name) was read")
      #expect(result.findings(GuideRules.dataTable).isEmpty, "\(name) is not also reported as unreadable")
    }

    // Inside the guide's folder, through a symbolic link that stays inside, it is read.
    let path = try temporaryGuide(
      Self.guide(step: "", frontMatter: "data: inner.yml\ndata-key: marketplace\n"),
      extraFiles: ["tables/real.yml": "US:\n  region: NA\n"])
    let folder = (path as NSString).deletingLastPathComponent
    #expect(symlink(folder + "/tables/real.yml", folder + "/inner.yml") == 0)
    let result = GuideLoader().load(file: path)
    #expect(result.findings(GuideRules.dataPathOutside).isEmpty)
    #expect(result.guide?.dataTable != nil)
  }

}
