import Foundation

/// A one-line progress bar on standard error, redrawn at most ten times a second.
/// It draws nothing unless standard error is a terminal. Workers may update it at once: its
/// drawing state is behind a lock (`Locked`).
public final class ProgressBar: Sendable {
  private let total: Int
  private let label: String
  private let enabled: Bool
  /// When the bar was last drawn, and whether it has been drawn at all.
  private let state = Locked<(lastDraw: TimeInterval, drawn: Bool)>((0, false))

  /// Creates a bar for `total` items.
  /// - Parameters:
  ///   - total: how many items there are.
  ///   - label: a word for the items, such as `packets`.
  ///   - terminal: where output goes; the bar draws only on a terminal.
  public init(total: Int, label: String, terminal: Terminal) {
    self.total = total
    self.label = label
    self.enabled = terminal.stderrIsTerminal
  }

  /// Reports that `done` items are finished.
  public func update(_ done: Int) {
    guard enabled else { return }
    state.withLock { state in
      let now = Date().timeIntervalSinceReferenceDate
      guard done >= total || now - state.lastDraw >= 0.1 else { return }
      state.lastDraw = now
      let width = 30
      let fraction = total > 0 ? min(Double(done) / Double(total), 1) : 1
      let filled = Int(fraction * Double(width))
      let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
      StandardError.write("\r[\(bar)] \(done)/\(total) \(label)")
      state.drawn = true
    }
  }

  /// Clears the bar's line.
  public func finish() {
    guard enabled, state.withLock({ $0.drawn }) else { return }
    StandardError.write("\r\u{1B}[K")
  }
}
