/// Calendar arithmetic in UTC for the ledger (days since 1970-01-01, proleptic Gregorian), done
/// by hand so that a status of 100,000 sellers formats its dates without `DateFormatter`.
public enum LedgerDate {
  /// Seconds in a day.
  public static let secondsPerDay: Int64 = 86_400

  /// `YYYY-MM-DD` of a day number.
  public static func day(_ days: Int64) -> String {
    let (year, month, day) = civil(days)
    return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
  }

  /// `YYYY-MM-DDTHH:MM:SSZ` of Unix seconds.
  public static func timestamp(_ seconds: Int64) -> String {
    let days = floorDivide(seconds, secondsPerDay)
    let rest = seconds - days * secondsPerDay
    return day(days) + "T" + pad(rest / 3600, 2) + ":" + pad(rest / 60 % 60, 2) + ":" + pad(rest % 60, 2) + "Z"
  }

  /// `YYYYMMDD` of a day number (iCalendar's DATE).
  public static func compactDay(_ days: Int64) -> String {
    let (year, month, day) = civil(days)
    return pad(year, 4) + pad(month, 2) + pad(day, 2)
  }

  /// The day number of `YYYY-MM-DD`, or `nil` when it is not a real date.
  public static func parseDay(_ text: String) -> Int64? {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
      let year = Int64(parts[0]), let month = Int64(parts[1]), let day = Int64(parts[2]),
      (1...12).contains(month), day >= 1
    else { return nil }
    let days = daysFromCivil(year, month, day)
    // A day past the month's end (2026-02-30) comes back as another date.
    guard civil(days) == (year, month, day) else { return nil }
    return days
  }

  /// The day number of Unix seconds.
  public static func dayOf(_ seconds: Int64) -> Int64 { floorDivide(seconds, secondsPerDay) }

  private static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 { (a - (a < 0 ? b - 1 : 0)) / b }

  /// Appends `value` in decimal, padded with zeros to `width` (2 or 4) digits, as ``day(_:)``
  /// writes it, for the byte writers of large reports; a value outside 0..<10,000 is written
  /// as it is.
  static func appendPadded(_ value: Int64, width: Int, to bytes: inout [UInt8]) {
    guard value >= 0, value < 10_000 else { return bytes.append(contentsOf: String(value).utf8) }
    var divisor: Int64 = width == 4 ? 1000 : 10
    var rest = value
    while divisor > 0 {
      bytes.append(UInt8(48 + rest / divisor))
      rest %= divisor
      divisor /= 10
    }
  }

  private static func pad(_ value: Int64, _ width: Int) -> String {
    let text = String(value)
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
  }

  /// Howard Hinnant's `days_from_civil`.
  static func daysFromCivil(_ y0: Int64, _ m: Int64, _ d: Int64) -> Int64 {
    let y = m <= 2 ? y0 - 1 : y0
    let era = floorDivide(y, 400)
    let yoe = y - era * 400
    let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// Howard Hinnant's `civil_from_days`.
  static func civil(_ days: Int64) -> (Int64, Int64, Int64) {
    let z = days + 719_468
    let era = floorDivide(z, 146_097)
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (m <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, m, d)
  }
}
