import Foundation

/// Runs a job on worker threads for each input the calling thread submits, and hands the
/// results back to the calling thread in submission order.
///
/// The caller keeps at most `window` inputs in flight (``mustTakeBeforeSubmitting``), so memory
/// stays flat however many inputs there are. Each worker thread gets its own job function from
/// `makeJob` (for per-thread state such as a renderer). Submitting, taking and the counters
/// are for the calling thread only.
///
/// Why `@unchecked Sendable` is safe: the state the workers share with the calling thread is
/// touched only while holding its `NSCondition` (`inputs`, `inputHead` and `closed` under
/// `inputCondition`, `results` under `resultCondition`); `submitted` and `taken` are the
/// calling thread's alone; the rest is immutable. (It waits on conditions, which `Locked`
/// cannot do.)
final class OrderedPipeline<Input: Sendable, Output: Sendable>: @unchecked Sendable {
  /// Guards `inputs`, `inputHead` and `closed`; workers wait on it for inputs.
  private let inputCondition = NSCondition()
  private var inputs: [(sequence: Int, input: Input)] = []
  private var inputHead = 0
  private var closed = false
  /// Guards `results`; the calling thread waits on it for the next result.
  private let resultCondition = NSCondition()
  private var results: [Int: Output] = [:]
  private var submitted = 0
  private var taken = 0
  private let window: Int
  private let finished = DispatchGroup()

  /// Starts `workers` threads.
  init(workers: Int, window: Int, makeJob: @escaping @Sendable () -> (Input) -> Output) {
    self.window = max(1, window)
    for _ in 0..<max(1, workers) {
      finished.enter()
      let thread = Thread { [self] in
        let job = makeJob()
        while let (sequence, input) = nextInput() {
          let output = job(input)
          resultCondition.lock()
          results[sequence] = output
          resultCondition.signal()
          resultCondition.unlock()
        }
        finished.leave()
      }
      thread.stackSize = 8 << 20
      thread.start()
    }
  }

  /// Whether the caller must take a result before submitting another input.
  var mustTakeBeforeSubmitting: Bool { submitted - taken >= window }

  /// Hands an input to the workers.
  func submit(_ input: Input) {
    inputCondition.lock()
    if inputHead > 64 && inputHead * 2 > inputs.count {
      inputs.removeFirst(inputHead)
      inputHead = 0
    }
    inputs.append((submitted, input))
    inputCondition.signal()
    inputCondition.unlock()
    submitted += 1
  }

  /// The next result in submission order, waiting for it; `nil` when every result was taken.
  func take() -> Output? {
    guard taken < submitted else { return nil }
    resultCondition.lock()
    defer { resultCondition.unlock() }
    while results[taken] == nil { resultCondition.wait() }
    let output = results.removeValue(forKey: taken)
    taken += 1
    return output
  }

  /// No more inputs: lets the workers finish once the inputs are done, and waits for them.
  /// Results not taken yet stay available to ``take()``.
  func close() {
    inputCondition.lock()
    closed = true
    inputCondition.broadcast()
    inputCondition.unlock()
    finished.wait()
  }

  private func nextInput() -> (Int, Input)? {
    inputCondition.lock()
    defer { inputCondition.unlock() }
    while inputHead == inputs.count && !closed { inputCondition.wait() }
    guard inputHead < inputs.count else { return nil }
    let next = inputs[inputHead]
    inputHead += 1
    return next
  }
}
