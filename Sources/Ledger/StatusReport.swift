import Escaping

/// `onboard status`'s report: the rows, the day it is for, and its renderings (text, JSON,
/// CSV, HTML). docs/ledger.md names every JSON field and CSV column.
public struct StatusReport: Sendable {
  /// One row per seller, by seller id.
  public var rows: [SellerStatus]
  /// The report's day.
  public var today: Int64
  /// Days without progress after which a seller who is not done is stuck.
  public var staleDays: Int64

  /// Creates a report.
  public init(rows: [SellerStatus], today: Int64, staleDays: Int64) {
    self.rows = rows
    self.today = today
    self.staleDays = staleDays
  }

  /// The sellers who are stuck.
  public var stuck: [SellerStatus] { rows.filter(\.stale) }

  /// Rotations due soon or overdue, with their seller.
  public var dueRotations: [(seller: SellerStatus, rotation: SellerStatus.Rotation)] {
    rows.flatMap { row in
      row.rotations.filter { $0.state == .dueSoon || $0.state == .overdue }.map { (row, $0) }
    }
  }

  // MARK: JSON

  /// The JSON document: `{"now", "stale_days", "sellers": [...], "stuck": [...]}`, each seller
  /// on one line (a report of 100,000 sellers stays a few tens of megabytes).
  public var json: String { String(decoding: jsonBytes, as: UTF8.self) }

  /// ``json`` as UTF-8, written straight into one buffer.
  public var jsonBytes: [UInt8] {
    var out = JSONBytes(capacity: 64 + rows.count * 700)
    out.raw("{\n  \"now\": ")
    out.day(today)
    out.raw(",\n  \"stale_days\": ")
    out.integer(staleDays)
    out.raw(",\n  \"sellers\": [")
    for (index, row) in rows.enumerated() {
      out.raw(index == 0 ? "\n    " : ",\n    ")
      Self.write(row, into: &out)
    }
    out.raw(rows.isEmpty ? "],\n  \"stuck\": [" : "\n  ],\n  \"stuck\": [")
    for (index, row) in stuck.enumerated() {
      if index > 0 { out.raw(", ") }
      out.string(row.seller)
    }
    out.raw("]\n}\n")
    return out.bytes
  }

  /// One seller's JSON object, fields in the order docs/ledger.md lists them.
  static func write(_ row: SellerStatus, into out: inout JSONBytes) {
    out.raw("{\"seller\": ")
    out.string(row.seller)
    out.raw(", \"name\": ")
    out.optional(row.name)
    out.raw(", \"account\": ")
    out.optional(row.account)
    out.raw(", \"guide_id\": ")
    out.optional(row.guideID)
    out.raw(", \"guide_version\": ")
    out.optional(row.guideVersion)
    out.raw(", \"sent_at\": ")
    out.timestamp(row.sentAt)
    out.raw(", \"steps_done\": ")
    out.integer(Int64(row.stepsDone))
    out.raw(", \"steps_total\": ")
    out.integer(Int64(row.stepsTotal))
    out.raw(row.isDone ? ", \"done\": true" : ", \"done\": false")
    out.raw(", \"last_step\": ")
    if let step = row.lastStep {
      out.raw("{\"step\": ")
      out.string(step)
      out.raw(", \"by\": ")
      out.optional(row.lastBy)
      out.raw(", \"at\": ")
      out.timestamp(row.lastAt)
      out.raw("}")
    } else {
      out.raw("null")
    }
    out.raw(", \"last_activity\": ")
    out.timestamp(row.lastActivity)
    out.raw(", \"credentials_collected\": [")
    for (index, key) in row.credentials.enumerated() {
      if index > 0 { out.raw(", ") }
      out.string(key)
    }
    out.raw("], \"last_verification\": ")
    if let result = row.verification {
      out.raw("{\"result\": ")
      out.string(result)
      out.raw(", \"at\": ")
      out.timestamp(row.verifiedAt)
      out.raw("}")
    } else {
      out.raw("null")
    }
    out.raw(", \"rotations\": [")
    for (index, rotation) in row.rotations.enumerated() {
      if index > 0 { out.raw(", ") }
      out.raw("{\"credential\": ")
      out.string(rotation.credential)
      out.raw(", \"set_on\": ")
      out.day(rotation.setOn)
      out.raw(", \"age_days\": ")
      if let age = rotation.ageDays { out.integer(age) } else { out.raw("null") }
      out.raw(", \"due_on\": ")
      out.day(rotation.dueOn)
      out.raw(", \"warn_from\": ")
      out.day(rotation.warnFrom)
      out.raw(", \"state\": ")
      out.string(rotation.state.rawValue)
      out.raw("}")
    }
    out.raw(row.stale ? "], \"stale\": true}" : "], \"stale\": false}")
  }

  // MARK: Text

  /// The text report: one line per seller, then the rotations due and the sellers stuck.
  public var text: String { String(decoding: textBytes, as: UTF8.self) }

  /// The text report as UTF-8: the table's cells are written once into one buffer and measured
  /// (in characters) there, then laid out in columns, so 100,000 rows make no string per cell.
  public var textBytes: [UInt8] {
    let header = ["SELLER", "GUIDE", "STEPS", "LAST STEP", "CREDENTIALS", "VERIFIED", "ROTATION"]
    let columns = header.count
    var cells = ReportBytes(capacity: 64 + rows.count * 200)
    // Per cell: where it ends in `cells`, and its width in characters.
    var ends: [Int] = []
    var cellWidths: [Int] = []
    ends.reserveCapacity((rows.count + 1) * columns)
    cellWidths.reserveCapacity((rows.count + 1) * columns)
    var widths = Array(repeating: 0, count: columns)
    func endCell() {
      let start = ends.last ?? 0
      let end = cells.count
      var width = end - start
      if cells.bytes[start..<end].contains(where: { $0 >= 0x80 }) {
        width = String(decoding: cells.bytes[start..<end], as: UTF8.self).count
      }
      let column = ends.count % columns
      widths[column] = max(widths[column], width)
      ends.append(end)
      cellWidths.append(width)
    }
    for title in header {
      cells.string(title)
      endCell()
    }
    for row in rows {
      cells.string(row.seller)
      endCell()
      if let version = row.guideVersion {
        cells.raw("v")
        cells.string(version)
      } else {
        cells.raw("not sent")
      }
      endCell()
      cells.integer(Int64(row.stepsDone))
      cells.raw("/")
      cells.integer(Int64(row.stepsTotal))
      endCell()
      if let step = row.lastStep {
        cells.string(step)
        if let by = row.lastBy {
          cells.raw(" by ")
          cells.string(by)
        }
        if let at = row.lastAt {
          cells.raw(" on ")
          cells.day(LedgerDate.dayOf(at))
        }
      } else {
        cells.raw("-")
      }
      endCell()
      if row.credentials.isEmpty { cells.raw("-") }
      for (index, key) in row.credentials.enumerated() {
        if index > 0 { cells.raw(",") }
        cells.string(key)
      }
      endCell()
      if let result = row.verification {
        cells.string(result)
        if let at = row.verifiedAt {
          cells.raw(" ")
          cells.day(LedgerDate.dayOf(at))
        }
      } else {
        cells.raw("-")
      }
      endCell()
      if row.rotations.isEmpty { cells.raw("-") }
      for (index, rotation) in row.rotations.enumerated() {
        if index > 0 { cells.raw("; ") }
        Self.describe(rotation, into: &cells)
      }
      endCell()
    }

    var out = ReportBytes(capacity: cells.count + (rows.count + 1) * 40 + 256)
    var start = 0
    for (index, end) in ends.enumerated() {
      out.append(cells.bytes[start..<end])
      let column = index % columns
      if column == columns - 1 {
        out.raw("\n")
      } else {
        out.spaces(widths[column] - cellWidths[index] + 2)
      }
      start = end
    }
    // The rotations due and the sellers stuck, read in place (no copies of the rows).
    var headed = false
    for row in rows {
      for rotation in row.rotations where rotation.state == .dueSoon || rotation.state == .overdue {
        if !headed { out.raw("\nRotations due:\n") }
        headed = true
        out.raw("  ")
        out.string(row.account ?? row.seller)
        out.raw(": ")
        Self.describe(rotation, into: &out)
        out.raw("\n")
      }
    }
    out.raw("\n")
    if !rows.contains(where: \.stale) {
      out.raw("No seller is stuck (no progress for more than ")
      out.integer(staleDays)
      out.raw(" days).\n")
    } else {
      out.raw("Stuck (no progress for more than ")
      out.integer(staleDays)
      out.raw(" days):\n")
      for row in rows where row.stale {
        out.raw("  ")
        out.string(row.seller)
        out.raw(": ")
        out.integer(Int64(row.stepsDone))
        out.raw("/")
        out.integer(Int64(row.stepsTotal))
        out.raw(" steps, last activity ")
        if let activity = row.lastActivity { out.day(LedgerDate.dayOf(activity)) } else { out.raw("?") }
        out.raw("\n")
      }
    }
    return out.bytes
  }

  /// ``describe(_:)`` written into a report's bytes.
  static func describe(_ rotation: SellerStatus.Rotation, into out: inout ReportBytes) {
    out.string(rotation.credential)
    guard let due = rotation.dueOn, let age = rotation.ageDays else {
      out.raw(" date unknown")
      return
    }
    out.raw(" ")
    out.integer(age)
    out.raw(rotation.state == .overdue ? " days old, overdue since " : " days old, due ")
    out.day(due)
  }

  /// `lwa_client_secret 200 days old, overdue since 2026-05-01`, or `… date unknown`.
  static func describe(_ rotation: SellerStatus.Rotation) -> String {
    guard let due = rotation.dueOn, let age = rotation.ageDays else {
      return "\(rotation.credential) date unknown"
    }
    let dueText = LedgerDate.day(due)
    switch rotation.state {
    case .overdue: return "\(rotation.credential) \(age) days old, overdue since \(dueText)"
    case .dueSoon: return "\(rotation.credential) \(age) days old, due \(dueText)"
    case .ok, .unknown: return "\(rotation.credential) \(age) days old, due \(dueText)"
    }
  }

  // MARK: CSV

  /// The CSV columns, in order.
  public static let csvColumns = [
    "seller", "name", "account", "guide_id", "guide_version", "sent_at", "steps_done", "steps_total", "done",
    "last_step", "last_by", "last_at", "last_activity", "credentials_collected", "last_verification",
    "verified_at", "rotations", "stale",
  ]

  /// The CSV report (RFC 4180, CRLF): a header row and one row per seller.
  public var csv: String {
    var text = Self.csvColumns.joined(separator: ",") + "\r\n"
    for row in rows {
      let cells: [String] = [
        row.seller, row.name ?? "", row.account ?? "", row.guideID ?? "", row.guideVersion ?? "",
        row.sentAt.map(LedgerDate.timestamp) ?? "", String(row.stepsDone), String(row.stepsTotal),
        row.isDone ? "true" : "false", row.lastStep ?? "", row.lastBy ?? "",
        row.lastAt.map(LedgerDate.timestamp) ?? "", row.lastActivity.map(LedgerDate.timestamp) ?? "",
        row.credentials.joined(separator: " "), row.verification ?? "",
        row.verifiedAt.map(LedgerDate.timestamp) ?? "",
        row.rotations.map { "\($0.credential):\($0.state.rawValue):\($0.dueOn.map(LedgerDate.day) ?? "")" }
          .joined(separator: " "),
        row.stale ? "true" : "false",
      ]
      text += cells.map(Self.csvCell).joined(separator: ",") + "\r\n"
    }
    return text
  }

  /// A CSV cell: quoted when needed, and a leading `=`, `+`, `-`, `@` made inert for
  /// spreadsheets with a `'`.
  static func csvCell(_ value: String) -> String {
    var text = value
    if let first = text.utf8.first, Self.formulaStarts.contains(first) { text = "'" + text }
    guard text.utf8.contains(where: { Self.quoted.contains($0) }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// First bytes a spreadsheet reads as a formula: = + - @ tab CR.
  private static let formulaStarts: Set<UInt8> = [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D]
  /// Bytes that make a CSV cell quoted: , " LF CR.
  private static let quoted: Set<UInt8> = [0x2C, 0x22, 0x0A, 0x0D]

  // MARK: HTML

  /// One self-contained HTML page (no scripts, no outside resources), readable on paper, with a
  /// progress bar per seller.
  public var html: String {
    let escaper = HTMLEscaper()
    func e(_ text: String) -> String { escaper.escape(text) }
    var body = ""
    for row in rows {
      let percent = row.stepsTotal == 0 ? 0 : min(100, row.stepsDone * 100 / row.stepsTotal)
      let last =
        row.lastStep.map { step in
          e(step) + (row.lastBy.map { " by " + e($0) } ?? "")
            + (row.lastAt.map { " on " + LedgerDate.day(LedgerDate.dayOf($0)) } ?? "")
        } ?? "—"
      let rotation = row.rotations.map { "<span class=\"\($0.state.rawValue)\">\(e(Self.describe($0)))</span>" }
        .joined(separator: "<br>")
      body += """
        <tr class="\(row.stale ? "stale" : "")" data-seller="\(e(row.seller))">
        <td><strong>\(e(row.seller))</strong>\(row.name.map { "<br><small>" + e($0) + "</small>" } ?? "")</td>
        <td>\(row.guideVersion.map { "v" + e($0) } ?? "not sent")</td>
        <td><div class="bar" role="progressbar" aria-valuemin="0" aria-valuemax="\(row.stepsTotal)" \
        aria-valuenow="\(row.stepsDone)"><div class="fill" style="width: \(percent)%"></div></div>\
        <span class="count">\(row.stepsDone)/\(row.stepsTotal)</span></td>
        <td>\(last)</td>
        <td>\(row.credentials.isEmpty ? "—" : row.credentials.map(e).joined(separator: ", "))</td>
        <td>\(row.verification.map(e) ?? "—")</td>
        <td>\(rotation.isEmpty ? "—" : rotation)</td>
        </tr>

        """
    }
    let stuckList =
      stuck.isEmpty
      ? "<p>No seller is stuck.</p>"
      : "<ul class=\"stuck\">"
        + stuck.map { "<li>\(e($0.seller)): \($0.stepsDone)/\($0.stepsTotal) steps</li>" }.joined()
        + "</ul>"
    return """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
      <title>Onboarding status on \(LedgerDate.day(today))</title>
      <style>
      body { font: 11pt/1.4 system-ui, sans-serif; margin: 1.5em; color: #111; }
      table { border-collapse: collapse; width: 100%; }
      th, td { border-bottom: 1px solid #ccc; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }
      .bar { display: inline-block; width: 6em; height: 0.8em; border: 1px solid #333; margin-right: 0.4em; }
      .fill { height: 100%; background: #333; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      .overdue { font-weight: bold; } .due-soon { font-style: italic; }
      tr.stale td:first-child::after { content: " (stuck)"; }
      @media print { body { margin: 0; } tr { break-inside: avoid; } }
      </style>
      </head>
      <body>
      <h1>Onboarding status on \(LedgerDate.day(today))</h1>
      <p>\(rows.count) seller\(rows.count == 1 ? "" : "s"), \(rows.filter(\.isDone).count) done, \(stuck.count) stuck \
      (no progress for more than \(staleDays) days), \(dueRotations.count) rotation\(dueRotations.count == 1 ? "" : "s") due.</p>
      <table>
      <thead><tr><th>Seller</th><th>Guide</th><th>Steps</th><th>Last step</th><th>Credentials</th><th>Verified</th>\
      <th>Rotation</th></tr></thead>
      <tbody>
      \(body)</tbody>
      </table>
      <h2>Stuck</h2>
      \(stuckList)
      </body>
      </html>

      """
  }
}
