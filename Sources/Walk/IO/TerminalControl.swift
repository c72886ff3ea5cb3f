import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The terminal state a walk changes (echo, for hidden input) and the signal handlers that put
/// it back.
///
/// Ctrl-C (SIGINT), SIGTERM and SIGHUP restore the saved terminal settings, print a line
/// break and end the process at once with 128 + the signal number (130 for Ctrl-C), writing
/// no file. The state lives in process globals because a signal handler can reach nothing
/// else; only async-signal-safe calls (`tcsetattr`, `write`, `_exit`) run in the handler.
public enum TerminalControl {
  /// Installs the handlers. Call once, before the first prompt.
  public static func installInterruptHandlers() {
    // Touch the globals first, so that the handler never runs their lazy initialisation.
    terminalControlHasSaved = 0
    runningGroup(0)
    terminalControlDescriptor = STDIN_FILENO
    terminalControlSaved.pointee = termios()
    for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
      signal(signalNumber, terminalControlHandleSignal)
    }
    // A process that ends through exit() (a failed write of standard output, say) while echo
    // is off gives the terminal back as it found it.
    atexit { TerminalControl.restoreEcho() }
  }

  /// Runs `body` with Ctrl-C, SIGTERM and SIGHUP held back, so that a file being written is
  /// completed (or not begun) before the process ends. A signal that arrives meanwhile is
  /// delivered when `body` returns.
  public static func withInterruptsDeferred<T>(_ body: () throws -> T) rethrows -> T {
    var blocked = sigset_t()
    var previous = sigset_t()
    sigemptyset(&blocked)
    sigaddset(&blocked, SIGINT)
    sigaddset(&blocked, SIGTERM)
    sigaddset(&blocked, SIGHUP)
    sigprocmask(SIG_BLOCK, &blocked, &previous)
    defer { sigprocmask(SIG_SETMASK, &previous, nil) }
    return try body()
  }

  /// Turns echo off on `descriptor` (a terminal) and returns whether it did.
  /// The previous settings are kept for ``restoreEcho()`` and the signal handlers.
  static func disableEcho(_ descriptor: Int32) -> Bool {
    var settings = termios()
    guard tcgetattr(descriptor, &settings) == 0 else { return false }
    terminalControlSaved.pointee = settings
    terminalControlDescriptor = descriptor
    terminalControlHasSaved = 1
    var hidden = settings
    hidden.c_lflag &= ~tcflag_t(ECHO)
    hidden.c_lflag |= tcflag_t(ECHONL)
    // TCSANOW, not TCSAFLUSH: input typed ahead is kept, not thrown away.
    guard tcsetattr(descriptor, TCSANOW, &hidden) == 0 else {
      terminalControlHasSaved = 0
      return false
    }
    return true
  }

  /// Records the process group of a program the walk runs (0 when none runs), so that Ctrl-C,
  /// SIGTERM and SIGHUP end that group too: it is not in the terminal's foreground group, so
  /// the terminal's Ctrl-C reaches only the walk.
  /// The lock orders the writes of threads that run programs at once (tests do; a walk runs one
  /// at a time). The signal handler only reads the value, without the lock, which it may not take.
  static func runningGroup(_ group: pid_t) {
    terminalControlRunningGroupLock.lock()
    terminalControlRunningGroup = group
    terminalControlRunningGroupLock.unlock()
  }

  /// Puts back the settings saved by ``disableEcho(_:)``.
  static func restoreEcho() {
    guard terminalControlHasSaved != 0 else { return }
    var saved = terminalControlSaved.pointee
    _ = tcsetattr(terminalControlDescriptor, TCSANOW, &saved)
    terminalControlHasSaved = 0
  }
}

// Process-global state for the signal handler (which can capture nothing).
/// The saved settings, on the heap. A global of the imported C type `termios` is laid out with
/// its size (57 bytes) while a store writes its stride (60), which AddressSanitizer reports as a
/// global-buffer-overflow; an allocation of one `termios` has its stride. Allocated once, on the
/// first touch in ``TerminalControl/installInterruptHandlers()``, before any handler can run.
nonisolated(unsafe) private let terminalControlSaved: UnsafeMutablePointer<termios> = {
  let pointer = UnsafeMutablePointer<termios>.allocate(capacity: 1)
  pointer.initialize(to: termios())
  return pointer
}()
nonisolated(unsafe) private var terminalControlDescriptor: Int32 = 0
nonisolated(unsafe) private var terminalControlHasSaved: Int32 = 0
nonisolated(unsafe) private var terminalControlRunningGroup: pid_t = 0
private let terminalControlRunningGroupLock = NSLock()

/// The signal handler: stop a running program's group, restore the terminal, end the line, exit
/// with 128 + signal.
private func terminalControlHandleSignal(_ signalNumber: Int32) {
  if terminalControlRunningGroup > 0 { _ = kill(-terminalControlRunningGroup, SIGTERM) }
  if terminalControlHasSaved != 0 {
    var saved = terminalControlSaved.pointee
    _ = tcsetattr(terminalControlDescriptor, TCSANOW, &saved)
  }
  var newline: UInt8 = 0x0A
  _ = write(STDERR_FILENO, &newline, 1)
  _exit(128 + signalNumber)
}
