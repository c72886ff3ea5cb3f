import Ccmark

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A bump allocator for one cmark parse: cmark's `calloc` and `realloc` take memory from large
/// chunks, and the chunks are released together when the parse is converted. Every allocation
/// cmark makes is thus freed, in a few `free` calls instead of one per node, and the document is
/// never walked just to be freed. Blocks cmark frees while parsing (its scratch buffers and the
/// old copies of buffers it grows) are kept on per-size free lists and reused, so the arena
/// touches about as much memory as cmark's own allocator would: small blocks in 16-byte size
/// classes, larger ones in power-of-two classes (a growing buffer then stays in place until it
/// outgrows its class). Chunks are not cleared when they are made: each block `calloc` hands out
/// is cleared as it is handed out, so clearing costs what cmark asks for, not whole chunks.
///
/// cmark's allocator has no context argument, so the arena in use is found through a
/// thread-local slot: parses on different threads each use their own.
struct ParseArena {
  /// Each allocation is preceded by a 16-byte header holding its size (for `realloc`).
  private static let header = 16

  private var chunks: [UnsafeMutableRawPointer] = []
  private var next: UnsafeMutableRawPointer?
  private var end: UnsafeMutableRawPointer?
  /// The most recent allocation, which `realloc` can grow in place.
  private var last: UnsafeMutableRawPointer?
  private var chunkSize: Int
  /// Freed blocks by size class (see ``sizeClass(_:)``), linked through their first word.
  private let freeLists: UnsafeMutablePointer<UnsafeMutableRawPointer?>
  private static let sizeClasses = 64 + 1 + Int.bitWidth

  /// A block's size class and the capacity every block of the class has: 16-byte steps up to
  /// 1 KiB, then powers of two.
  @inline(__always)
  static func sizeClass(_ size: Int) -> (index: Int, capacity: Int) {
    if size <= 1024 {
      let capacity = (size + 15) & ~15
      return (capacity / 16, capacity)
    }
    let shift = Int.bitWidth - (size - 1).leadingZeroBitCount
    return (64 + shift - 10, 1 << shift)
  }

  /// Creates an arena whose first chunk suits a source of `sourceSize` bytes.
  init(sourceSize: Int) {
    chunkSize = min(max(64 << 10, sourceSize.nextPowerOfTwo), 8 << 20)
    freeLists = UnsafeMutablePointer<UnsafeMutableRawPointer?>.allocate(capacity: Self.sizeClasses)
    freeLists.initialize(repeating: nil, count: Self.sizeClasses)
  }

  /// Runs `body` with cmark's allocator for this thread set to a fresh arena, then frees the arena.
  static func withArena<Result>(sourceSize: Int, _ body: (UnsafeMutablePointer<cmark_mem>) -> Result) -> Result {
    let arena = UnsafeMutablePointer<ParseArena>.allocate(capacity: 1)
    arena.initialize(to: ParseArena(sourceSize: sourceSize))
    let previous = pthread_getspecific(slot)
    pthread_setspecific(slot, arena)
    defer {
      pthread_setspecific(slot, previous)
      arena.pointee.releaseAll()
      arena.deinitialize(count: 1)
      arena.deallocate()
    }
    var memory = cmark_mem(calloc: arenaCalloc, realloc: arenaRealloc, free: arenaFree)
    return withUnsafeMutablePointer(to: &memory) { body($0) }
  }

  mutating func allocate(_ size: Int, zeroed: Bool) -> UnsafeMutableRawPointer {
    let (index, capacity) = Self.sizeClass(size)
    if capacity > 0, let reused = freeLists[index] {
      freeLists[index] = reused.load(as: UnsafeMutableRawPointer?.self)
      (reused - Self.header).storeBytes(of: size, as: Int.self)
      if zeroed { reused.initializeMemory(as: UInt8.self, repeating: 0, count: size) }
      return reused
    }
    let total = capacity + Self.header
    var block: UnsafeMutableRawPointer
    if let next, let end, next.distance(to: end) >= total {
      block = next
    } else {
      block = addChunk(minimum: total)
    }
    next = block + total
    block.storeBytes(of: size, as: Int.self)
    let payload = block + Self.header
    // Chunks are not cleared when they are made (most of a chunk is text buffers that cmark
    // writes before reading); only what `calloc` hands out is.
    if zeroed { payload.initializeMemory(as: UInt8.self, repeating: 0, count: size) }
    last = payload
    return payload
  }

  mutating func reallocate(_ pointer: UnsafeMutableRawPointer?, _ size: Int) -> UnsafeMutableRawPointer {
    guard let pointer else { return allocate(size, zeroed: false) }
    let oldSize = (pointer - Self.header).load(as: Int.self)
    let oldClass = Self.sizeClass(oldSize)
    let newClass = Self.sizeClass(size)
    if newClass.index == oldClass.index {
      // Same class: the block already has room.
      (pointer - Self.header).storeBytes(of: size, as: Int.self)
      return pointer
    }
    if pointer == last, let end {
      // The newest block: grow (or shrink) it where it is when the chunk has room.
      let newNext = pointer + newClass.capacity
      if newNext <= end {
        (pointer - Self.header).storeBytes(of: size, as: Int.self)
        next = newNext
        return pointer
      }
    }
    let fresh = allocate(size, zeroed: false)
    fresh.copyMemory(from: pointer, byteCount: min(oldSize, size))
    release(pointer)
    return fresh
  }

  /// Takes back a block cmark freed: the newest block is popped, any other goes on the free
  /// list of its size class.
  mutating func release(_ pointer: UnsafeMutableRawPointer) {
    let (index, capacity) = Self.sizeClass((pointer - Self.header).load(as: Int.self))
    if pointer == last {
      next = pointer - Self.header
      last = nil
      return
    }
    guard capacity > 0 else { return }
    pointer.storeBytes(of: freeLists[index], as: UnsafeMutableRawPointer?.self)
    freeLists[index] = pointer
  }

  /// Starts a new chunk and returns its start.
  private mutating func addChunk(minimum: Int) -> UnsafeMutableRawPointer {
    let size = max(chunkSize, minimum)
    // cmark's own allocator aborts when memory runs out; so does this one. `malloc`, not
    // `calloc`: memory the process freed before and gets back is not zero, and clearing a whole
    // chunk costs more than clearing what `calloc` asks for.
    guard let chunk = malloc(size) else { fatalError("onboard: out of memory while parsing Markdown") }
    chunks.append(chunk)
    end = chunk + size
    last = nil
    chunkSize = min(chunkSize * 2, 8 << 20)
    return chunk
  }

  private func releaseAll() {
    for chunk in chunks { free(chunk) }
    freeLists.deallocate()
  }

  /// The thread-local slot that holds the arena of the parse running on the thread.
  fileprivate static let slot: pthread_key_t = {
    var key = pthread_key_t()
    pthread_key_create(&key, nil)
    return key
  }()
}

extension Int {
  /// The smallest power of two not below this number (1 for numbers below 1).
  fileprivate var nextPowerOfTwo: Int {
    guard self > 1 else { return 1 }
    return 1 << (Int.bitWidth - (self - 1).leadingZeroBitCount)
  }
}

private func currentArena() -> UnsafeMutablePointer<ParseArena>? {
  pthread_getspecific(ParseArena.slot)?.assumingMemoryBound(to: ParseArena.self)
}

private let arenaCalloc: @convention(c) (Int, Int) -> UnsafeMutableRawPointer? = { count, size in
  let (total, overflow) = count.multipliedReportingOverflow(by: size)
  guard !overflow, let arena = currentArena() else { fatalError("onboard: cmark allocated outside a parse") }
  return arena.pointee.allocate(total, zeroed: true)
}

private let arenaRealloc: @convention(c) (UnsafeMutableRawPointer?, Int) -> UnsafeMutableRawPointer? = {
  pointer, size in
  guard let arena = currentArena() else { fatalError("onboard: cmark allocated outside a parse") }
  return arena.pointee.reallocate(pointer, size)
}

private let arenaFree: @convention(c) (UnsafeMutableRawPointer?) -> Void = { pointer in
  guard let pointer, let arena = currentArena() else { return }
  arena.pointee.release(pointer)
}
