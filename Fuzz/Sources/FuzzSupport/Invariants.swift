import Foundation
import OnboardDiagnostics

/// Properties every output must have, whatever the input. A violation stops the fuzzer with
/// the input saved, like a crash.
public enum Invariants {
  /// Every diagnostic points at a real place: line and column at least 1, the line at most
  /// one past the input's last line, a rule id and a message.
  public static func checkLocations(_ diagnostics: [Diagnostic], lineCount: Int, context: String) {
    for diagnostic in diagnostics {
      let location = diagnostic.location
      require(
        location.line >= 1 && location.column >= 1,
        "\(context): \(diagnostic.ruleID) at \(location.line):\(location.column)")
      require(
        location.line <= lineCount + 1, "\(context): \(diagnostic.ruleID) at line \(location.line) of \(lineCount)")
      require(
        !diagnostic.ruleID.isEmpty && !diagnostic.message.isEmpty, "\(context): a diagnostic without rule id or message"
      )
    }
  }

  /// The number of lines in `bytes` (a last line without a newline counts). A lone `\r` ends
  /// a line too, as cmark, libyaml and most editors count.
  public static func lineCount(_ bytes: [UInt8]) -> Int {
    var count = 1
    for (index, byte) in bytes.enumerated() {
      if byte == 0x0A || (byte == 0x0D && (index + 1 == bytes.count || bytes[index + 1] != 0x0A)) { count += 1 }
    }
    return count
  }

  /// The text parses as JSON.
  public static func checkJSON(_ text: String, context: String) {
    do {
      _ = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    } catch {
      fatalError("\(context): the output is not valid JSON")
    }
  }

  /// Stops with `message` when `condition` is false.
  public static func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
  }
}
