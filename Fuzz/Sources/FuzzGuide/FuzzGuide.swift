import FuzzSupport
import GuideKit

/// Fuzz target: the guide parser and graph builder. The input is a whole guide file: it is
/// loaded with the real builder (cmark, front matter, credentials block, every guide rule), and
/// a guide that loads becomes a step graph rendered as JSON (which must parse), DOT and Mermaid.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGuide(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = FuzzEnvironment.bytes(data, size)
  let result = GuideLoader().load(bytes: bytes, file: FuzzEnvironment.sandboxFolder + "/guide.md")
  Invariants.checkLocations(result.diagnostics, lineCount: Invariants.lineCount(bytes), context: "guide")
  guard let guide = result.guide else { return 0 }
  let graph = StepGraph(guide: guide)
  Invariants.checkJSON(JSONGraphRenderer().render(graph), context: "graph json")
  _ = DOTGraphRenderer().render(graph)
  _ = MermaidGraphRenderer().render(graph)
  return 0
}

@_cdecl("FuzzGuide_main")
public func fuzzGuideMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
  FuzzEnvironment.run(argc, argv)
}
