import Foundation
import GuideKit
import Ledger
import OnboardSupport
import Packets

/// Records the packets `onboard packets` writes into the ledger, in batches of
/// ``batchSize`` (one transaction each), with the guide's rotation policies first.
final class PacketRecorder {
  /// Packets per transaction.
  static let batchSize = 1000

  private let ledger: Ledger?
  private let guide: Guide
  private let guideSHA256: String
  private let by: String
  private var pending: [LedgerEvent] = []
  /// The guide file's bytes, stored (`guide_texts`) with the first batch, then dropped.
  private var guideText: [UInt8]?
  private var failure: Error?

  /// A recorder into `ledger` (records nothing when `nil`); `file` is the guide's file, whose
  /// SHA-256 each event carries.
  init(ledger: Ledger?, guide: Guide, file: String) throws {
    self.ledger = ledger
    self.guide = guide
    self.by = LedgerOptions.currentUser
    guard let ledger else {
      guideSHA256 = ""
      return
    }
    guard let bytes = FileManager.default.contents(atPath: file) else {
      throw Ledger.Failure(description: "cannot read the guide \(file) to record its SHA-256")
    }
    guideSHA256 = OnboardSupport.SHA256.hexDigest([UInt8](bytes))
    guideText = [UInt8](bytes)
    let now = LedgerOptions.now
    try ledger.record(
      guide.credentials.active.compactMap { spec in
        spec.rotateEveryDays.map {
          .policy(
            guideID: guide.metadata.id, key: spec.key, rotateEveryDays: $0, warnBeforeDays: spec.warnBeforeDays ?? 0,
            at: now)
        }
      })
  }

  /// Adds a written packet; records a batch when it is full. A failure is kept for ``flush()``
  /// (the packets are written either way).
  func add(_ packet: PacketGenerator.WrittenPacket) {
    guard ledger != nil, failure == nil else { return }
    pending.append(
      .packetWritten(
        seller: packet.sellerID, account: packet.account, name: packet.sellerName, guideID: guide.metadata.id,
        guideVersion: guide.metadata.version, guideSHA256: guideSHA256, steps: packet.steps, by: by,
        at: LedgerOptions.now))
    if pending.count >= Self.batchSize { record() }
  }

  /// Records what is pending.
  /// - Throws: the first failure to record.
  func flush() throws {
    record()
    if let failure { throw failure }
  }

  private func record() {
    guard let ledger, failure == nil, !pending.isEmpty else { return }
    do {
      try ledger.record(pending, guideTexts: guideText.map { [guideSHA256: $0] } ?? [:])
      guideText = nil
    } catch {
      failure = error
    }
    pending.removeAll(keepingCapacity: true)
  }
}
