/// A byte buffer for the text reports of many rows (`status --format text`, `--ics` on 100,000
/// sellers): text appended as UTF-8 with no intermediate strings, dates written digit by digit.
struct ReportBytes {
  private(set) var bytes: [UInt8] = []

  init(capacity: Int) { bytes.reserveCapacity(capacity) }

  /// The number of bytes written.
  var count: Int { bytes.count }

  /// Appends text the code writes (`" by "`).
  mutating func raw(_ text: StaticString) {
    text.withUTF8Buffer { bytes.append(contentsOf: $0) }
  }

  /// Appends a string's UTF-8.
  mutating func string(_ text: String) {
    var text = text
    text.withUTF8 { bytes.append(contentsOf: $0) }
  }

  /// Empties the buffer, keeping its storage.
  mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

  /// Appends one byte.
  mutating func byte(_ value: UInt8) { bytes.append(value) }

  /// Appends bytes.
  mutating func append<Bytes: Collection>(_ other: Bytes) where Bytes.Element == UInt8 {
    bytes.append(contentsOf: other)
  }

  /// Appends `count` spaces.
  mutating func spaces(_ count: Int) {
    if count > 0 { bytes.append(contentsOf: repeatElement(0x20, count: count)) }
  }

  /// Appends a decimal integer.
  mutating func integer(_ value: Int64) { string(String(value)) }

  /// Appends `YYYY-MM-DD` of a day number.
  mutating func day(_ day: Int64) {
    let (year, month, date) = LedgerDate.civil(day)
    padded(year, 4)
    bytes.append(0x2D)
    padded(month, 2)
    bytes.append(0x2D)
    padded(date, 2)
  }

  /// Appends `YYYYMMDD` of a day number (iCalendar's DATE).
  mutating func compactDay(_ day: Int64) {
    let (year, month, date) = LedgerDate.civil(day)
    padded(year, 4)
    padded(month, 2)
    padded(date, 2)
  }

  /// Appends a number padded with zeros to `width` digits, as ``LedgerDate`` writes it.
  private mutating func padded(_ value: Int64, _ width: Int) {
    LedgerDate.appendPadded(value, width: width, to: &bytes)
  }
}
