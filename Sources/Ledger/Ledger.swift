import Foundation
import OnboardSupport

/// The onboarding ledger: an SQLite database of events (packets written, steps confirmed,
/// credentials collected, rotations, verifications) and the summaries `onboard status` reads.
///
/// The database is in WAL mode with a busy timeout, so two processes can write at once; every
/// ``record(_:)`` is one transaction, so a killed process never leaves half an event. Events
/// never hold secret values: ``fingerprint(_:)`` is the first 8 hex digits of HMAC-SHA256
/// under a random key of this ledger. A connection is for one thread.
public final class Ledger {
  /// A ledger that cannot be opened or written; the message names the file, never a value.
  public struct Failure: Error, CustomStringConvertible, Sendable {
    /// What went wrong.
    public var description: String

    /// A failure with its message.
    public init(description: String) { self.description = description }
  }

  /// The database file.
  public let path: String
  let database: SQLiteDatabase
  private let fingerprintKey: [UInt8]
  private var insert: SQLiteDatabase.Statement
  private var appliers: [LedgerEvent.Kind: [SQLiteDatabase.Statement]] = [:]

  /// Opens the ledger at `path`, creating it (and its folder, mode 0700) when missing, and
  /// migrates it to the current schema.
  /// - Throws: ``Failure``.
  public init(path: String) throws {
    self.path = path
    let folder = (path as NSString).deletingLastPathComponent
    if !folder.isEmpty && !FileManager.default.fileExists(atPath: folder) {
      do {
        try FileManager.default.createDirectory(
          atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
      } catch {
        throw Failure(description: "cannot create the ledger's folder \(folder): \(error.localizedDescription)")
      }
    }
    let existed = FileManager.default.fileExists(atPath: path)
    // The database and its -wal/-shm files are created with the process's umask; 077 keeps
    // them to the owner (they hold fingerprints, not values, but still say who is onboarded).
    let previous = umask(0o077)
    defer { umask(previous) }
    do {
      database = try SQLiteDatabase(path: path)
      try database.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON")
      try Self.migrate(database)
      fingerprintKey = try Self.loadKey(database)
      insert = try database.prepare(LedgerSchema.insertEvent)
    } catch let error as SQLiteError {
      throw Failure(description: "cannot open the ledger \(path): \(error.message)")
    }
    if !existed { chmod(path, 0o600) }
  }

  /// The schema version of the open ledger.
  public var schemaVersion: Int {
    get throws {
      guard case .integer(let version) = try database.scalar("PRAGMA user_version") else { return 0 }
      return Int(version)
    }
  }

  /// The fingerprint of a credential value: the first 8 hex digits of HMAC-SHA256 under this
  /// ledger's key. Equal values give equal fingerprints within one ledger; the value cannot be
  /// read back, nor checked against guesses without the key.
  public func fingerprint(_ value: String) -> String {
    String(HMACSHA256.hexMAC(key: fingerprintKey, message: Array(value.utf8)).prefix(8))
  }

  /// Records events in one transaction: all of them or none. `guideTexts` (guide file bytes by
  /// their SHA-256, as a packet event's `guideSHA256`) are stored in the same transaction, each
  /// once (see ``guideText(sha256:)``).
  /// - Throws: ``Failure``.
  public func record(_ events: [LedgerEvent], guideTexts: [String: [UInt8]] = [:]) throws {
    guard !events.isEmpty || !guideTexts.isEmpty else { return }
    do {
      try database.transaction {
        if !guideTexts.isEmpty {
          let insertText = try database.prepare(LedgerSchema.insertGuideText)
          for (sha256, text) in guideTexts.sorted(by: { $0.key < $1.key }) {
            try insertText.run([.text(sha256), .blob(text)])
          }
        }
        for event in events { try apply(event, log: true) }
      }
    } catch let error as SQLiteError {
      throw Failure(description: "cannot write to the ledger \(path): \(error.message)")
    }
  }

  private func apply(_ event: LedgerEvent, log: Bool) throws {
    var values: [SQLiteValue] = [
      .integer(event.at), text(event.seller), text(event.account), text(event.by), text(event.guideID),
      text(event.guideVersion), text(event.guideSHA256), text(event.step), text(event.credential),
      text(event.fingerprint), event.effectiveAt.map { .integer($0) } ?? .null, text(event.detail),
    ]
    for statement in try statements(for: event.kind) { try statement.run(values) }
    if log {
      values.append(.text(event.kind.rawValue))
      try insert.run(values)
    }
  }

  private func text(_ value: String?) -> SQLiteValue { value.map { .text($0) } ?? .null }

  private func statements(for kind: LedgerEvent.Kind) throws -> [SQLiteDatabase.Statement] {
    if let prepared = appliers[kind] { return prepared }
    let prepared = try (LedgerSchema.apply[kind] ?? []).map { try database.prepare($0) }
    appliers[kind] = prepared
    return prepared
  }

  /// Brings the database to ``LedgerSchema/currentVersion``, one version per transaction.
  private static func migrate(_ database: SQLiteDatabase) throws {
    guard case .integer(let found) = try database.scalar("PRAGMA user_version") else { return }
    var version = Int(found)
    if version > LedgerSchema.currentVersion {
      throw SQLiteError(
        code: 0,
        message:
          "it has schema version \(version), newer than this onboard knows (\(LedgerSchema.currentVersion)); use a newer onboard"
      )
    }
    while version < LedgerSchema.currentVersion {
      try database.transaction {
        // Read the version again inside the write lock: another process may have migrated.
        guard case .integer(let now) = try database.scalar("PRAGMA user_version"), Int(now) == version else { return }
        switch version {
        case 0: try database.execute(LedgerSchema.version1)
        case 1:
          try database.execute(LedgerSchema.version2)
          try rebuildSummaries(database)
        case 2: try database.execute(LedgerSchema.version3)
        default: break
        }
        try database.execute("PRAGMA user_version = \(version + 1)")
      }
      guard case .integer(let now) = try database.scalar("PRAGMA user_version") else { return }
      version = Int(now)
    }
  }

  /// Replays every event into the (empty) summary tables, in the order they were recorded.
  private static func rebuildSummaries(_ database: SQLiteDatabase) throws {
    let events = try database.prepare(
      """
      SELECT at, seller, account, by, guide_id, guide_version, guide_sha256, step, credential, fingerprint,
        effective_at, detail, kind FROM events ORDER BY id
      """)
    var prepared: [LedgerEvent.Kind: [SQLiteDatabase.Statement]] = [:]
    try events.bind([])
    while try events.step() {
      guard let kindText = events.text(12), let kind = LedgerEvent.Kind(rawValue: kindText) else { continue }
      let values = (0..<12).map { events.value(Int32($0)) }
      if prepared[kind] == nil {
        prepared[kind] = try (LedgerSchema.apply[kind] ?? []).map { try database.prepare($0) }
      }
      for statement in prepared[kind] ?? [] { try statement.run(values) }
    }
  }

  /// The ledger's fingerprint key, made (32 random bytes) the first time.
  private static func loadKey(_ database: SQLiteDatabase) throws -> [UInt8] {
    if case .blob(let key) = try database.scalar("SELECT value FROM meta WHERE key = 'fingerprint_key'"),
      key.count == 32
    {
      return key
    }
    var generator = SystemRandomNumberGenerator()
    let key = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
    try database.transaction {
      let insert = try database.prepare(
        "INSERT INTO meta(key, value) VALUES('fingerprint_key', ?1) ON CONFLICT DO NOTHING")
      try insert.run([.blob(key)])
    }
    // Another process may have stored its key first: use whichever is stored.
    guard case .blob(let stored) = try database.scalar("SELECT value FROM meta WHERE key = 'fingerprint_key'") else {
      return key
    }
    return stored
  }
}

extension Ledger {
  /// The fingerprint the ledger holds for `account`'s credential `key`, if any.
  public func recordedFingerprint(account: String, key: String) throws -> String? {
    do {
      guard
        case .text(let fingerprint) = try database.scalar(
          "SELECT fingerprint FROM credentials WHERE account = ?1 AND credential = ?2", [.text(account), .text(key)])
      else { return nil }
      return fingerprint
    } catch let error as SQLiteError {
      throw Failure(description: "cannot read the ledger \(path): \(error.message)")
    }
  }

  /// The credential keys some guide's rotation policy names, sorted.
  public func rotatingCredentials() throws -> [String] {
    do {
      let statement = try database.prepare("SELECT DISTINCT credential FROM rotation_policies ORDER BY credential")
      try statement.bind([])
      var keys: [String] = []
      while try statement.step() { if let key = statement.text(0) { keys.append(key) } }
      return keys
    } catch let error as SQLiteError {
      throw Failure(description: "cannot read the ledger \(path): \(error.message)")
    }
  }
}
