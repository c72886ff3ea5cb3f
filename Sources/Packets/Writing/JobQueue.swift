import Foundation
import OnboardDiagnostics

/// A bounded first-in, first-out queue between one producer and several worker threads.
/// `push` waits while the queue is full, so a fast reader never runs ahead of the writers by
/// more than `capacity` packets.
final class JobQueue<Job: Sendable>: @unchecked Sendable {
  private let condition = NSCondition()
  private var jobs: [Job] = []
  private var head = 0
  private var closed = false
  private let capacity: Int

  init(capacity: Int) {
    self.capacity = max(1, capacity)
  }

  /// Adds a job, waiting while the queue is full.
  func push(_ job: Job) {
    condition.lock()
    defer { condition.unlock() }
    while jobs.count - head >= capacity { condition.wait() }
    if head > 64 && head * 2 > jobs.count {
      jobs.removeFirst(head)
      head = 0
    }
    jobs.append(job)
    condition.broadcast()
  }

  /// The next job, waiting while the queue is empty; `nil` once it is closed and empty.
  func pop() -> Job? {
    condition.lock()
    defer { condition.unlock() }
    while jobs.count == head && !closed { condition.wait() }
    guard jobs.count > head else { return nil }
    let job = jobs[head]
    head += 1
    condition.broadcast()
    return job
  }

  /// No more jobs will come.
  func close() {
    condition.lock()
    closed = true
    condition.broadcast()
    condition.unlock()
  }
}

/// The tally of a write pass, shared by the worker threads.
final class WriteOutcome: @unchecked Sendable {
  private let lock = NSLock()
  private var _written = 0
  private var _done = 0
  private var _diagnostics: [Diagnostic] = []
  private var _error: Error?

  func record(_ result: PacketGenerator.PacketResult) {
    lock.lock()
    defer { lock.unlock() }
    _done += 1
    switch result {
    case .written: _written += 1
    case .refused(let diagnostic): _diagnostics.append(diagnostic)
    case .failed(let error): if _error == nil { _error = error }
    case .skipped: break
    }
  }

  var written: Int { lock.withLock { _written } }
  var done: Int { lock.withLock { _done } }
  var diagnostics: [Diagnostic] { lock.withLock { _diagnostics } }
  var error: Error? { lock.withLock { _error } }
  var failed: Bool { lock.withLock { _error != nil } }
}
