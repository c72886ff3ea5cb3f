/// The ledger's schema and its versioned migrations (`PRAGMA user_version`). docs/ledger.md
/// describes every table.
///
/// - Version 1: the audit log alone (`meta`, `events`).
/// - Version 2: the per-seller and per-account summary tables that `status` reads, kept up to
///   date in the same transaction as each event, and rebuilt from the events when a version 1
///   ledger is opened.
/// - Version 3: `guide_texts`, the text of every guide file `packets` sent, by its SHA-256, so
///   `packets --since-ledger` can compare against the guide each seller last received. A ledger
///   migrated from version 2 has no texts for the packets it recorded before.
enum LedgerSchema {
  /// The version this build writes.
  static let currentVersion = 3

  /// Version 1: the events and the ledger's own settings (the fingerprint key).
  static let version1 = """
    CREATE TABLE meta(key TEXT PRIMARY KEY, value BLOB NOT NULL);
    CREATE TABLE events(
      id INTEGER PRIMARY KEY,
      at INTEGER NOT NULL,
      kind TEXT NOT NULL,
      seller TEXT, account TEXT, by TEXT,
      guide_id TEXT, guide_version TEXT, guide_sha256 TEXT,
      step TEXT, credential TEXT, fingerprint TEXT, effective_at INTEGER,
      detail TEXT);
    CREATE INDEX events_seller ON events(seller, id);
    """

  /// Version 2: the summaries.
  static let version2 = """
    CREATE TABLE sellers(
      seller TEXT PRIMARY KEY,
      account TEXT, name TEXT,
      guide_id TEXT, guide_version TEXT, guide_sha256 TEXT, sent_at INTEGER,
      steps TEXT NOT NULL DEFAULT '[]',
      steps_total INTEGER NOT NULL DEFAULT 0,
      steps_done INTEGER NOT NULL DEFAULT 0,
      last_step TEXT, last_by TEXT, last_at INTEGER,
      last_activity INTEGER) WITHOUT ROWID;
    CREATE TABLE confirmed_steps(
      seller TEXT NOT NULL, step TEXT NOT NULL, by TEXT, at INTEGER NOT NULL,
      PRIMARY KEY(seller, step)) WITHOUT ROWID;
    CREATE TABLE credentials(
      account TEXT NOT NULL, credential TEXT NOT NULL,
      fingerprint TEXT, collected_at INTEGER, rotated_at INTEGER, recorded_at INTEGER NOT NULL,
      source TEXT,
      PRIMARY KEY(account, credential)) WITHOUT ROWID;
    CREATE TABLE rotation_policies(
      guide_id TEXT NOT NULL, credential TEXT NOT NULL,
      rotate_every_days INTEGER NOT NULL, warn_before_days INTEGER NOT NULL,
      PRIMARY KEY(guide_id, credential)) WITHOUT ROWID;
    CREATE TABLE verifications(
      account TEXT PRIMARY KEY, result TEXT NOT NULL, at INTEGER NOT NULL) WITHOUT ROWID;
    """

  /// Version 3: the guide texts. A guide's text is the template every seller's packet is filled
  /// from, before any seller's value, so it holds no secret.
  static let version3 = """
    CREATE TABLE guide_texts(sha256 TEXT PRIMARY KEY, text BLOB NOT NULL) WITHOUT ROWID;
    """

  /// Stores a guide's text once per SHA-256.
  static let insertGuideText = "INSERT OR IGNORE INTO guide_texts(sha256, text) VALUES(?1, ?2)"

  /// How each kind of event updates the summaries: SQL whose parameters are the event's
  /// columns, in the order of ``LedgerEvent`` (see `Ledger.apply`): ?1 at, ?2 seller,
  /// ?3 account, ?4 by, ?5 guide_id, ?6 guide_version, ?7 guide_sha256, ?8 step, ?9 credential,
  /// ?10 fingerprint, ?11 effective_at, ?12 detail.
  static let apply: [LedgerEvent.Kind: [String]] = [
    .packet: [
      """
      INSERT INTO sellers(seller, account, name, guide_id, guide_version, guide_sha256, sent_at, steps, steps_total,
        steps_done, last_activity)
      VALUES(?2, ?3, json_extract(?12, '$.name'), ?5, ?6, ?7, ?1, json_extract(?12, '$.steps'),
        json_array_length(?12, '$.steps'),
        (SELECT count(*) FROM confirmed_steps c WHERE c.seller = ?2
          AND c.step IN (SELECT value FROM json_each(?12, '$.steps'))),
        ?1)
      ON CONFLICT(seller) DO UPDATE SET account = excluded.account, name = excluded.name,
        guide_id = excluded.guide_id, guide_version = excluded.guide_version, guide_sha256 = excluded.guide_sha256,
        sent_at = excluded.sent_at, steps = excluded.steps, steps_total = excluded.steps_total,
        steps_done = excluded.steps_done, last_activity = max(coalesce(last_activity, 0), excluded.last_activity)
      """
    ],
    .step: [
      """
      INSERT INTO sellers(seller, account, last_activity) VALUES(?2, ?3, ?1)
      ON CONFLICT(seller) DO UPDATE SET account = coalesce(sellers.account, excluded.account)
      """,
      """
      UPDATE sellers SET steps_done = steps_done + 1
      WHERE seller = ?2 AND NOT EXISTS (SELECT 1 FROM confirmed_steps WHERE seller = ?2 AND step = ?8)
        AND ?8 IN (SELECT value FROM json_each(sellers.steps))
      """,
      """
      INSERT INTO confirmed_steps(seller, step, by, at) VALUES(?2, ?8, ?4, ?1) ON CONFLICT DO NOTHING
      """,
      """
      UPDATE sellers SET last_step = ?8, last_by = ?4, last_at = ?1,
        last_activity = max(coalesce(last_activity, 0), ?1) WHERE seller = ?2
      """,
    ],
    .credential: [
      """
      INSERT INTO credentials(account, credential, fingerprint, collected_at, rotated_at, recorded_at, source)
      VALUES(?3, ?9, ?10, ?11, NULL, ?1, json_extract(?12, '$.source'))
      ON CONFLICT(account, credential) DO UPDATE SET
        collected_at = CASE WHEN credentials.fingerprint IS excluded.fingerprint
          THEN coalesce(excluded.collected_at, credentials.collected_at) ELSE excluded.collected_at END,
        rotated_at = CASE WHEN credentials.fingerprint IS excluded.fingerprint
          THEN credentials.rotated_at ELSE NULL END,
        fingerprint = excluded.fingerprint, recorded_at = excluded.recorded_at, source = excluded.source
      """,
      """
      UPDATE sellers SET last_activity = max(coalesce(last_activity, 0), ?1) WHERE seller = ?2
      """,
    ],
    .rotated: [
      """
      INSERT INTO credentials(account, credential, rotated_at, recorded_at, source)
      VALUES(?3, ?9, ?11, ?1, 'rotated')
      ON CONFLICT(account, credential) DO UPDATE SET rotated_at = excluded.rotated_at,
        recorded_at = excluded.recorded_at
      """
    ],
    .policy: [
      """
      INSERT INTO rotation_policies(guide_id, credential, rotate_every_days, warn_before_days)
      VALUES(?5, ?9, json_extract(?12, '$.rotate_every_days'), json_extract(?12, '$.warn_before_days'))
      ON CONFLICT(guide_id, credential) DO UPDATE SET rotate_every_days = excluded.rotate_every_days,
        warn_before_days = excluded.warn_before_days
      """
    ],
    .verify: [
      """
      INSERT INTO verifications(account, result, at) VALUES(?3, json_extract(?12, '$.result'), ?1)
      ON CONFLICT(account) DO UPDATE SET result = excluded.result, at = excluded.at
      """,
      """
      UPDATE sellers SET last_activity = max(coalesce(last_activity, 0), ?1)
      WHERE seller = ?2 OR (?2 IS NULL AND account = ?3)
      """,
    ],
  ]

  /// Inserts an event into the log.
  static let insertEvent = """
    INSERT INTO events(at, seller, account, by, guide_id, guide_version, guide_sha256, step, credential, fingerprint,
      effective_at, detail, kind)
    VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
    """
}
