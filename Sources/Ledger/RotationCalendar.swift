import OnboardSupport

/// `onboard status --ics`: an iCalendar file (RFC 5545) with one all-day event per credential
/// rotation whose due date is known, each with a reminder `warn-before` days ahead (a day
/// ahead when the guide gives none) and a UID that stays the same for an account and
/// credential, so a calendar that imports the file again updates the event. No value, nor a
/// fingerprint, is in it.
public struct RotationCalendar {
  /// The report whose rotations it holds.
  public var report: StatusReport

  /// Creates a calendar.
  public init(report: StatusReport) { self.report = report }

  /// The calendar's text, with CRLF line ends and lines folded at 75 octets.
  public var text: String {
    var output: [UInt8] = []
    output.reserveCapacity(256 + report.rows.count * 700)
    func add(_ lines: [String]) {
      for line in lines {
        Self.fold(Array(line.utf8), into: &output)
        output += [0x0D, 0x0A]
      }
    }
    add(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//onboard//ledger status//EN", "CALSCALE:GREGORIAN"])
    var seen: Set<String> = []
    let stamp = LedgerDate.compactDay(report.today) + "T000000Z"
    for row in report.rows {
      guard let account = row.account else { continue }
      for rotation in row.rotations {
        guard let due = rotation.dueOn, let setOn = rotation.setOn,
          seen.insert(account + "\u{0}" + rotation.credential).inserted
        else { continue }
        let uid = String(SHA256.hexDigest(account + "\u{0}" + rotation.credential).prefix(32)) + "@rotation.onboard"
        let warn = max(1, (rotation.dueOn ?? 0) - (rotation.warnFrom ?? due))
        add([
          "BEGIN:VEVENT",
          "UID:" + uid,
          "DTSTAMP:" + stamp,
          "DTSTART;VALUE=DATE:" + LedgerDate.compactDay(due),
          "DTEND;VALUE=DATE:" + LedgerDate.compactDay(due + 1),
          "SUMMARY:" + Self.escape("Rotate \(rotation.credential) of account \(account)"),
          "DESCRIPTION:"
            + Self.escape(
              "The \(rotation.credential) of account \(account) (seller \(row.seller)) was set on "
                + "\(LedgerDate.day(setOn)) and is due for rotation on \(LedgerDate.day(due)). "
                + "After rotating, record it: onboard ledger rotated \(account) --on YYYY-MM-DD"),
          "TRANSP:TRANSPARENT",
          "BEGIN:VALARM",
          "ACTION:DISPLAY",
          "TRIGGER:-P\(warn)D",
          "DESCRIPTION:" + Self.escape("Rotate \(rotation.credential) of account \(account) by \(LedgerDate.day(due))"),
          "END:VALARM",
          "END:VEVENT",
        ])
      }
    }
    add(["END:VCALENDAR"])
    return String(decoding: output, as: UTF8.self)
  }

  /// TEXT escaping (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks; other
  /// control characters are dropped.
  static func escape(_ text: String) -> String {
    if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0x5C || $0 == 0x3B || $0 == 0x2C }) {
      return text
    }
    var output: [UInt8] = []
    output.reserveCapacity(text.utf8.count + 8)
    for byte in text.utf8 {
      switch byte {
      case 0x5C, 0x3B, 0x2C: output += [0x5C, byte]  // \\ \; \,
      case 0x0A: output += [0x5C, 0x6E]  // \n
      case 0..<0x20, 0x7F: continue
      default: output.append(byte)
      }
    }
    return String(decoding: output, as: UTF8.self)
  }

  /// Folds a content line into lines of at most 75 octets, never inside a UTF-8 sequence.
  static func fold(_ line: String) -> String {
    var output: [UInt8] = []
    fold(Array(line.utf8), into: &output)
    return String(decoding: output, as: UTF8.self)
  }

  /// Appends `bytes` folded into lines of at most 75 octets (CRLF and a space between them).
  static func fold(_ bytes: [UInt8], into output: inout [UInt8]) {
    if bytes.count <= 75 {
      output += bytes
      return
    }
    var start = 0
    var limit = 75
    while start < bytes.count {
      var end = min(bytes.count, start + limit)
      // Back up to the start of a UTF-8 sequence (a continuation byte is 10xxxxxx).
      while end < bytes.count && end > start + 1 && bytes[end] & 0xC0 == 0x80 { end -= 1 }
      if start > 0 { output += [0x0D, 0x0A, 0x20] }
      output += bytes[start..<end]
      start = end
      limit = 74
    }
  }
}
