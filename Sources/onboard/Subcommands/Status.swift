import ArgumentParser
import CredentialSpecs
import Foundation
import Ledger
import OnboardSupport
import Roster

extension OnboardCommand {
  /// `onboard status`: where every seller stands, from the ledger.
  struct Status: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable {
      case text, json, csv, html
    }

    static let configuration = CommandConfiguration(
      commandName: "status",
      abstract: "Report where every seller stands: steps done, credentials, verification, rotations due, who is stuck.",
      discussion: """
        Reads the ledger (docs/ledger.md) that packets, walk and credentials merge record \
        into, and reports one row per seller: the guide version sent, steps done out of the \
        steps in their packet, the last step done (by whom, when), the credentials collected, \
        the last verification, and each rotating credential's age and due date. A credential \
        whose date is unknown shows as unknown, never as fresh. Sellers who are not done and \
        have had no progress for more than --stale days are listed as stuck.

        --ics FILE also writes an iCalendar file with one event per rotation whose due date is \
        known, with a reminder warn-before days ahead; no value is in it.

        Exit codes: 0 reported; 2 usage or I/O error (a ledger that does not exist included).
        """)

    @Option(name: .long, help: "Output format: text, json, csv or html.")
    var format: Format = .text

    @Option(
      name: [.short, .customLong("output")], help: ArgumentHelp("Write the report to this file.", valueName: "file"))
    var output: String?

    @Option(
      name: .long,
      help: ArgumentHelp(
        "Only the sellers of this roster; those not in the ledger show as not sent.", valueName: "file"))
    var roster: String?

    @Option(name: .long, help: ArgumentHelp("Days without progress after which a seller is stuck.", valueName: "days"))
    var stale: Int = 14

    @Option(
      name: .long, help: ArgumentHelp("Report as on this day (YYYY-MM-DD, UTC) instead of today.", valueName: "date"))
    var now: String?

    @Option(name: .long, help: ArgumentHelp("Also write the rotations due as an iCalendar file.", valueName: "file"))
    var ics: String?

    @OptionGroup var ledgerOptions: LedgerOptions

    func validate() throws {
      guard stale >= 0 else { throw ValidationError("--stale takes a number of days, 0 or more.") }
      if let now, LedgerDate.parseDay(now) == nil {
        throw ValidationError("--now takes a date as YYYY-MM-DD, such as 2026-12-06.")
      }
      if ledgerOptions.noLedger {
        throw ValidationError("status reads the ledger; --no-ledger leaves nothing to read.")
      }
    }

    func run() throws {
      func fail(_ message: String) -> ExitCode {
        StandardError.write("onboard status: \(message)\n")
        return ExitStatus.usage.exitCode
      }
      guard let path = ledgerOptions.path else { throw fail("no ledger") }
      guard FileManager.default.fileExists(atPath: path) else {
        throw fail("there is no ledger at \(path) yet; 'onboard packets' records into it")
      }
      let today = now.flatMap(LedgerDate.parseDay) ?? LedgerDate.dayOf(LedgerOptions.now)
      let rosterIDs = try roster.map { try Self.sellerIDs(in: $0) }
      let report: StatusReport
      do {
        let ledger = try Ledger(path: path)
        var rows = try LedgerStatusQuery(today: today, staleDays: Int64(stale), sellers: rosterIDs.map(Set.init)).run(
          on: ledger)
        if let rosterIDs {
          let known = Set(rows.map(\.seller))
          for id in rosterIDs where !known.contains(id) {
            rows.append(.notSent(id))
          }
          rows.sort { $0.seller < $1.seller }
        }
        report = StatusReport(rows: rows, today: today, staleDays: Int64(stale))
      } catch {
        throw fail("\(error)")
      }
      // Bytes, not a String: the text report of 100,000 sellers is tens of megabytes.
      let bytes: [UInt8]
      switch format {
      case .text: bytes = report.textBytes
      case .json: bytes = report.jsonBytes
      case .csv: bytes = Array(report.csv.utf8)
      case .html: bytes = Array(report.html.utf8)
      }
      if let ics {
        do {
          _ = try AtomicFile.write(RotationCalendar(report: report).bytes, to: ics)
        } catch {
          throw fail("cannot write \(ics): \(error)")
        }
      }
      if let output {
        do {
          _ = try AtomicFile.write(bytes, to: output)
        } catch {
          throw fail("cannot write \(output): \(error)")
        }
      } else {
        StandardOutput.write(bytes: bytes)
      }
    }

    /// The seller ids of a roster, in roster order (rows without an id are skipped: `onboard
    /// packets` reports them).
    static func sellerIDs(in roster: String) throws -> [String] {
      let source: any RosterSource
      do {
        source = try RosterReader.open(roster)
      } catch {
        StandardError.write("onboard status: \(error)\n")
        throw ExitStatus.usage.exitCode
      }
      let decoder = SellerDecoder(credentials: CredentialSpecSet())
      var ids: [String] = []
      while let item = source.next() {
        guard case .record(let record) = item, let seller = decoder.decode(record).seller else { continue }
        ids.append(seller.id)
      }
      return ids
    }
  }
}
