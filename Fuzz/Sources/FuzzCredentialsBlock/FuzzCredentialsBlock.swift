import CredentialSpecs
import FuzzSupport
import GuideKit

/// Fuzz target: the credentials block reader. The input is the YAML of a `yaml credentials`
/// block: read directly by CredentialSpecParser (placed at line 12, indented 3, as in a list
/// item), then inside a small guide whose steps produce and consume credentials; every spec
/// read also checks its own example, as the guide rules do.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCredentialsBlock(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let block = FuzzEnvironment.bytes(data, size)
  let text = String(decoding: block, as: UTF8.self)
  let lineCount = Invariants.lineCount(block)
  let position = YAMLPosition(file: "guide.md", text: text, lineOffset: 11, columnOffset: 3)
  let (specs, diagnostics) = CredentialSpecParser.parse(text, position: position)
  Invariants.checkLocations(diagnostics, lineCount: lineCount + 11, context: "credentials block")
  for diagnostic in diagnostics {
    Invariants.require(diagnostic.location.line >= 12, "credentials block: \(diagnostic.ruleID) above the block")
  }
  let validator = ValueValidator(specs: specs)
  for spec in specs.specs {
    if let example = spec.example { _ = validator.check(example, as: spec) }
  }

  let guide = Array(GuideTemplate.head.utf8) + block + Array("\n```\n".utf8)
  let result = GuideLoader().load(bytes: guide, file: FuzzEnvironment.sandboxFolder + "/guide.md")
  Invariants.checkLocations(result.diagnostics, lineCount: Invariants.lineCount(guide), context: "guide with block")
  if let loaded = result.guide {
    _ = JSONGraphRenderer().render(StepGraph(guide: loaded))
  }
  return 0
}

/// A guide whose last element is an open `yaml credentials` fence.
enum GuideTemplate {
  static let head = """
    ---
    id: fuzz
    title: Fuzz
    version: 1
    ---

    # Fuzz

    ## <a id="get"></a>Get the keys

    1. <a id="make"></a>Make a key.

       **Produces:** `app_id`, `secret`

    2. <a id="use"></a>Use it.

       **Consumes:** `app_id`

    ## Credentials

    ```yaml credentials

    """
}

@_cdecl("FuzzCredentialsBlock_main")
public func fuzzCredentialsBlockMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt
{
  FuzzEnvironment.run(argc, argv)
}
