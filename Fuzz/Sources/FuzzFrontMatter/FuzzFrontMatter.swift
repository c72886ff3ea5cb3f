import FuzzSupport
import GuideKit

/// Fuzz target: the front matter reader. The input is the YAML between the `---` fences of a
/// guide made of front matter only.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFrontMatter(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = Array("---\n".utf8) + FuzzEnvironment.bytes(data, size) + Array("\n---\n".utf8)
  let result = GuideLoader().load(bytes: bytes, file: FuzzEnvironment.sandboxFolder + "/guide.md")
  Invariants.checkLocations(result.diagnostics, lineCount: Invariants.lineCount(bytes), context: "front matter")
  return 0
}

@_cdecl("FuzzFrontMatter_main")
public func fuzzFrontMatterMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
  FuzzEnvironment.run(argc, argv)
}
