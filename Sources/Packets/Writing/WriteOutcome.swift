import Foundation
import OnboardDiagnostics

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
