import FuzzSupport

/// Fuzz target: the CSV roster reader (then decoding and validation of every row against the
/// bundled guide, as `onboard packets` does before it writes anything). The input is the file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRosterCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  RosterFuzzing.run(FuzzEnvironment.bytes(data, size), extension: "csv")
  return 0
}

@_cdecl("FuzzRosterCSV_main")
public func fuzzRosterCSVMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
  FuzzEnvironment.run(argc, argv)
}
