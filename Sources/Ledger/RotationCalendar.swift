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
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//onboard//ledger status//EN", "CALSCALE:GREGORIAN"]
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
        lines += [
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
        ]
      }
    }
    lines.append("END:VCALENDAR")
    return lines.map(Self.fold).joined(separator: "\r\n") + "\r\n"
  }

  /// TEXT escaping (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks; other
  /// control characters are dropped.
  static func escape(_ text: String) -> String {
    var output = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\\": output += "\\\\"
      case ";": output += "\\;"
      case ",": output += "\\,"
      case "\n": output += "\\n"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F { continue }
        output.unicodeScalars.append(scalar)
      }
    }
    return output
  }

  /// Folds a content line into lines of at most 75 octets, never inside a UTF-8 sequence.
  static func fold(_ line: String) -> String {
    var parts: [String] = []
    var current = ""
    var octets = 0
    for character in line {
      let size = character.utf8.count
      let limit = parts.isEmpty ? 75 : 74
      if octets + size > limit {
        parts.append(current)
        current = ""
        octets = 0
      }
      current.append(character)
      octets += size
    }
    parts.append(current)
    return parts.joined(separator: "\r\n ")
  }
}
