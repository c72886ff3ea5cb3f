import CSQLite

/// An error from SQLite: its result code and message (which name tables and columns, never
/// bound values).
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
  /// SQLite's (extended) result code.
  public var code: Int32
  /// SQLite's message.
  public var message: String

  public var description: String { "SQLite error \(code): \(message)" }
}

/// A value bound to, or read from, an SQL statement.
public enum SQLiteValue: Sendable, Equatable {
  case null
  case integer(Int64)
  case text(String)
  case blob([UInt8])
}

/// The one wrapper over the system's libsqlite3 (the `CSQLite` system-library target): a
/// connection, statements, and transactions. Nothing else imports `CSQLite`.
///
/// A connection is used by one thread at a time (it is a class; the ledger owns it).
public final class SQLiteDatabase {
  private let handle: OpaquePointer

  /// Opens (creating when `create`) the database file at `path`, with a busy timeout so that
  /// writers in other processes are waited for.
  public init(path: String, create: Bool = true, busyTimeoutMilliseconds: Int32 = 10_000) throws {
    var pointer: OpaquePointer?
    let flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX
    let status = sqlite3_open_v2(path, &pointer, flags, nil)
    guard status == SQLITE_OK, let pointer else {
      let message = pointer.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open \(path)"
      if let pointer { sqlite3_close_v2(pointer) }
      throw SQLiteError(code: status, message: message)
    }
    handle = pointer
    sqlite3_extended_result_codes(handle, 1)
    sqlite3_busy_timeout(handle, busyTimeoutMilliseconds)
  }

  deinit { sqlite3_close_v2(handle) }

  private func error(_ code: Int32) -> SQLiteError {
    SQLiteError(code: code, message: String(cString: sqlite3_errmsg(handle)))
  }

  /// Runs one or more statements that bind nothing.
  public func execute(_ sql: String) throws {
    var message: UnsafeMutablePointer<CChar>?
    let status = sqlite3_exec(handle, sql, nil, nil, &message)
    guard status == SQLITE_OK else {
      let text = message.map { String(cString: $0) } ?? "statement failed"
      sqlite3_free(message)
      throw SQLiteError(code: status, message: text)
    }
  }

  /// Prepares a statement.
  public func prepare(_ sql: String) throws -> Statement {
    var statement: OpaquePointer?
    let status = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
    guard status == SQLITE_OK, let statement else { throw error(status) }
    return Statement(handle: statement, database: self)
  }

  /// Runs `body` in a transaction (`BEGIN IMMEDIATE`: the write lock is taken first, so two
  /// writers wait for each other instead of failing on upgrade), committing when it returns
  /// and rolling back when it throws.
  public func transaction<T>(_ body: () throws -> T) throws -> T {
    try execute("BEGIN IMMEDIATE")
    do {
      let result = try body()
      try execute("COMMIT")
      return result
    } catch {
      try? execute("ROLLBACK")
      throw error
    }
  }

  /// The first column of the first row of a query, or `.null`.
  public func scalar(_ sql: String, _ values: [SQLiteValue] = []) throws -> SQLiteValue {
    let statement = try prepare(sql)
    try statement.bind(values)
    return try statement.step() ? statement.value(0) : .null
  }

  /// Rows changed by the last statement.
  public var changes: Int { Int(sqlite3_changes(handle)) }

  /// A prepared statement.
  public final class Statement {
    private let handle: OpaquePointer
    private let database: SQLiteDatabase

    fileprivate init(handle: OpaquePointer, database: SQLiteDatabase) {
      self.handle = handle
      self.database = database
    }

    deinit { sqlite3_finalize(handle) }

    // SQLITE_TRANSIENT: SQLite copies the bytes before bind returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Resets the statement and binds `values` to parameters 1…n (values past the statement's
    /// highest parameter are not bound, so statements can take a prefix of a common list).
    public func bind(_ values: [SQLiteValue]) throws {
      sqlite3_reset(handle)
      sqlite3_clear_bindings(handle)
      let parameters = Int(sqlite3_bind_parameter_count(handle))
      for (offset, value) in values.prefix(parameters).enumerated() {
        let index = Int32(offset + 1)
        let status: Int32
        switch value {
        case .null: status = sqlite3_bind_null(handle, index)
        case .integer(let number): status = sqlite3_bind_int64(handle, index, number)
        case .text(let text): status = sqlite3_bind_text(handle, index, text, -1, Self.transient)
        case .blob(let bytes):
          status = bytes.withUnsafeBytes {
            sqlite3_bind_blob(handle, index, $0.baseAddress, Int32($0.count), Self.transient)
          }
        }
        guard status == SQLITE_OK else { throw database.error(status) }
      }
    }

    /// Steps once: `true` when a row is ready, `false` when done.
    public func step() throws -> Bool {
      let status = sqlite3_step(handle)
      if status == SQLITE_ROW { return true }
      if status == SQLITE_DONE { return false }
      throw database.error(status)
    }

    /// Binds `values` and runs the statement to its end.
    public func run(_ values: [SQLiteValue]) throws {
      try bind(values)
      while try step() {}
    }

    /// Column `index` of the current row.
    public func value(_ index: Int32) -> SQLiteValue {
      switch sqlite3_column_type(handle, index) {
      case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, index))
      case SQLITE_TEXT: return .text(text(index) ?? "")
      case SQLITE_BLOB:
        let count = Int(sqlite3_column_bytes(handle, index))
        guard count > 0, let bytes = sqlite3_column_blob(handle, index) else { return .blob([]) }
        return .blob(Array(UnsafeRawBufferPointer(start: bytes, count: count)))
      default: return .null
      }
    }

    /// Column `index` as text, or `nil` when NULL.
    public func text(_ index: Int32) -> String? {
      guard sqlite3_column_type(handle, index) != SQLITE_NULL, let bytes = sqlite3_column_text(handle, index) else {
        return nil
      }
      return String(cString: bytes)
    }

    /// Column `index` as an integer, or `nil` when NULL.
    public func integer(_ index: Int32) -> Int64? {
      sqlite3_column_type(handle, index) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, index)
    }
  }
}
