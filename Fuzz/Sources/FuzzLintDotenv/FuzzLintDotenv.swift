import FuzzSupport

/// Fuzz target: the Dotenv credential-file parser and every lint rule (and the fixer's plan).
/// The input is a filled `shop_de.env`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLintDotenv(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  LintFuzzing.run(FuzzEnvironment.bytes(data, size), layout: "env", file: "shop_de.env")
  return 0
}

@_cdecl("FuzzLintDotenv_main")
public func fuzzLintDotenvMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
  FuzzEnvironment.run(argc, argv)
}
