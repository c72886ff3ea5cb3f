import Foundation
import Testing

@testable import Packets

/// The checklist's HTML, CSS and JavaScript live once, in templates/shared/, and both bundled
/// sets use them; a set chooses one credential file with `layout:` (issue 20).
@Suite struct TemplateSetSharingTests {
  static let shared = TestSupport.root + "/templates/shared"

  @Test func bothBundledSetsRenderTheSharedStyleAndScript() throws {
    for set in ["sp-api", "generic"] {
      let folder = TestSupport.root + "/templates/" + set
      let source = TestSupport.text(folder + "/checklist.html.mustache")
      #expect(!source.contains("<style>") && !source.contains("<script>"), "\(set) copies what is shared")
      #expect(source.contains("{{> _checklist-head.html}}") && source.contains("{{> _checklist-body.html}}"))
      let templates = try TemplateSet.load(directory: folder)
      #expect(templates.shapeLibrary != nil, "\(set) is still rendered by shape")
      let output = try #require(templates.outputs.first { $0.fileName == "checklist.html" })
      let html = templates.render(output, context: ["guide": ["title": "T"], "step_count": 0])
      #expect(html.contains("@media print") && html.contains("window.localStorage.setItem"))
      #expect(html.hasPrefix("<!DOCTYPE html>\n") && html.hasSuffix("</body>\n</html>\n"))
      #expect(!templates.outputs.contains { $0.fileName.contains("checklist-") }, "partials write no file")
    }
  }

  @Test func aSetsOwnPartialWinsOverTheSharedOne() throws {
    let folder = try TestSupport.temporaryFolder("own-partial")
    let set = folder + "/mine"
    try FileManager.default.createDirectory(atPath: set, withIntermediateDirectories: true)
    try FileManager.default.createDirectory(atPath: folder + "/shared", withIntermediateDirectories: true)
    try "{{> _a.md}}|{{> _b.md}}\n".write(toFile: set + "/out.md.mustache", atomically: true, encoding: .utf8)
    try "own".write(toFile: set + "/_a.md.mustache", atomically: true, encoding: .utf8)
    try "shared-a".write(toFile: folder + "/shared/_a.md.mustache", atomically: true, encoding: .utf8)
    try "shared-b".write(toFile: folder + "/shared/_b.md.mustache", atomically: true, encoding: .utf8)
    try "not a partial".write(toFile: folder + "/shared/c.md.mustache", atomically: true, encoding: .utf8)
    let templates = try TemplateSet.load(directory: set)
    #expect(templates.outputs.map(\.fileName) == ["out.md"])
    let output = try #require(templates.outputs.first)
    #expect(templates.render(output, context: [:]) == "own|shared-b\n")
  }

  @Test func choosingALayoutKeepsOneCredentialFile() throws {
    let generic = try TemplateSet.load(directory: TestSupport.root + "/templates/generic")
    #expect(
      generic.outputs.map(\.fileName).sorted() == [
        "checklist.html", "checklist.md", "credentials.env", "credentials.yml", "prompts.md",
      ])
    let byDefault = try generic.choosingLayout(nil)
    #expect(
      byDefault.outputs.map(\.fileName).sorted() == ["checklist.html", "checklist.md", "credentials.env", "prompts.md"])
    #expect(byDefault.layout?.files.map(\.name) == ["dotenv"])
    let yaml = try generic.choosingLayout("yaml")
    #expect(yaml.outputs.map(\.fileName).contains("credentials.yml"))
    #expect(!yaml.outputs.map(\.fileName).contains("credentials.env"))
    #expect(throws: TemplateSet.LoadError.self) { try generic.choosingLayout("json") }

    // The sp-api set has no default-layout: it writes every file unless one is chosen.
    let spAPI = try TestSupport.templates()
    #expect(try spAPI.choosingLayout(nil).outputs.count == spAPI.outputs.count)
    let env = try spAPI.choosingLayout("env").outputs.map(\.fileName)
    #expect(env.contains("{{account}}.env") && !env.contains("credentials.yml"))
  }
}
