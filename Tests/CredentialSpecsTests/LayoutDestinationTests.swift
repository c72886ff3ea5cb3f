import CredentialSpecs
import Testing

/// Issue 16: `destination:`, `credential-sources:` and the `python-dict` kind in layout.yml.
@Suite struct LayoutDestinationTests {
  static let descriptor = """
    service: example
    default-account: default
    files:
      - name: yaml
        kind: accounts-yaml
        file: credentials.yml
        destination: ~/.config/example/credentials.yml
      - name: env
        kind: dotenv
        file: '{{account}}.env'
        destination: '{{account}}.env'
      - name: python
        kind: python-dict
        file: credentials.py
    credential-sources: {file: yaml, env: env, code: python}
    """

  static func parsed(_ text: String) -> Result<ServiceLayout, DiagnosticList> {
    ServiceLayout.parse(text, file: "layout.yml")
  }

  @Test func destinationsAndSourcesAreRead() throws {
    let layout = try Self.parsed(Self.descriptor).get()
    #expect(layout.files.map(\.kind) == [.accountsYAML, .dotenv, .pythonDict])
    #expect(layout.credentialSources == ["file": "yaml", "env": "env", "code": "python"])
    let file = try #require(layout.file(forSource: "file"))
    #expect(layout.destination(file, account: "shop") == "~/.config/example/credentials.yml")
    let env = try #require(layout.file(forSource: "env"))
    #expect(env.kind == .dotenv && layout.destination(env, account: "shop") == "shop.env")
    let code = try #require(layout.file(forSource: "code"))
    // Without destination:, the file name is the destination.
    #expect(code.kind == .pythonDict && layout.destination(code, account: "shop") == "credentials.py")
  }

  @Test func withoutCredentialSourcesEverySourceUsesTheFirstFile() throws {
    let layout = try Self.parsed(
      "service: x\nfiles:\n  - {name: a, kind: accounts-yaml, file: a.yml}\n  - {name: b, kind: dotenv, file: b.env}\n"
    ).get()
    #expect(layout.file(forSource: "env")?.name == "a")
    #expect(layout.file(forSource: "code")?.name == "a")
  }

  @Test func bundledLayoutMapsEachSource() throws {
    let layout = try ServiceLayout.parse(
      try String(contentsOfFile: repositoryRootPath + "/templates/sp-api/layout.yml", encoding: .utf8),
      file: "layout.yml"
    ).get()
    let expected = [
      "file": ("accounts-yaml", "~/.config/python-sp-api/credentials.yml"), "env": ("dotenv", "shop_de.env"),
      "code": ("python-dict", "credentials.py"),
    ]
    for (source, (kind, destination)) in expected {
      let file = try #require(layout.file(forSource: source))
      #expect(file.kind.rawValue == kind, "\(source)")
      #expect(layout.destination(file, account: "shop_de") == destination, "\(source)")
    }
  }

  @Test(
    "unknown keys and wrong credential-sources are errors at their line and column",
    arguments: [
      ("service: x\nfiels: []\nfiles:\n  - {name: a, kind: dotenv, file: a.env}\n", 2, 1, "fiels"),
      (
        "service: x\nfiles:\n  - name: a\n    kind: dotenv\n    file: a.env\n    destiantion: b.env\n", 6, 5,
        "destiantion"
      ),
      ("service: x\nfiles:\n  - {name: a, kind: dotenv, file: a.env}\ncredential-sources: {fiel: a}\n", 4, 22, "fiel"),
      ("service: x\nfiles:\n  - {name: a, kind: dotenv, file: a.env}\ncredential-sources: {env: b}\n", 4, 27, "'b'"),
      (
        "service: x\nfiles:\n  - {name: a, kind: dotenv, file: a.env}\ncredential-sources: [a]\n", 4, 21,
        "credential-sources"
      ),
    ])
  func malformed(text: String, line: Int, column: Int, word: String) {
    guard case .failure(let list) = Self.parsed(text) else {
      Issue.record("expected a failure")
      return
    }
    let first = list.diagnostics.first
    #expect(first?.ruleID == ServiceLayout.malformedRule)
    #expect(first?.location.line == line && first?.location.column == column, "\(String(describing: first))")
    #expect(first?.message.contains(word) == true, "\(String(describing: first?.message))")
  }
}

/// The repository's root, found from this file's path.
private let repositoryRootPath: String = {
  var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
  parts.removeLast(3)
  return parts.joined(separator: "/")
}()
