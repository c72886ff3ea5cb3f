import FuzzSupport

/// Fuzz target: the YAML credential-file parser and every lint rule (and the fixer's plan).
/// The input is a filled `credentials.yml`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLintYAML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  LintFuzzing.run(FuzzEnvironment.bytes(data, size), layout: "yaml", file: "credentials.yml")
  return 0
}

@_cdecl("FuzzLintYAML_main")
public func fuzzLintYAMLMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
  FuzzEnvironment.run(argc, argv)
}
