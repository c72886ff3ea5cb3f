/// Shows a running program's output line by line as it comes, bounded: at most ``maximumLines``
/// lines of at most ``maximumLineLength`` characters each; what is over is counted, not shown.
/// Each line is made inert (it cannot drive the terminal) and every secret value the walk knows
/// is replaced by a description of its length, so a program that prints a credential does not
/// put it on the screen.
final class OutputRelay {
  /// Lines shown at most.
  static let maximumLines = 200
  /// Characters of one line shown at most.
  static let maximumLineLength = 1000

  private let show: (String) -> Void
  private let secrets: [String]
  private var pending: [UInt8] = []
  private var shownLines = 0
  private var hiddenLines = 0

  /// Creates a relay.
  /// - Parameters:
  ///   - secrets: values never to show (values shorter than 4 characters are left alone).
  ///   - show: where lines go.
  init(secrets: [String], show: @escaping (String) -> Void) {
    self.secrets = secrets.filter { $0.count >= 4 }.sorted { $0.count > $1.count }
    self.show = show
  }

  /// Takes output bytes.
  func take(_ bytes: [UInt8]) {
    for byte in bytes {
      if byte == 0x0A {
        emit()
      } else if pending.count < Self.maximumLineLength * 4 {
        pending.append(byte)
      }
    }
  }

  /// Shows what is left and says how much was not shown.
  func finish() {
    if !pending.isEmpty { emit() }
    if hiddenLines > 0 { show("  | … \(hiddenLines) more line\(hiddenLines == 1 ? "" : "s") not shown\n") }
  }

  private func emit() {
    defer { pending.removeAll(keepingCapacity: true) }
    guard shownLines < Self.maximumLines else {
      hiddenLines += 1
      return
    }
    shownLines += 1
    var line = String(decoding: pending, as: UTF8.self)
    if line.hasSuffix("\r") { line.removeLast() }
    for secret in secrets where line.contains(secret) {
      line = line.replacingOccurrences(of: secret, with: "[a secret value, \(secret.count) characters]")
    }
    if line.count > Self.maximumLineLength { line = String(line.prefix(Self.maximumLineLength)) + " …" }
    show("  | " + TerminalText.inert(line) + "\n")
  }
}
