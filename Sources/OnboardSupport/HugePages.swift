import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Asks Linux to back the C heap with 2 MB pages ("transparent huge pages") where it grows, so
/// that a run that allocates a lot takes one page fault per 2 MB instead of one per 4 KB, and
/// frees its memory faster when it exits.
///
/// This is what glibc's `glibc.malloc.hugetlb=1` tunable does, done from inside the process
/// (tunables can only be set in the environment before it starts):
/// - the main heap is grown once, by ``mainHeapGrowth``, and that range is advised;
/// - a thread with a heap of its own (glibc gives threads that allocate at once separate heaps,
///   each in an aligned 64 MB reservation) advises its reservation;
/// each when a thread first calls ``adviseThisThreadsHeap()`` (``enable()`` does, for its own),
/// before it allocates much.
///
/// Only where the kernel's policy is `madvise` (with `always` it is done already, with `never`
/// it cannot be) and `malloc` is glibc's own; everywhere else (a sanitizer's allocator, another
/// C library) nothing happens. Advice changes no
/// contents, so a wrong guess costs memory at most, never correctness.
public enum HugePages {
  /// How far the main heap is grown at once (address space only: pages are used when touched).
  static let mainHeapGrowth = 96 << 20
  /// glibc's `HEAP_MAX_SIZE` on 64-bit systems: a thread heap's reservation, aligned to its size.
  static let threadHeapReservation = 64 << 20
  /// `malloc.h`'s `M_TOP_PAD`.
  static let topPadOption: Int32 = -2

  /// Whether ``enable()`` found the kernel's policy to be `madvise`.
  private static let enabled = Atomic<Bool>(false)
  /// Whether ``enable()`` turned the advice on: Linux's policy is `madvise` and `malloc` is
  /// glibc's.
  public static var isActive: Bool { enabled.load(ordering: .acquiring) }

  /// Whether the main heap has been grown and advised.
  private static let mainHeapAdvised = Atomic<Bool>(false)

  /// Turns the advice on and advises the calling thread's heap (the main heap when called on the
  /// main thread, which is where to call it: once, early, before threads that allocate start).
  /// A no-op unless the kernel's policy is `madvise`.
  /// - Returns: the addresses advised for the calling thread, if any (for tests).
  @discardableResult
  public static func enable() -> Range<UInt>? {
    #if canImport(Glibc)
      guard !enabled.load(ordering: .acquiring), policyIsMadvise(), allocatorIsGlibcs() else { return nil }
      typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
      guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return nil }
      let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
      // Each growth of the main heap is then `mainHeapGrowth` more than asked for.
      _ = mallopt(topPadOption, Int32(mainHeapGrowth))
      enabled.store(true, ordering: .releasing)
      return adviseThisThreadsHeap()
    #else
      return nil
    #endif
  }

  /// Advises the heap the calling thread allocates from, once per thread: its own heap's 64 MB
  /// reservation, or (once per process) the main heap, grown first by ``mainHeapGrowth``. A
  /// no-op when ``enable()`` did nothing.
  /// - Returns: the addresses advised, if any (for tests).
  @discardableResult
  public static func adviseThisThreadsHeap() -> Range<UInt>? {
    #if canImport(Glibc)
      guard enabled.load(ordering: .acquiring), pthread_getspecific(threadKey) == nil else { return nil }
      pthread_setspecific(threadKey, UnsafeRawPointer(bitPattern: 1))
      guard let allocate = opaqueMalloc, let probe = allocate(64) else { return nil }
      // glibc marks a block from a thread's own heap in its size word, just before it (bit 2,
      // NON_MAIN_ARENA).
      let ownHeap = (probe - MemoryLayout<UInt>.size).load(as: UInt.self) & 4 != 0
      free(probe)
      if ownHeap {
        let base = UInt(bitPattern: probe) & ~UInt(threadHeapReservation - 1)
        return advise(from: base, to: base + UInt(threadHeapReservation))
      } else if mainHeapAdvised.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing)
        .exchanged
      {
        return growAndAdviseMainHeap(allocate)
      }
      return nil
    #else
      return nil
    #endif
  }

  #if canImport(Glibc)
    /// Grows the main heap now (by taking small blocks, below any mapping threshold, until it
    /// grows, then freeing them: MemoryReuse stops glibc from trimming them off again) and
    /// advises what the blocks took and the new range. (A process that has freed much already
    /// may have room enough: then what the blocks took, where the next allocations come from.)
    private static func growAndAdviseMainHeap(
      _ allocate: @convention(c) (Int) -> UnsafeMutableRawPointer?
    ) -> Range<UInt>? {
      guard let start = sbrk(0) else { return nil }
      var blocks: [UnsafeMutableRawPointer] = []
      blocks.reserveCapacity(256)
      while blocks.count < 256, sbrk(0) == start, let block = allocate(64 << 10) { blocks.append(block) }
      let lowest = blocks.map { UInt(bitPattern: $0) }.min() ?? UInt(bitPattern: start)
      for block in blocks { free(block) }
      guard let end = sbrk(0) else { return nil }
      return advise(from: min(lowest, UInt(bitPattern: start)), to: UInt(bitPattern: end))
    }

    /// Marks the 2 MB-aligned pages in `low..<high` (parts not mapped are skipped by the kernel);
    /// returns the range marked.
    private static func advise(from low: UInt, to high: UInt) -> Range<UInt>? {
      let huge = UInt(2 << 20)
      let first = (low + huge - 1) & ~(huge - 1)
      let last = high & ~(huge - 1)
      guard last > first, let pointer = UnsafeMutableRawPointer(bitPattern: first) else { return nil }
      // MADV_HUGEPAGE. ENOMEM only says part of the range is not mapped; the rest is marked.
      let result = madvise(pointer, Int(last - first), 14)
      return result == 0 || errno == ENOMEM ? first..<last : nil
    }

    /// Whether `malloc` is the C library's own (not a sanitizer's or another allocator's, whose
    /// heaps are laid out differently).
    private static func allocatorIsGlibcs() -> Bool {
      guard let libc = dlopen("libc.so.6", RTLD_NOW | RTLD_NOLOAD) else { return false }
      defer { dlclose(libc) }
      return mallocAddress != 0 && UInt(bitPattern: dlsym(libc, "malloc")) == mallocAddress
    }

    /// Whether `/sys/kernel/mm/transparent_hugepage/enabled` selects `[madvise]`.
    private static func policyIsMadvise() -> Bool {
      guard let file = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r") else { return false }
      defer { fclose(file) }
      var line = [CChar](repeating: 0, count: 128)
      guard fgets(&line, Int32(line.count), file) != nil else { return false }
      let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
      return text.contains("[madvise]")
    }

    /// `malloc`, called through a pointer looked up at run time. The compiler knows what a
    /// direct call to `malloc` returns: it may drop a block that is freed unused, and it takes
    /// reading the allocator's size word just before a block for reading outside it (undefined
    /// behaviour, which it may fold away).
    private static let opaqueMalloc: (@convention(c) (Int) -> UnsafeMutableRawPointer?)? = UnsafeRawPointer(
      bitPattern: mallocAddress
    ).map { unsafeBitCast($0, to: (@convention(c) (Int) -> UnsafeMutableRawPointer?).self) }

    /// The address of the `malloc` the process calls (0 when it cannot be looked up).
    private static let mallocAddress = UInt(bitPattern: dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc"))

    /// Marks the threads that have advised their heap.
    private static let threadKey: pthread_key_t = {
      var key = pthread_key_t()
      pthread_key_create(&key, nil)
      return key
    }()
  #endif
}
