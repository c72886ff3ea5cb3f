import Foundation
import OnboardSupport

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Sends one request through Foundation's URLSession (libcurl on Linux, which honours
/// `HTTPS_PROXY` and `NO_PROXY`) and waits for the answer: no redirect is followed, no cookie
/// or cache is kept, the body is read up to a limit, and the whole exchange is bounded by the
/// timeout.
struct HTTPClient: Sendable {
  /// Bounds of one request.
  struct Limits: Sendable {
    /// Seconds one request may take, connection included.
    var timeout: Double
    /// The longest body read; a longer answer is dropped.
    var maxBodyBytes: Int = 64 * 1024
  }

  var limits: Limits

  /// Sends `request` and waits for the answer.
  func send(_ request: URLRequest) -> Result<HTTPAnswer, HTTPFailure> {
    var request = request
    request.timeoutInterval = limits.timeout
    request.cachePolicy = .reloadIgnoringLocalAndRemoteCacheData
    request.httpShouldHandleCookies = false
    let configuration = URLSessionConfiguration.ephemeral
    configuration.timeoutIntervalForRequest = limits.timeout
    configuration.timeoutIntervalForResource = limits.timeout
    configuration.urlCache = nil
    configuration.httpCookieStorage = nil
    configuration.httpShouldSetCookies = false
    configuration.httpMaximumConnectionsPerHost = 1
    let collector = ResponseCollector(limit: limits.maxBodyBytes)
    let session = URLSession(configuration: configuration, delegate: collector, delegateQueue: nil)
    defer { session.finishTasksAndInvalidate() }
    let task = session.dataTask(with: request)
    task.resume()
    // A second bound beside URLSession's own: libcurl's timers count idle time, so a server
    // that trickles bytes could otherwise hold the request for longer.
    if collector.finished.wait(timeout: .now() + limits.timeout + 0.5) == .timedOut {
      task.cancel()
      _ = collector.finished.wait(timeout: .now() + 2)
      return .failure(.timedOut(seconds: limits.timeout))
    }
    return collector.result(timeout: limits.timeout)
  }
}

/// Collects one task's answer, up to a byte limit, and refuses redirects.
///
/// `Sendable`: its stored properties are constants of `Sendable` types; the mutable state is
/// behind ``Locked``.
final class ResponseCollector: NSObject, URLSessionDataDelegate, Sendable {
  struct State: Sendable {
    var status: Int?
    var headers: [String: String] = [:]
    var body: [UInt8] = []
    var tooLarge = false
    var failure: HTTPFailure?
    var errorCode: Int?
  }

  let limit: Int
  let state = Locked(State())
  /// Signalled once when the task completes.
  let finished = DispatchSemaphore(value: 0)

  init(limit: Int) {
    self.limit = limit
  }

  func urlSession(
    _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
    completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
  ) {
    if let http = response as? HTTPURLResponse {
      var headers: [String: String] = [:]
      for (name, value) in http.allHeaderFields {
        if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
      }
      state.withLock {
        $0.status = http.statusCode
        $0.headers = headers
      }
    }
    completionHandler(.allow)
  }

  func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
    let over = state.withLock { state -> Bool in
      guard !state.tooLarge else { return true }
      if state.body.count + data.count > limit {
        state.tooLarge = true
        state.body = []
        return true
      }
      state.body.append(contentsOf: data)
      return false
    }
    if over { dataTask.cancel() }
  }

  func urlSession(
    _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
    newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
  ) {
    // No redirect is followed: the 3xx answer is the answer.
    completionHandler(nil)
  }

  func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
    if let error {
      let code = (error as NSError).code
      state.withLock { $0.errorCode = code }
    }
    finished.signal()
  }

  /// The answer, once ``finished`` was signalled.
  func result(timeout: Double) -> Result<HTTPAnswer, HTTPFailure> {
    state.withLock { state in
      if state.tooLarge { return .failure(.tooLarge(limit: limit)) }
      if let code = state.errorCode {
        if code == NSURLErrorTimedOut { return .failure(.timedOut(seconds: timeout)) }
        return .failure(.unreachable(reason: Self.reason(code)))
      }
      guard let status = state.status else { return .failure(.unreachable(reason: "no HTTP answer")) }
      return .success(HTTPAnswer(status: status, headers: state.headers, body: state.body))
    }
  }

  /// URLSession's error codes in words (its own descriptions may quote the address).
  static func reason(_ code: Int) -> String {
    switch code {
    case NSURLErrorCannotConnectToHost: return "connection refused"
    case NSURLErrorNetworkConnectionLost: return "the connection was closed"
    case NSURLErrorCannotFindHost, NSURLErrorDNSLookupFailed: return "the host name was not found"
    case NSURLErrorNotConnectedToInternet: return "no network"
    case NSURLErrorBadServerResponse: return "the answer was not HTTP"
    case NSURLErrorSecureConnectionFailed, NSURLErrorServerCertificateUntrusted,
      NSURLErrorServerCertificateHasBadDate, NSURLErrorServerCertificateNotYetValid,
      NSURLErrorServerCertificateHasUnknownRoot, NSURLErrorClientCertificateRejected:
      return "the TLS connection failed"
    case NSURLErrorCancelled: return "the request was cancelled"
    default: return "network error \(code)"
    }
  }
}
