import Foundation
import OnboardSupport
import Testing

/// `HugePages` asks the kernel for 2 MB pages in the heaps, where its policy is `madvise`; the
/// advice shows in `/proc/self/smaps` as the `hg` flag of the mappings.
@Suite struct HugePagesTests {
  /// The `VmFlags` of the mapping that holds `address`, or of the `[heap]` mapping when
  /// `address` is `nil`.
  static func flags(containing address: UInt? = nil) -> [String] {
    // Read to the end: `String(contentsOfFile:)` stops after the first page of a /proc file.
    guard let data = FileHandle(forReadingAtPath: "/proc/self/smaps")?.readDataToEndOfFile() else { return [] }
    let smaps = String(decoding: data, as: UTF8.self)
    var result: [String] = []
    var inside = false
    for line in smaps.split(separator: "\n") {
      let fields = line.split(separator: " ", omittingEmptySubsequences: true)
      if let range = fields.first, range.contains("-"), !range.hasSuffix(":") {
        let bounds = range.split(separator: "-").compactMap { UInt($0, radix: 16) }
        if let address {
          inside = bounds.count == 2 && bounds[0] <= address && address < bounds[1]
        } else {
          inside = fields.last == "[heap]"
        }
      } else if inside, line.hasPrefix("VmFlags:") {
        result.append(String(line))
      }
    }
    return result
  }

  static var policyIsMadvise: Bool {
    let policy = (try? String(contentsOfFile: "/sys/kernel/mm/transparent_hugepage/enabled", encoding: .utf8)) ?? ""
    return policy.contains("[madvise]")
  }

  /// Whether `malloc` is glibc's (not a sanitizer's).
  static var allocatorIsGlibcs: Bool {
    guard let libc = dlopen("libc.so.6", RTLD_NOW | RTLD_NOLOAD) else { return false }
    defer { dlclose(libc) }
    return dlsym(libc, "malloc") == dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc")
  }

  /// Whether the heap a block at `address` came from is advised: its own mapping when it is a
  /// thread's heap, some part of `[heap]` when it is the main heap (whose older part, below
  /// what was grown, is not).
  static func advised(_ address: UInt) -> Bool {
    let own = flags(containing: address)
    if !own.isEmpty, own.allSatisfy({ $0.contains(" hg") }) { return true }
    return flags().contains { $0.contains(" hg") }
  }

  /// Allocates a block where the calling thread allocates, and returns its address.
  static func blockAddress() -> UInt {
    let block = UnsafeMutableRawPointer.allocate(byteCount: 4096, alignment: 16)
    defer { block.deallocate() }
    return UInt(bitPattern: block)
  }

  @Test func advisesTheHeapsThreadsAllocateFrom() throws {
    HugePages.enable()
    HugePages.enable()  // once is enough; a second call changes nothing
    guard HugePages.isActive else {
      // Off where the kernel decides alone, or under a sanitizer's allocator; the calls must
      // still be harmless.
      #expect(!Self.policyIsMadvise || !Self.allocatorIsGlibcs)
      HugePages.adviseThisThreadsHeap()
      return
    }
    #expect(Self.advised(Self.blockAddress()), "the calling thread's heap is advised")

    // A thread of its own: it advises its heap, then allocates from it.
    final class Result: @unchecked Sendable { var address: UInt = 0 }
    let result = Result()
    let thread = Thread {
      HugePages.adviseThisThreadsHeap()
      HugePages.adviseThisThreadsHeap()
      result.address = Self.blockAddress()
    }
    thread.start()
    while !thread.isFinished { usleep(1000) }
    #expect(result.address != 0)
    #expect(Self.advised(result.address), "the new thread's heap is advised")
  }
}
