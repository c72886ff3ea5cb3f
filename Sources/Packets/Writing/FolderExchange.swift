import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Puts a finished folder in place of an existing one.
///
/// On Linux it swaps the two atomically with `renameat2(RENAME_EXCHANGE)` (looked up at run
/// time, as Swift's Glibc module does not export it), so a reader sees the old packet or the
/// new one, never none. Where that is not available it renames the old folder aside and the
/// new one into place: a reader may then briefly see no folder, but never half of one.
enum FolderExchange {
  private typealias Renameat2 =
    @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

  private static let renameat2: Renameat2? = {
    #if os(Linux)
      guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "renameat2") else { return nil }
      return unsafeBitCast(symbol, to: Renameat2.self)
    #else
      return nil
    #endif
  }()

  /// Swaps `new` and `old` (both exist). Afterwards `old`'s path holds the new folder and
  /// `new`'s path the old one.
  /// - Returns: whether the swap happened (false: not supported here).
  static func exchange(_ new: String, _ old: String) -> Bool {
    guard let renameat2 else { return false }
    let atCurrent: Int32 = -100  // AT_FDCWD
    let exchangeFlag: UInt32 = 2  // RENAME_EXCHANGE
    return renameat2(atCurrent, new, atCurrent, old, exchangeFlag) == 0
  }
}
