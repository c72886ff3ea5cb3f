/// What the ledger knows of the guide each seller last received: the guide's id, version and
/// file SHA-256 from the `sellers` table, and the guide texts of `guide_texts` (schema 3), for
/// `onboard packets --since-ledger`.
public struct SentGuides: Sendable {
  /// The guide a seller's last packet was made from.
  public struct Sent: Sendable, Equatable {
    /// The guide's id and version, as recorded.
    public var guideID: String
    public var guideVersion: String
    /// The SHA-256 of the guide file, hex.
    public var sha256: String

    /// Creates a record.
    public init(guideID: String, guideVersion: String, sha256: String) {
      self.guideID = guideID
      self.guideVersion = guideVersion
      self.sha256 = sha256
    }
  }

  /// The last guide sent, by seller id (sellers without a packet are absent).
  public var bySeller: [String: Sent]
  /// The guide texts the ledger holds, by SHA-256, for the guides in ``bySeller``.
  public var texts: [String: [UInt8]]

  /// Reads every seller's last guide and the texts of those guides.
  /// - Throws: ``Ledger/Failure``.
  public init(ledger: Ledger) throws {
    var bySeller: [String: Sent] = [:]
    var texts: [String: [UInt8]] = [:]
    do {
      let rows = try ledger.database.prepare(
        "SELECT seller, guide_id, guide_version, guide_sha256 FROM sellers WHERE guide_sha256 IS NOT NULL")
      try rows.bind([])
      while try rows.step() {
        guard let seller = rows.text(0), let sha256 = rows.text(3) else { continue }
        bySeller[seller] = Sent(guideID: rows.text(1) ?? "", guideVersion: rows.text(2) ?? "", sha256: sha256)
      }
      let text = try ledger.database.prepare("SELECT text FROM guide_texts WHERE sha256 = ?1")
      for sha256 in Set(bySeller.values.map(\.sha256)) {
        try text.bind([.text(sha256)])
        guard try text.step() else { continue }
        switch text.value(0) {
        case .blob(let bytes): texts[sha256] = bytes
        case .text(let string): texts[sha256] = Array(string.utf8)
        default: continue
        }
      }
    } catch let error as SQLiteError {
      throw Ledger.Failure(description: "cannot read the ledger \(ledger.path): \(error.message)")
    }
    self.bySeller = bySeller
    self.texts = texts
  }
}
