import Foundation
import Testing

@testable import Ledger

/// The ledger end to end through the binary: packets, a merge for one seller, a rotation,
/// status; two processes at once; kill -9 while writing; no secret in the file.
@Suite struct LedgerCommandTests {
  static let guide = "guides/sp-api-self-authorisation.md"
  static let roster = "examples/sellers.yml"
  static let appID = "amzn1.application-oa2-client." + String(repeating: "c0ffee12", count: 4)
  static let secret = "amzn1.oa2-cs.v1." + String(repeating: "5ec7e75e", count: 8)
  static let token = "Atzr|CANARYTOKEN" + String(repeating: "x7Q-", count: 80)
  static let walkAppID = "amzn1.application-oa2-client." + String(repeating: "feed1234", count: 4)
  static let walkSecret = "amzn1.oa2-cs.v1." + String(repeating: "ba5eba11", count: 8)
  static let walkToken = "Atzr|WALKCANARY" + String(repeating: "k9Z_", count: 80)

  func packets(_ folder: String, ledger: String, roster: String = roster, out: String = "p") throws
    -> OnboardProcess.Output
  {
    try OnboardProcess.run(
      ["packets", Self.guide, "--roster", roster, "--out", folder + "/" + out, "--quiet", "--ledger", ledger])
  }

  func json(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  @Test func packetsMergeRotatedStatus() throws {
    let folder = try OnboardProcess.temporaryFolder()
    let ledgerPath = folder + "/state/ledger.sqlite"
    let written = try packets(folder, ledger: ledgerPath)
    #expect(written.status == 0, "\(written.stderr)")

    let returned = folder + "/returned.yml"
    try """
    version: '1.0'
    rhein_de:
      lwa_app_id: '\(Self.appID)'
      lwa_client_secret: '\(Self.secret)'
      refresh_token: '\(Self.token)'

    """.write(toFile: returned, atomically: true, encoding: .utf8)
    let merged = try OnboardProcess.run(
      ["credentials", "merge", returned, "--into", folder + "/all.yml", "--guide", Self.guide, "--ledger", ledgerPath])
    #expect(merged.status == 0, "\(merged.stderr)")

    // A walk for one seller, with other secret values: the steps and fingerprints are recorded.
    let walked = try OnboardProcess.run(
      [
        "walk", Self.guide, "--roster", Self.roster, "--seller", "sakura-stationery", "--write", folder + "/walk.yml",
        "--state", folder + "/walks", "--yes", "--no-run", "--by", "walker", "--ledger", ledgerPath,
      ], stdin: [Self.walkAppID, Self.walkSecret, Self.walkToken].joined(separator: "\n") + "\n")
    #expect(walked.status == 0, "\(walked.stderr)")

    let rotated = try OnboardProcess.run(
      ["ledger", "rotated", "maple_leaf", "--on", "2026-01-10", "--by", "ops", "--ledger", ledgerPath])
    #expect(rotated.status == 0, "\(rotated.stderr)")
    #expect(rotated.stdout.contains("lwa_client_secret of account maple_leaf rotated on 2026-01-10"))

    let status = try OnboardProcess.run(
      ["status", "--format", "json", "--now", "2026-07-01", "--stale", "100000", "--ledger", ledgerPath])
    #expect(status.status == 0, "\(status.stderr)")
    let report = try json(status.stdout)
    #expect(report["now"] as? String == "2026-07-01")
    let sellers = try #require(report["sellers"] as? [[String: Any]])
    #expect(sellers.count == 5)
    let fields: Set<String> = [
      "seller", "name", "account", "guide_id", "guide_version", "sent_at", "steps_done", "steps_total", "done",
      "last_step", "last_activity", "credentials_collected", "last_verification", "rotations", "stale",
    ]
    for seller in sellers { #expect(Set(seller.keys) == fields) }
    let rhein = try #require(sellers.first { $0["seller"] as? String == "rhein-werkstatt" })
    #expect(rhein["guide_id"] as? String == "sp-api-self-authorisation")
    #expect((rhein["steps_total"] as? Int ?? 0) > 0)
    #expect(rhein["credentials_collected"] as? [String] == ["lwa_app_id", "lwa_client_secret", "refresh_token"])
    // Merged: the value's date is unknown, so its rotation is unknown, never fresh.
    let rheinRotation = try #require((rhein["rotations"] as? [[String: Any]])?.first)
    #expect(rheinRotation["credential"] as? String == "lwa_client_secret")
    #expect(rheinRotation["state"] as? String == "unknown")
    let sakura = try #require(sellers.first { $0["seller"] as? String == "sakura-stationery" })
    #expect(sakura["done"] as? Bool == true)
    #expect(sakura["steps_done"] as? Int == sakura["steps_total"] as? Int)
    #expect((sakura["last_step"] as? [String: Any])?["by"] as? String == "walker")
    #expect(sakura["credentials_collected"] as? [String] == ["lwa_app_id", "lwa_client_secret", "refresh_token"])
    let maple = try #require(sellers.first { $0["seller"] as? String == "maple-leaf-home" })
    let mapleRotation = try #require((maple["rotations"] as? [[String: Any]])?.first)
    #expect(mapleRotation["set_on"] as? String == "2026-01-10")
    #expect(mapleRotation["due_on"] as? String == "2026-07-09")
    #expect(mapleRotation["warn_from"] as? String == "2026-04-10")
    #expect(mapleRotation["state"] as? String == "due-soon")
    #expect(mapleRotation["age_days"] as? Int == 172)

    // The text report names the due rotation; the CSV has its columns.
    let text = try OnboardProcess.run(["status", "--now", "2026-07-10", "--ledger", ledgerPath])
    #expect(
      text.stdout.contains("maple_leaf: lwa_client_secret 181 days old, overdue since 2026-07-09"), "\(text.stdout)")
    let csv = try OnboardProcess.run(["status", "--format", "csv", "--now", "2026-07-10", "--ledger", ledgerPath])
    #expect(csv.stdout.hasPrefix(StatusReport.csvColumns.joined(separator: ",") + "\r\n"))

    // No value in the ledger's files, nor in any report.
    for file in [ledgerPath, ledgerPath + "-wal"] {
      guard let bytes = FileManager.default.contents(atPath: file) else { continue }
      for value in [
        Self.appID, Self.secret, Self.token, "c0ffee12c0ffee12", "5ec7e75e5ec7e75e", "CANARYTOKEN", Self.walkAppID,
        Self.walkSecret, Self.walkToken, "feed1234feed1234", "ba5eba11ba5eba11", "WALKCANARY",
      ] {
        #expect(bytes.range(of: Data(value.utf8)) == nil, "\(file) holds a secret")
      }
    }
    for output in [status.stdout, text.stdout, csv.stdout] {
      #expect(!output.contains("5ec7e75e") && !output.contains("CANARYTOKEN") && !output.contains("c0ffee12"))
      #expect(!output.contains("ba5eba11") && !output.contains("WALKCANARY") && !output.contains("feed1234"))
    }
    // The scan above covered the guide text packets stored (schema 3): one, the bundled guide's.
    #expect(try Self.count(try Ledger(path: ledgerPath), "SELECT count(*) FROM guide_texts") == 1)
  }

  @Test func noLedgerRecordsNothing() throws {
    let folder = try OnboardProcess.temporaryFolder()
    let ledgerPath = folder + "/ledger.sqlite"
    let run = try OnboardProcess.run(
      ["packets", Self.guide, "--roster", Self.roster, "--out", folder + "/p", "--quiet", "--no-ledger"],
      environment: ["ONBOARD_LEDGER": ledgerPath])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(!FileManager.default.fileExists(atPath: ledgerPath))
    let status = try OnboardProcess.run(["status"], environment: ["ONBOARD_LEDGER": ledgerPath])
    #expect(status.status == 2)
    #expect(status.stderr.contains("there is no ledger at \(ledgerPath) yet"))
  }

  @Test func theEnvironmentVariableAndXDGStateHomeNameTheLedger() throws {
    let folder = try OnboardProcess.temporaryFolder()
    let run = try OnboardProcess.run(
      ["packets", Self.guide, "--roster", Self.roster, "--out", folder + "/p", "--quiet"],
      environment: ["ONBOARD_LEDGER": "", "XDG_STATE_HOME": folder + "/xdg"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(FileManager.default.fileExists(atPath: folder + "/xdg/onboard/ledger.sqlite"))
  }

  @Test(arguments: [["--now", "2026-02-30"], ["--stale", "-1"]])
  func badStatusArgumentsAreUsageErrors(_ arguments: [String]) throws {
    let status = try OnboardProcess.run(["status"] + arguments)
    #expect(status.status == 2)
  }

  /// A roster of `count` sellers.
  static func bigRoster(_ folder: String, count: Int, prefix: String) throws -> String {
    var text = "id,name,marketplace,credential_source\n"
    for index in 0..<count { text += "\(prefix)\(index),Shop \(index),US,file\n" }
    let path = folder + "/\(prefix)roster.csv"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  /// `onboard packets` as a process not yet started, its output dropped.
  static func packetsProcess(roster: String, out: String, ledger: String) -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: OnboardProcess.binary)
    process.arguments = [
      "packets", OnboardProcess.repositoryRoot + "/" + guide, "--roster", roster, "--out", out, "--quiet",
      "--ledger", ledger,
    ]
    process.environment = OnboardProcess.childEnvironment()
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    return process
  }

  static func count(_ ledger: Ledger, _ sql: String) throws -> Int64 {
    guard case .integer(let value) = try ledger.database.scalar(sql) else { return -1 }
    return value
  }

  @Test func twoProcessesRecordAtOnce() throws {
    let folder = try OnboardProcess.temporaryFolder()
    let ledgerPath = folder + "/ledger.sqlite"
    let rosters = try ["a", "b"].map { try Self.bigRoster(folder, count: 1500, prefix: $0) }
    let processes = rosters.enumerated().map { index, roster in
      Self.packetsProcess(roster: roster, out: folder + "/out\(index)", ledger: ledgerPath)
    }
    for process in processes { try process.run() }
    for process in processes {
      process.waitUntilExit()
      #expect(process.terminationStatus == 0)
    }
    let ledger = try Ledger(path: ledgerPath)
    #expect(try Self.count(ledger, "SELECT count(*) FROM events WHERE kind = 'packet'") == 3000)
    #expect(try Self.count(ledger, "SELECT count(*) FROM sellers") == 3000)
  }

  @Test func killNineLeavesWholeEvents() throws {
    let folder = try OnboardProcess.temporaryFolder()
    let ledgerPath = folder + "/ledger.sqlite"
    let roster = try Self.bigRoster(folder, count: 6000, prefix: "k")
    let process = Self.packetsProcess(roster: roster, out: folder + "/p", ledger: ledgerPath)
    try process.run()
    // Wait for the first batch to be committed, then kill it while it writes the next ones.
    let deadline = Date().addingTimeInterval(120)
    while Date() < deadline && process.isRunning {
      if FileManager.default.fileExists(atPath: ledgerPath), let ledger = try? Ledger(path: ledgerPath),
        (try? Self.count(ledger, "SELECT count(*) FROM events WHERE kind = 'packet'")) ?? 0 > 0
      {
        break
      }
      usleep(20_000)
    }
    let killedWhileRunning = process.isRunning
    #expect(killedWhileRunning, "the run ended before it could be killed; make the roster larger")
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    let ledger = try Ledger(path: ledgerPath)
    #expect(try ledger.database.scalar("PRAGMA integrity_check") == .text("ok"))
    let packetEvents = try Self.count(ledger, "SELECT count(*) FROM events WHERE kind = 'packet'")
    // Whole batches only: every event has its summary row, and no event lacks a field.
    #expect(packetEvents % 1000 == 0 || !killedWhileRunning)
    #expect(try Self.count(ledger, "SELECT count(*) FROM sellers") == packetEvents)
    #expect(
      try Self.count(
        ledger,
        "SELECT count(*) FROM events WHERE kind = 'packet' AND (seller IS NULL OR guide_sha256 IS NULL OR detail IS NULL)"
      ) == 0)
    // And the ledger takes new events afterwards.
    let again = try packets(folder, ledger: ledgerPath, roster: roster, out: "p2")
    #expect(again.status == 0, "\(again.stderr)")
    #expect(try Self.count(ledger, "SELECT count(*) FROM sellers") == 6000)
  }
}
