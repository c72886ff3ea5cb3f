import Escaping

/// A JSON writer into a byte buffer, for reports of many rows (`status --format json` on
/// 100,000 sellers): no intermediate values, dates written digit by digit.
struct JSONBytes {
  private(set) var bytes: [UInt8] = []
  private static let escaper = JSONEscaper()

  init(capacity: Int) { bytes.reserveCapacity(capacity) }

  /// Appends ASCII punctuation or a key written by the code (`{"seller":`).
  mutating func raw(_ text: StaticString) {
    text.withUTF8Buffer { bytes.append(contentsOf: $0) }
  }

  /// Appends a string literal, escaped.
  mutating func string(_ text: String) {
    if text.utf8.allSatisfy({
      $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C && $0 != 0x3C && $0 != 0x3E && $0 != 0x26
    }) {
      bytes.append(0x22)
      bytes.append(contentsOf: text.utf8)
      bytes.append(0x22)
    } else {
      bytes.append(contentsOf: Self.escaper.escape(text).utf8)
    }
  }

  /// Appends a string literal or `null`.
  mutating func optional(_ text: String?) {
    if let text { string(text) } else { raw("null") }
  }

  /// Appends an integer.
  mutating func integer(_ value: Int64) {
    bytes.append(contentsOf: String(value).utf8)
  }

  /// Appends `"YYYY-MM-DD"` of a day number, or `null`.
  mutating func day(_ day: Int64?) {
    guard let day else { return raw("null") }
    let (year, month, date) = LedgerDate.civil(day)
    bytes.append(0x22)
    digits(year, 4)
    bytes.append(0x2D)
    digits(month, 2)
    bytes.append(0x2D)
    digits(date, 2)
    bytes.append(0x22)
  }

  /// Appends `"YYYY-MM-DDTHH:MM:SSZ"` of Unix seconds, or `null`.
  mutating func timestamp(_ seconds: Int64?) {
    guard let seconds else { return raw("null") }
    let day = LedgerDate.dayOf(seconds)
    let rest = seconds - day * LedgerDate.secondsPerDay
    self.day(day)
    bytes.removeLast()  // the closing quote
    bytes.append(0x54)
    digits(rest / 3600, 2)
    bytes.append(0x3A)
    digits(rest / 60 % 60, 2)
    bytes.append(0x3A)
    digits(rest % 60, 2)
    bytes.append(contentsOf: [0x5A, 0x22])
  }

  private mutating func digits(_ value: Int64, _ width: Int) {
    LedgerDate.appendPadded(value, width: width, to: &bytes)
  }

}
