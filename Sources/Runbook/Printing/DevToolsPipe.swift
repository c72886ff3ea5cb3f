import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A browser started with `--remote-debugging-pipe`, spoken to over the Chrome DevTools
/// protocol: JSON messages ending in a NUL byte, which the browser reads on its descriptor 3
/// and writes on its descriptor 4.
///
/// Both descriptors are one end of a Unix socket pair, so writing after the browser died
/// fails with an error instead of a `SIGPIPE`, and closing our end tells the browser to quit.
/// The browser runs in its own process group, so that stopping it stops its helpers too.
final class DevToolsPipe {
  /// Talking to the browser failed.
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// The browser's process id.
  let pid: pid_t
  private var socket: Int32
  private var buffer: [UInt8] = []
  private var scanned = 0
  private var nextID = 0
  private var firedEvents: Set<String> = []
  private var exited = false

  /// Starts the browser.
  /// - Parameters:
  ///   - browser: the executable.
  ///   - arguments: its arguments (`--remote-debugging-pipe` is added).
  ///   - stderrPath: a file for what it prints on standard error.
  init(browser: String, arguments: [String], stderrPath: String) throws {
    var pair: [Int32] = [-1, -1]
    guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &pair) == 0 else {
      throw Failure(description: "cannot create a socket for the browser: \(Self.systemError())")
    }
    // Keep the browser's end away from 0–4, so that placing it at 3 and 4 cannot clobber it.
    let browserEnd = fcntl(pair[1], F_DUPFD_CLOEXEC, 10)
    close(pair[1])
    guard browserEnd >= 0 else {
      close(pair[0])
      throw Failure(description: "cannot prepare the browser's socket: \(Self.systemError())")
    }
    defer { close(browserEnd) }

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_adddup2(&actions, browserEnd, 3)
    posix_spawn_file_actions_adddup2(&actions, browserEnd, 4)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF))
    posix_spawnattr_setpgroup(&attributes, 0)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    sigaddset(&defaults, SIGPIPE)
    posix_spawnattr_setsigdefault(&attributes, &defaults)

    let argv = ([browser] + arguments + ["--remote-debugging-pipe"]).map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    let environment = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { for pointer in environment { free(pointer) } }
    var child: pid_t = 0
    let status = posix_spawn(&child, browser, &actions, &attributes, argv, environment)
    guard status == 0 else {
      close(pair[0])
      throw Failure(description: "cannot start the browser \(browser): \(String(cString: strerror(status)))")
    }
    self.pid = child
    self.socket = pair[0]
  }

  deinit {
    stop(grace: 0)
  }

  /// Sends a command and waits for its answer.
  /// - Returns: the answer's `result`.
  /// - Throws: ``Failure`` for an error answer, a dead browser or the deadline.
  @discardableResult
  func call(_ method: String, _ parameters: [String: Any] = [:], session: String? = nil, deadline: DispatchTime) throws
    -> [String: Any]
  {
    nextID += 1
    let id = nextID
    var message: [String: Any] = ["id": id, "method": method, "params": parameters]
    if let session { message["sessionId"] = session }
    try send(JSONSerialization.data(withJSONObject: message))
    while true {
      let reply = try receive(deadline: deadline, waitingFor: method)
      guard (reply["id"] as? Int) == id else {
        if let event = reply["method"] as? String { firedEvents.insert(Self.key(event, reply["sessionId"] as? String)) }
        continue
      }
      if let error = reply["error"] as? [String: Any] {
        throw Failure(description: "the browser refused \(method): \(error["message"] as? String ?? "unknown error")")
      }
      return reply["result"] as? [String: Any] ?? [:]
    }
  }

  /// Waits until the browser has sent an event (it may have come already).
  func waitForEvent(_ method: String, session: String?, deadline: DispatchTime) throws {
    let key = Self.key(method, session)
    while !firedEvents.contains(key) {
      let message = try receive(deadline: deadline, waitingFor: method)
      if let event = message["method"] as? String {
        firedEvents.insert(Self.key(event, message["sessionId"] as? String))
      }
    }
  }

  /// Forgets the events seen so far.
  func forgetEvents() { firedEvents.removeAll() }

  /// Asks the browser to quit, waits up to `grace` seconds, then kills its process group.
  func stop(grace: Double) {
    guard !exited else { return }
    if grace > 0, socket >= 0 {
      nextID += 1
      if let data = try? JSONSerialization.data(
        withJSONObject: ["id": nextID, "method": "Browser.close", "params": [:]] as [String: Any])
      {
        try? send(data)
      }
    }
    if socket >= 0 {
      close(socket)
      socket = -1
    }
    let end = DispatchTime.now() + grace
    var status: Int32 = 0
    while DispatchTime.now() < end {
      if waitpid(pid, &status, WNOHANG) == pid {
        exited = true
        kill(-pid, SIGKILL)
        return
      }
      usleep(20_000)
    }
    kill(-pid, SIGKILL)
    kill(pid, SIGKILL)
    _ = waitpid(pid, &status, 0)
    exited = true
  }

  /// Whether the browser is still running.
  var isRunning: Bool {
    guard !exited else { return false }
    var status: Int32 = 0
    if waitpid(pid, &status, WNOHANG) == pid {
      exited = true
      return false
    }
    return true
  }

  // MARK: - Messages

  private func send(_ data: Data) throws {
    var bytes = [UInt8](data)
    bytes.append(0)
    var sent = 0
    while sent < bytes.count {
      let result = bytes.withUnsafeBytes { buffer -> Int in
        guard let base = buffer.baseAddress else { return 0 }
        return socketSend(socket, base + sent, bytes.count - sent)
      }
      if result < 0 {
        if errno == EINTR { continue }
        throw Failure(description: "the browser stopped listening (\(Self.systemError()))")
      }
      sent += result
    }
  }

  private func receive(deadline: DispatchTime, waitingFor what: String) throws -> [String: Any] {
    while true {
      if let end = buffer[scanned...].firstIndex(of: 0) {
        let message = Array(buffer[..<end])
        buffer.removeSubrange(...end)
        scanned = 0
        guard let object = try? JSONSerialization.jsonObject(with: Data(message)),
          let dictionary = object as? [String: Any]
        else { throw Failure(description: "the browser sent a message that is not JSON") }
        return dictionary
      }
      scanned = buffer.count
      let now = DispatchTime.now()
      guard now < deadline else { throw Failure(description: "the browser did not answer \(what) in time") }
      let milliseconds = Int32(
        min(Double(Int32.max), Double(deadline.uptimeNanoseconds - now.uptimeNanoseconds) / 1_000_000))
      var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
      let ready = poll(&descriptor, 1, max(1, milliseconds))
      if ready < 0 {
        if errno == EINTR { continue }
        throw Failure(description: "cannot read from the browser: \(Self.systemError())")
      }
      if ready == 0 { continue }
      var chunk = [UInt8](repeating: 0, count: 1 << 20)
      let count = chunk.withUnsafeMutableBytes { read(socket, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR || errno == EAGAIN { continue }
        throw Failure(description: "cannot read from the browser: \(Self.systemError())")
      }
      if count == 0 { throw Failure(description: "the browser quit while waiting for \(what)") }
      buffer.append(contentsOf: chunk[..<count])
    }
  }

  private static func key(_ event: String, _ session: String?) -> String {
    event + "\u{0}" + (session ?? "")
  }

  private static func systemError() -> String {
    String(cString: strerror(errno))
  }
}

/// `send(2)` without `SIGPIPE` (outside the class, whose own `send` would shadow it).
private func socketSend(_ socket: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
  send(socket, bytes, count, Int32(MSG_NOSIGNAL))
}
