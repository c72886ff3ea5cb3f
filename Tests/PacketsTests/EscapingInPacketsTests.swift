import Escaping
import Foundation
import GuideKit
import Roster
import Testing
import Yams

@testable import Packets

/// The issue's nasty values, in a roster name, must come out inert and exact in every file.
let nastyNames = [
  "<script>alert(1)</script>", "'; DROP", "\"quoted\"", "line one\nline two", "a # b", "a | b", "${HOME}", "..",
]

@Suite("Escaping in packets")
struct EscapingInPacketsTests {
  func roster(names: [String]) -> String {
    var yaml = ""
    for (index, name) in names.enumerated() {
      yaml += "- id: s\(index)\n  name: \(YAMLEscaper().escape(name))\n  marketplace: DE\n"
      yaml +=
        "  owner: \(YAMLEscaper().escape(name + " <o@example.com>"))\n  credential_source: \(["file", "env", "code"][index % 3])\n"
      yaml += "  team: \(YAMLEscaper().escape(name))\n"
    }
    return yaml
  }

  @Test("A nasty roster name is inert and exact in every file")
  func nastyNamesEverywhere() throws {
    let path = try TestSupport.file(roster(names: nastyNames), named: "nasty.yml")
    let run = try PacketRun()
    let result = try run.run(path)
    #expect(result.written == nastyNames.count)
    for (index, name) in nastyNames.enumerated() {
      let folder = run.out + "/s\(index)"
      let account = "s\(index)"

      // packet.json: exact after JSON decoding.
      let data = try #require(FileManager.default.contents(atPath: folder + "/packet.json"))
      let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
      #expect((json["seller"] as? [String: Any])?["name"] as? String == name)

      // credentials.yml: still the same YAML structure; the name only in a one-line comment.
      let yamlText = TestSupport.text(folder + "/credentials.yml")
      let node = try #require(try Yams.compose(yaml: yamlText))
      #expect(node.mapping?.keys.compactMap(\.string).sorted() == [account, "version"].sorted())
      #expect(node.mapping?[Node(account)]?.mapping?.count == 3)
      #expect(yamlText.contains("# python-amazon-sp-api credentials for \(CommentEscaper().escape(name)) (seller"))

      // .env: every non-comment line is NAME=value.
      for line in TestSupport.text(folder + "/\(account).env").split(separator: "\n") where !line.hasPrefix("#") {
        #expect(line.range(of: "^[A-Za-z_][A-Za-z0-9_]*=''$", options: .regularExpression) != nil, "\(line)")
      }
      // credentials.py: comments stay comments.
      for line in TestSupport.text(folder + "/credentials.py").split(separator: "\n") {
        let trimmed = line.drop { $0 == " " }
        #expect(
          trimmed.hasPrefix("#") || trimmed.hasPrefix("'") || ["credentials = {", "}"].contains(trimmed)
            || trimmed.hasPrefix("account = "), "\(line)")
      }

      // Markdown files: the escaped form, and cmark sees plain text.
      let escapedMarkdown = MarkdownEscaper().escape(name)
      let checklist = TestSupport.text(folder + "/checklist.md")
      #expect(checklist.contains("| Seller | \(escapedMarkdown) |"))
      #expect(TestSupport.text(folder + "/prompts.md").hasPrefix("# Validation prompts: \(escapedMarkdown)\n"))
      #expect(!checklist.contains("<script>"))

      // HTML: entity-escaped, never raw.
      let html = TestSupport.text(folder + "/checklist.html")
      #expect(html.contains("<tr><th>Seller</th><td>\(HTMLEscaper().escape(name))</td></tr>"))
      #expect(!html.contains("<script>alert"))
      #expect(html.components(separatedBy: "<script>").count == 2)
    }
  }

  @Test("Roster values filled into guide text are escaped for Markdown and HTML")
  func filledGuideText() throws {
    let name = "<script>alert(1)</script> *x* [l](javascript:alert(1))"
    let path = try TestSupport.file(
      "- id: s\n  name: \(YAMLEscaper().escape(name))\n  marketplace: US\n", named: "n.yml")
    let run = try PacketRun()
    try run.run(path)
    let html = TestSupport.text(run.out + "/s/checklist.html")
    #expect(!html.contains("<script>alert"))
    #expect(!html.contains("href=\"javascript"))
    #expect(!html.contains("<em>x</em>"))
    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; *x* [l](javascript:alert(1))"))
  }

  @Test("Known credential values with quotes, # and | are exact in credentials.yml")
  func credentialValues() throws {
    let run = try PacketRun()
    let guide = run.guide
    let values = [
      "lwa_app_id": "<script>alert(1)</script>'; DROP", "lwa_client_secret": "\"quoted\" # not a comment | pipe ..",
      "refresh_token": "line one\nline two \\ ${HOME}",
    ]
    let seller = Seller(id: "v", credentialSource: "file", knownCredentials: values, fields: ["marketplace": "US"])
    let plan = try run.generator.plan(seller).get()
    let files = try run.generator.render(plan)
    func text(_ path: String) -> String {
      for file in files where file.path == path {
        if case .bytes(let bytes) = file.content { return String(decoding: bytes, as: UTF8.self) }
      }
      return ""
    }
    let node = try #require(try Yams.compose(yaml: text("credentials.yml")))
    for (key, value) in values {
      #expect(node.mapping?[Node("v")]?.mapping?[Node(key)]?.string == value)
    }
    #expect(guide.credentials[key: "lwa_app_id"] != nil)
  }

  @Test("A known credential value never appears outside the three credential files")
  func canary() throws {
    let secrets = [
      "lwa_app_id": "amzn1.application-oa2-client.cafe0000cafe0000cafe0000cafe0000",
      "lwa_client_secret": "amzn1.oa2-cs.v1." + String(repeating: "c0ffee00", count: 8),
      "refresh_token": "Atzr|CANARYrefreshTOKENvalue_42-zz" + String(repeating: "Ab3_x-Yz9Q", count: 30),
    ]
    var yaml = "- id: canary\n  marketplace: JP\n  credential_source: env\n  credentials:\n"
    for (key, value) in secrets.sorted(by: { $0.key < $1.key }) {
      yaml += "    \(key): \(YAMLEscaper().escape(value))\n"
    }
    yaml += "- id: other\n  marketplace: US\n"
    let path = try TestSupport.file(yaml, named: "canary.yml")
    let run = try PacketRun(embed: true)
    try run.run(path)
    let credentialFiles: Set<String> = ["credentials.yml", "canary.env", "credentials.py"]
    for folder in ["canary", "other"] {
      for file in TestSupport.files(under: run.out + "/" + folder) {
        let text = TestSupport.text(run.out + "/\(folder)/\(file)")
        for value in secrets.values {
          let inCredentialFile = folder == "canary" && credentialFiles.contains(file)
          #expect(text.contains(value) == inCredentialFile, "\(folder)/\(file)")
        }
      }
    }
    // Diagnostics from a row with a bad value and a duplicate never carry the value either.
    let bad = yaml + "- id: canary\n  marketplace: XX\n  credentials:\n    refresh_token: 'Atza|CANARYaccess'\n"
    let badPath = try TestSupport.file(bad, named: "bad.yml")
    let diagnostics = try run.generator.check(roster: badPath).diagnostics
    #expect(diagnostics.count >= 3)
    for diagnostic in diagnostics {
      let text = diagnostic.message + (diagnostic.fix ?? "") + diagnostic.notes.joined()
      #expect(!text.contains("CANARY"))
    }
  }
}
