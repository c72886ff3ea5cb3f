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

  /// Whether the mapping at the start of an advised range has the `hg` flag.
  static func marked(_ range: Range<UInt>) -> Bool {
    let found = flags(containing: range.lowerBound)
    return !found.isEmpty && found.allSatisfy { $0.contains(" hg") }
  }

  @Test func advisesTheHeapsThreadsAllocateFrom() throws {
    let calling = HugePages.enable()
    #expect(HugePages.enable() == nil, "once is enough; a second call changes nothing")
    guard HugePages.isActive else {
      // Off where the kernel decides alone, or under a sanitizer's allocator; the calls must
      // still be harmless.
      #expect(!Self.policyIsMadvise || !Self.allocatorIsGlibcs)
      #expect(calling == nil && HugePages.adviseThisThreadsHeap() == nil)
      return
    }
    if let calling { #expect(Self.marked(calling), "the calling thread's heap: \(calling)") }
    #expect(HugePages.adviseThisThreadsHeap() == nil, "once per thread")

    // A thread of its own advises its heap (or the main heap, when it allocates from it and no
    // thread has advised that yet).
    final class Result: @unchecked Sendable {
      var range: Range<UInt>?
      var again: Range<UInt>?
    }
    let result = Result()
    let thread = Thread {
      result.range = HugePages.adviseThisThreadsHeap()
      result.again = HugePages.adviseThisThreadsHeap()
    }
    thread.start()
    while !thread.isFinished { usleep(1000) }
    #expect(result.again == nil)
    #expect(calling != nil || result.range != nil, "something was advised")
    if let range = result.range { #expect(Self.marked(range), "the new thread's heap: \(range)") }
  }
}
