/// What a server answered to one request: the status, the headers (names in lower case) and
/// at most ``HTTPClient/Limits/maxBodyBytes`` of the body. The body may hold secrets (an access
/// token, or a value the server echoes): it is read, never shown.
struct HTTPAnswer: Sendable {
  /// The HTTP status.
  var status: Int
  /// The headers, names in lower case.
  var headers: [String: String]
  /// The body's bytes.
  var body: [UInt8]
}

/// Why a request got no answer. The words name the address's host, never a value.
enum HTTPFailure: Error, Sendable, Equatable {
  /// No answer within the timeout.
  case timedOut(seconds: Double)
  /// The connection failed (refused, reset, closed, name not found, TLS failed).
  case unreachable(reason: String)
  /// The body was larger than the limit.
  case tooLarge(limit: Int)

  /// The failure in words, completing "the token endpoint at host …".
  var words: String {
    switch self {
    case .timedOut(let seconds): return "did not answer within \(Self.seconds(seconds))"
    case .unreachable(let reason): return "could not be reached (\(reason))"
    case .tooLarge(let limit): return "answered with more than \(limit / 1024) KB, which was not read"
    }
  }

  static func seconds(_ value: Double) -> String {
    value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
  }
}
