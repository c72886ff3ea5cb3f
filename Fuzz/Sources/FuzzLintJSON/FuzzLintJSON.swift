import FuzzSupport

/// Fuzz target: the JSON credential-file parser and every lint rule (and the fixer's plan).
/// The input is a filled `secret.json`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLintJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  LintFuzzing.run(FuzzEnvironment.bytes(data, size), layout: "json", file: "secret.json")
  return 0
}

@_cdecl("FuzzLintJSON_main")
public func fuzzLintJSONMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
  FuzzEnvironment.run(argc, argv)
}
