import Foundation

/// The date a runbook is printed for, written `YYYY-MM-DD` on its cover.
///
/// It is a parameter rather than the clock's reading so that the same input gives the same
/// runbook (and the same PDF bytes: the printer stamps this date into the PDF's metadata).
public struct RunbookDate: Hashable, Sendable, CustomStringConvertible {
  /// The year (1–9999).
  public let year: Int
  /// The month (1–12).
  public let month: Int
  /// The day of the month.
  public let day: Int

  /// Parses `YYYY-MM-DD`: four digits, two, two, and a day that exists in that month.
  /// - Returns: `nil` for anything else.
  public init?(_ text: String) {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      parts.allSatisfy({ $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }),
      let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
      year >= 1, (1...12).contains(month), day >= 1, day <= Self.days(inMonth: month, of: year)
    else { return nil }
    self.year = year
    self.month = month
    self.day = day
  }

  /// Today's date in the local time zone.
  public static func today() -> RunbookDate {
    let parts = Calendar(identifier: .gregorian).dateComponents([.year, .month, .day], from: Date())
    let text = String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    return RunbookDate(text) ?? RunbookDate(uncheckedYear: 1970, month: 1, day: 1)
  }

  private init(uncheckedYear year: Int, month: Int, day: Int) {
    self.year = year
    self.month = month
    self.day = day
  }

  /// `YYYY-MM-DD`.
  public var description: String { String(format: "%04d-%02d-%02d", year, month, day) }

  /// `YYYYMMDD000000`, the digits of a PDF date at midnight.
  public var pdfDigits: String { String(format: "%04d%02d%02d000000", year, month, day) }

  private static func days(inMonth month: Int, of year: Int) -> Int {
    switch month {
    case 2:
      let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
      return leap ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }
}
