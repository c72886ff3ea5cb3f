import Foundation

/// A value shared between threads behind a lock: ``withLock(_:)`` is the only way to it.
///
/// The lock is a pthread mutex (`NSLock`), which ThreadSanitizer understands. The standard
/// library's `Synchronization.Mutex` locks with futex calls that ThreadSanitizer cannot see on
/// Linux, so the tsan gate reported every access made inside it as a race.
public final class Locked<Value: Sendable>: @unchecked Sendable {  // safe: see the comment below
  // It is safe to share (hence `@unchecked Sendable`): `value` is read and written only inside
  // `withLock`, while `lock` is held, and `Value` is itself `Sendable`.
  private let lock = NSLock()
  private var value: Value

  /// A lock around `value`.
  public init(_ value: Value) {
    self.value = value
  }

  /// Runs `body` with the value while holding the lock, and returns what it returns.
  public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
    lock.lock()
    defer { lock.unlock() }
    return try body(&value)
  }
}
