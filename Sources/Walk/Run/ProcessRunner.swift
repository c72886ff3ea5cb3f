import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs one program in a process group of its own, with standard output and standard error
/// joined into one pipe whose bytes are handed on as they come, and a timeout after which the
/// whole group is killed (SIGTERM, then SIGKILL a second later).
///
/// Ctrl-C during a run reaches the walk (the program is not in the terminal's foreground
/// group); ``TerminalControl`` then kills the program's group before the walk ends.
struct ProcessRunner {
  /// The program (looked up in `PATH`) and its arguments.
  var arguments: [String]
  /// Text for the program's standard input (`nil`: `/dev/null`).
  var input: String?
  /// The program's environment, as `NAME=value` strings.
  var environment: [String]
  /// Seconds before the program is stopped.
  var timeout: Int

  /// Runs the program; `output` gets its output bytes as they come.
  func run(output: ([UInt8]) -> Void) -> RunOutcome {
    var outputPipe: [Int32] = [-1, -1]
    var inputPipe: [Int32] = [-1, -1]
    guard Self.makePipe(&outputPipe) else { return .notStarted(Self.systemError()) }
    defer { if outputPipe[0] >= 0 { close(outputPipe[0]) } }
    if input != nil {
      guard Self.makePipe(&inputPipe) else {
        close(outputPipe[1])
        return .notStarted(Self.systemError())
      }
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    if input != nil {
      posix_spawn_file_actions_adddup2(&actions, inputPipe[0], 0)
    } else {
      posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    }
    posix_spawn_file_actions_adddup2(&actions, outputPipe[1], 1)
    posix_spawn_file_actions_adddup2(&actions, outputPipe[1], 2)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    posix_spawnattr_setflags(
      &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
    posix_spawnattr_setpgroup(&attributes, 0)
    // The walk ignores SIGPIPE and may hold Ctrl-C back; the program starts with neither.
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for signalNumber in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT] { sigaddset(&defaults, signalNumber) }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    var emptyMask = sigset_t()
    sigemptyset(&emptyMask)
    posix_spawnattr_setsigmask(&attributes, &emptyMask)

    let argv = arguments.map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    let envp = environment.map { strdup($0) } + [nil]
    defer { for pointer in envp { free(pointer) } }
    var child: pid_t = 0
    let spawned = posix_spawnp(&child, arguments[0], &actions, &attributes, argv, envp)
    close(outputPipe[1])
    if input != nil { close(inputPipe[0]) }
    guard spawned == 0 else {
      if input != nil { close(inputPipe[1]) }
      return .notStarted("\(arguments[0]): \(String(cString: strerror(spawned)))")
    }
    TerminalControl.runningGroup(child)
    defer { TerminalControl.runningGroup(0) }

    let deadline = Date().addingTimeInterval(TimeInterval(timeout))
    if let input {
      _ = fcntl(inputPipe[1], F_SETFL, fcntl(inputPipe[1], F_GETFL) | O_NONBLOCK)
      // SIGPIPE is ignored by the walk: a program that stops reading gives EPIPE, not a signal.
      Self.writeAll(Array(input.utf8), to: inputPipe[1], until: deadline)
      close(inputPipe[1])
    }
    var buffer = [UInt8](repeating: 0, count: 8192)
    var timedOut = false
    var open = true
    while open {
      let remaining = deadline.timeIntervalSinceNow
      if remaining <= 0 {
        timedOut = true
        break
      }
      var descriptor = pollfd(fd: outputPipe[0], events: Int16(POLLIN), revents: 0)
      let ready = poll(&descriptor, 1, Int32(min(remaining, 0.25) * 1000) + 1)
      if ready < 0 && errno != EINTR { break }
      guard ready > 0 else { continue }
      let count = read(outputPipe[0], &buffer, buffer.count)
      if count > 0 {
        output(Array(buffer[0..<count]))
      } else if count == 0 || errno != EINTR {
        open = false
      }
    }
    // The pipe closed (or the time is up): wait for the program within what is left.
    var status: Int32 = 0
    while !timedOut {
      let waited = waitpid(child, &status, WNOHANG)
      if waited == child { return Self.outcome(status) }
      if waited < 0 && errno != EINTR { return .exited(-1) }
      if deadline.timeIntervalSinceNow <= 0 {
        timedOut = true
      } else {
        usleep(20_000)
      }
    }
    kill(-child, SIGTERM)
    let grace = Date().addingTimeInterval(1)
    while waitpid(child, &status, WNOHANG) == 0 && grace.timeIntervalSinceNow > 0 { usleep(20_000) }
    kill(-child, SIGKILL)
    _ = waitpid(child, &status, 0)
    return .timedOut(seconds: timeout)
  }

  private static func outcome(_ status: Int32) -> RunOutcome {
    let signal = status & 0x7F
    if signal == 0 { return .exited((status >> 8) & 0xFF) }
    return .signalled(signal)
  }

  private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, until deadline: Date) {
    var offset = 0
    while offset < bytes.count && deadline.timeIntervalSinceNow > 0 {
      let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
      if written > 0 {
        offset += written
      } else if written < 0 && errno == EAGAIN {
        usleep(10_000)
      } else if written < 0 && errno != EINTR {
        return
      }
    }
  }

  /// A pipe whose ends are closed in programs started later (each is dup'ed where it belongs).
  private static func makePipe(_ ends: inout [Int32]) -> Bool {
    guard pipe(&ends) == 0 else { return false }
    for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
    return true
  }

  private static func systemError() -> String { String(cString: strerror(errno)) }
}
