import OnboardDiagnostics
import OnboardSupport

/// The tally of a write pass, shared by the worker threads.
final class WriteOutcome: Sendable {
  private struct Tally {
    var written = 0
    var done = 0
    var diagnostics: [Diagnostic] = []
    var error: (any Error)?
  }

  private let tally = Locked(Tally())

  func record(_ result: PacketGenerator.PacketResult) {
    tally.withLock { tally in
      tally.done += 1
      switch result {
      case .written: tally.written += 1
      case .refused(let diagnostic): tally.diagnostics.append(diagnostic)
      case .failed(let error): if tally.error == nil { tally.error = error }
      case .skipped: break
      }
    }
  }

  var written: Int { tally.withLock { $0.written } }
  var done: Int { tally.withLock { $0.done } }
  var diagnostics: [Diagnostic] { tally.withLock { $0.diagnostics } }
  var error: (any Error)? { tally.withLock { $0.error } }
  var failed: Bool { tally.withLock { $0.error != nil } }
}
