/// Suppressions for LeakSanitizer's known false positives on Linux, so that
/// `swift test --sanitize=address` reports real leaks (a missed `cmark_node_free`, say) and
/// nothing else.
///
/// LeakSanitizer cannot follow the tagged pointer from a Swift object to its weak-reference side
/// table (llvm/llvm-project#56751), so every side table, and what only it reaches, looks leaked:
/// `Foundation.Process.run()` and XCTest's runner both create one. LeakSanitizer calls this hook
/// at start-up when the binary is built with the sanitizer; otherwise nothing calls it.
@_cdecl("__lsan_default_suppressions")
public func leakSanitizerDefaultSuppressions() -> UnsafePointer<CChar> {
  let suppressions: StaticString = """
    leak:formWeakReference
    leak:libXCTest.so

    """
  return UnsafeRawPointer(suppressions.utf8Start).assumingMemoryBound(to: CChar.self)
}
