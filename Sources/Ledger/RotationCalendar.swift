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
  public var text: String { String(decoding: bytes, as: UTF8.self) }

  /// The calendar as UTF-8. Each content line is written into one reused buffer (variable text
  /// escaped as it is appended), then folded into the output: no string per line.
  public var bytes: [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(256 + report.rows.count * 700)
    var line = ReportBytes(capacity: 512)
    func end() {
      Self.fold(line.bytes, into: &output)
      output += [0x0D, 0x0A]
      line.removeAll()
    }
    func add(_ text: StaticString) {
      line.raw(text)
      end()
    }
    add("BEGIN:VCALENDAR")
    add("VERSION:2.0")
    add("PRODID:-//onboard//ledger status//EN")
    add("CALSCALE:GREGORIAN")
    var seen: Set<AccountCredential> = []
    for row in report.rows {
      guard let account = row.account else { continue }
      for rotation in row.rotations {
        let credential = rotation.credential
        guard let due = rotation.dueOn, let setOn = rotation.setOn,
          seen.insert(AccountCredential(account: account, credential: credential)).inserted
        else { continue }
        let warn = max(1, (rotation.dueOn ?? 0) - (rotation.warnFrom ?? due))
        add("BEGIN:VEVENT")
        line.raw("UID:")
        line.append(SHA256.hexDigest(account + "\u{0}" + credential).utf8.prefix(32))
        line.raw("@rotation.onboard")
        end()
        line.raw("DTSTAMP:")
        line.compactDay(report.today)
        line.raw("T000000Z")
        end()
        line.raw("DTSTART;VALUE=DATE:")
        line.compactDay(due)
        end()
        line.raw("DTEND;VALUE=DATE:")
        line.compactDay(due + 1)
        end()
        line.raw("SUMMARY:Rotate ")
        Self.escape(credential, into: &line)
        line.raw(" of account ")
        Self.escape(account, into: &line)
        end()
        line.raw("DESCRIPTION:The ")
        Self.escape(credential, into: &line)
        line.raw(" of account ")
        Self.escape(account, into: &line)
        line.raw(" (seller ")
        Self.escape(row.seller, into: &line)
        line.raw(") was set on ")
        line.day(setOn)
        line.raw(" and is due for rotation on ")
        line.day(due)
        line.raw(". After rotating\\, record it: onboard ledger rotated ")
        Self.escape(account, into: &line)
        line.raw(" --on YYYY-MM-DD")
        end()
        add("TRANSP:TRANSPARENT")
        add("BEGIN:VALARM")
        add("ACTION:DISPLAY")
        line.raw("TRIGGER:-P")
        line.integer(warn)
        line.raw("D")
        end()
        line.raw("DESCRIPTION:Rotate ")
        Self.escape(credential, into: &line)
        line.raw(" of account ")
        Self.escape(account, into: &line)
        line.raw(" by ")
        line.day(due)
        end()
        add("END:VALARM")
        add("END:VEVENT")
      }
    }
    add("END:VCALENDAR")
    return output
  }

  /// An account and one of its credentials: one event each.
  private struct AccountCredential: Hashable {
    var account: String
    var credential: String
  }

  /// ``escape(_:)`` appended to a line's bytes.
  static func escape(_ text: String, into line: inout ReportBytes) {
    if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0x5C || $0 == 0x3B || $0 == 0x2C }) {
      line.string(text)
    } else {
      line.string(escape(text))
    }
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
