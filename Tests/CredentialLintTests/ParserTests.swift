import CredentialSpecs
import Testing

@testable import CredentialLint

/// What each parser loads, compared with what the real consumers load (PyYAML, python-dotenv,
/// Python's json); tests/python checks the same against the real libraries.
@Suite struct ParserTests {
  @Test(arguments: [
    ("yes", LoadedType.boolean(true)), ("No", .boolean(false)), ("ON", .boolean(true)), ("off", .boolean(false)),
    ("TRUE", .boolean(true)), ("False", .boolean(false)), ("y", .string), ("nO", .string), ("~", .null),
    ("null", .null), ("NULL", .null), ("", .null), ("0123", .integer), ("0o17", .string), ("0x1F", .integer),
    ("0b101", .integer), ("-12", .integer), ("+1_000", .integer), ("1:20", .integer), ("1:70", .string),
    ("089", .string), ("12e45", .string), ("1.0", .float), ("1.5e+3", .float), ("1.5e3", .string), (".5", .float),
    ("-.inf", .float), (".NaN", .float), ("1:20.5", .float), ("2024-01-02", .timestamp),
    ("2024-1-2 10:00:00", .timestamp), ("2024-01-02T10:00:00Z", .timestamp),
    ("2024-01-02T10:00:00.5+01:00", .timestamp),
    ("2024-01-2", .string), ("<<", .other("a merge key ('<<')")),
    ("=", .other("the YAML 'value' type, which the loader cannot build")),
    ("Atzr|abc", .string), ("amzn1.application-oa2-client.0a", .string), ("0", .integer), ("0.", .float),
    ("1__", .integer), ("0b", .string), ("._1", .string), ("+.5", .string),
  ])
  func implicitTypes(text: String, expected: LoadedType) {
    #expect(YAMLImplicitResolver.resolve(text) == expected, "\(text)")
  }

  /// (line, value python-dotenv 1.2.4 loads, or nil when it sets nothing)
  @Test(arguments: [
    ("K=abc", "abc"), ("K = abc", "abc"), ("export K=abc", "abc"), ("K=abc # comment", "abc"),
    ("K=abc#notcomment", "abc#notcomment"), ("K='a b'", "a b"), ("K=\"a\\nb\"", "a\nb"), ("K='a\\'b'", "a'b"),
    ("K='a\\\\b'", "a\\b"), ("K=\"a\\\"b\"", "a\"b"), ("K=", ""), ("K= # only a comment", ""),
    ("K=#novalue", "#novalue"),
    ("K=abc   ", "abc"), ("K='abc' # c", "abc"), ("'K'=abc", "abc"), ("K=a=b", "a=b"), ("K=Atzr|abc", "Atzr|abc"),
    ("K=\"a\\x\"", "a\\x"), ("K=\"a\\tb\"", "a\tb"),
  ])
  func dotenvValues(line: String, expected: String) throws {
    let parsed = DotenvParser(source: SourceFile(path: ".env", bytes: Array((line + "\n").utf8))).parse()
    #expect(parsed.issues.isEmpty, "\(line)")
    let binding = try #require(parsed.bindings.first)
    #expect(binding.key == "K")
    #expect(binding.value == expected, "\(line)")
  }

  @Test func dotenvLinesThatSetNothing() {
    for line in ["K: v", "K=\"abc", "K='abc", "K=\"a\"b", "=abc"] {
      let parsed = DotenvParser(source: SourceFile(path: ".env", bytes: Array((line + "\nNEXT=1\n").utf8))).parse()
      #expect(parsed.issues.count == 1, "\(line)")
      #expect(parsed.bindings.map(\.key) == ["NEXT"], "\(line) drops only its own line")
    }
    let noEquals = DotenvParser(source: SourceFile(path: ".env", bytes: Array("K\n".utf8))).parse()
    #expect(noEquals.bindings.first?.value == nil)
    // A quote closed on a later line swallows the lines between.
    let spanning = DotenvParser(source: SourceFile(path: ".env", bytes: Array("A=\"x\nB=y\"\nC=z\n".utf8))).parse()
    #expect(spanning.bindings.map(\.key) == ["A", "C"])
    #expect(spanning.bindings.first?.value == "x\nB=y")
    #expect(spanning.bindings.first?.closingLine == 2)
    // A byte-order mark sticks to the first name.
    let bom = DotenvParser(source: SourceFile(path: ".env", bytes: [0xEF, 0xBB, 0xBF] + Array("K=v\n".utf8))).parse()
    #expect(bom.bindings.first?.keyHasBOM == true)
    #expect(bom.bindings.first?.key == "K")
  }

  @Test func strictJSON() {
    func parse(_ text: String) -> StrictJSONParser.Result {
      StrictJSONParser(bytes: Array(text.utf8), start: 0).parse()
    }
    let good = parse("{\"A\": \"x\\u00e9\\ud83d\\ude00\", \"B\": 1.5e3, \"C\": [true, null], \"D\": {\"E\": \"\"}}")
    #expect(good.issue == nil)
    #expect(good.members.map(\.key) == ["A", "B", "C", "D"])
    #expect(good.members[0].value == "xé😀")
    #expect(good.members.map(\.loadedType) == [.string, .float, .list, .mapping])
    for bad in [
      "{\"A\": \"x\",}", "{\"A\": \"x\"} // c", "{'A': 'x'}", "{\"A\": 01}", "{\"A\": NaN}", "{\"A\": \"x\ty\"}",
      "{\"A\": \"\\ud800\"}", "{\"A\": \"x\"", "[1,]", "{\"A\" \"x\"}", "", "{\"A\": \"x\"} {}", "{\"A\": \"\\q\"}",
    ] {
      #expect(parse(bad).issue != nil, "\(bad) is rejected")
    }
    let duplicate = parse("{\"A\": \"1\", \"B\": {\"C\": 1, \"C\": 2}, \"A\": \"2\"}")
    #expect(duplicate.issue == nil)
    #expect(duplicate.duplicates.map(\.key).sorted() == ["A", "C"])
  }

  @Test func yamlValuesAsPyYAMLLoadsThem() throws {
    let text = """
      default:
        client_id: 'it''s'
        client_secret: "a\\tb"
        token: >-
          folded
          text
      shop:
        client_id: plain value   # comment
      """
    let document = demoLinter.parse(
      bytes: Array(text.utf8), file: "credentials.yml",
      layout: try FormatDetector.layout(named: "yaml", in: demoLayout))
    let values = document.entries.map { "\($0.account ?? "-")/\($0.name)=\($0.value)" }
    #expect(
      values == [
        "default/client_id=it's", "default/client_secret=a\tb", "default/token=folded text",
        "shop/client_id=plain value",
      ])
    #expect(document.entries[0].style == .singleQuoted)
    #expect(document.entries[2].style == .folded)
    #expect(document.entries[3].trailingComment != nil)
  }

  @Test func sourceFileLines() {
    let source = SourceFile(path: "f", bytes: Array("a\r\nbé\nc".utf8))
    #expect(source.lineCount == 3)
    #expect(Array(source.lineBytes(1)) == Array("a".utf8))
    #expect(source.position(ofOffset: 5) == (2, 3))
    #expect(source.offset(line: 2, scalarColumn: 3) == 6)
    #expect(source.crlfLines == [1])
    #expect(SourceFile(path: "f", bytes: [0x61, 0xFF]).firstInvalidUTF8Offset == 1)
    #expect(SourceFile(path: "f", bytes: [0xED, 0xA0, 0x80]).firstInvalidUTF8Offset == 0)
  }
}
