import Foundation
import OnboardSupport

/// Runs work for many accounts with at most `jobs` at a time, so a service never sees a
/// burst; results come back in the order of the input.
public enum VerificationBatch {
  /// Runs `body` for each item on at most `jobs` threads.
  public static func run<Item: Sendable, Output: Sendable>(
    _ items: [Item], jobs: Int, _ body: @escaping @Sendable (Item) -> Output
  ) -> [Output] {
    guard !items.isEmpty else { return [] }
    let workers = max(1, min(jobs, items.count))
    let next = Locked(0)
    let results = Locked<[Output?]>(Array(repeating: nil, count: items.count))
    let group = DispatchGroup()
    for _ in 0..<workers {
      group.enter()
      // Threads of their own: each blocks while its request is on the wire, and a thread pool
      // sized by the cores (2 here) would send fewer than `jobs` at a time.
      let thread = Thread {
        while true {
          let index = next.withLock { value -> Int in
            defer { value += 1 }
            return value
          }
          guard index < items.count else { break }
          let output = body(items[index])
          results.withLock { $0[index] = output }
        }
        group.leave()
      }
      thread.start()
    }
    group.wait()
    return results.withLock { $0.compactMap { $0 } }
  }
}
