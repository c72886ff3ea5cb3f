import OnboardSupport

#if canImport(Glibc)
  import Glibc
#endif

/// Keeps memory the process frees for its own later allocations, instead of handing it back to
/// the system and faulting fresh zeroed pages in again.
///
/// A large guide's cmark parse allocates tens of megabytes that are freed as soon as the tree is
/// copied, and the reader then allocates about as much again. With glibc's defaults, large blocks
/// are mapped and unmapped one by one, and the heap's top is trimmed: every page the reader
/// touches is a new page fault (about a fifth of `onboard graph`'s time on a 5 MB guide). `graph`
/// and `check` read guides once and exit, so they keep what they free. Commands that stream
/// (`packets` over a roster of any size) do not: kept and fragmented heaps made their peak memory
/// grow with the roster (39.5 MB for 10,000 sellers, 54.6 MB for 100,000). A no-op where the C
/// library has no `mallopt` (it is looked up at run time: Swift's Glibc module does not export
/// `malloc.h`).
enum MemoryReuse {
  /// `malloc.h`'s `M_TRIM_THRESHOLD` and `M_MMAP_THRESHOLD`.
  static let trimThreshold: Int32 = -1
  static let mappingThreshold: Int32 = -3
  /// glibc's largest allowed mapping threshold (half its 64 MB per-thread heap).
  static let largestMappingThreshold: Int32 = 32 << 20

  /// Sets glibc's allocator to serve blocks up to 32 MB from its heaps and never to trim them,
  /// and asks for 2 MB pages in the heaps (``HugePages``).
  static func enable() {
    #if canImport(Glibc)
      typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
      guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
      let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
      _ = mallopt(mappingThreshold, largestMappingThreshold)
      _ = mallopt(trimThreshold, Int32.max)
      HugePages.enable()
    #endif
  }
}
