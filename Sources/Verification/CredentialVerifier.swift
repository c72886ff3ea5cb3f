import CredentialSpecs
import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Proves one account's credentials with the service, as the guide's `verify:` declares: an
/// OAuth 2.0 refresh-token exchange, then (if declared and not turned off) one read-only call
/// with the access token. This is the library entry point `onboard verify` and the walk share.
///
/// Nothing it returns holds a value, the access token or unredacted server text.
public struct CredentialVerifier: Sendable {
  /// The guide's declaration.
  public var spec: VerificationSpec
  /// Timeouts, retries, overrides.
  public var options: VerificationOptions
  /// The credential keys in the guide's order (suspected credentials are listed so).
  public var order: [String]

  /// Creates a verifier.
  public init(spec: VerificationSpec, options: VerificationOptions = VerificationOptions(), order: [String] = []) {
    self.spec = spec
    self.options = options
    self.order = order
  }

  /// Verifies one account's values.
  /// - Parameters:
  ///   - values: the collected values by credential key (only the three roles are sent).
  ///   - variables: what fills `{{variables}}` in the addresses: the guide's data-table row
  ///     for the account, never a roster field, so no roster row can send secrets elsewhere.
  /// - Returns: the outcome with a verdict for each role credential.
  public func verify(values: [String: String], variables: [String: String] = [:]) -> VerificationResult {
    let roles = spec.roleKeys
    var unknown: [String: CredentialVerdict] = [:]
    for key in roles { unknown[key] = .unknown }
    let missing = roles.filter { (values[$0] ?? "").isEmpty }
    if !missing.isEmpty {
      return VerificationResult(
        outcome: .notChecked, stage: .setup, verdicts: unknown, suspected: missing, answer: "missing",
        summary: "no value for " + Self.listed(ordered(missing)) + ", which the check sends",
        fix: "Fill in " + Self.listed(ordered(missing)) + " (onboard lint lists what is missing).")
    }
    let secrets = roles.compactMap { values[$0] }
    let tokenAddress: String
    switch address(options.tokenURL ?? spec.tokenURL, variables: variables, what: "the token endpoint") {
    case .success(let value): tokenAddress = value
    case .failure(let problem):
      return VerificationResult(outcome: .notChecked, stage: .setup, verdicts: unknown, summary: problem.words)
    }
    let form = [
      ("grant_type", "refresh_token"), ("refresh_token", values[spec.refreshToken] ?? ""),
      ("client_id", values[spec.clientID] ?? ""), ("client_secret", values[spec.clientSecret] ?? ""),
    ]
    guard let tokenURL = URL(string: tokenAddress) else {
      return VerificationResult(
        outcome: .notChecked, stage: .setup, verdicts: unknown, summary: "the token endpoint is not a valid address")
    }
    var request = URLRequest(url: tokenURL)
    request.httpMethod = "POST"
    request.setValue("application/x-www-form-urlencoded;charset=UTF-8", forHTTPHeaderField: "Content-Type")
    request.setValue("application/json", forHTTPHeaderField: "Accept")
    request.httpBody = Data(Self.formEncoded(form).utf8)
    let host = Self.hostWords(tokenURL)
    let exchange = send(request)
    var attempts = exchange.attempts
    let answer: HTTPAnswer
    switch exchange.result {
    case .failure(let failure):
      return VerificationResult(
        outcome: .notChecked, stage: .token, verdicts: unknown,
        summary: "the token endpoint \(host) \(failure.words)", attempts: attempts)
    case .success(let value): answer = value
    }
    let body = Self.json(answer.body)
    let redactor = ServerTextRedactor(secrets: secrets + [(body?["access_token"] as? String) ?? ""])
    guard (200..<300).contains(answer.status) else {
      let code = (body?["error"] as? String).flatMap { Self.isErrorCode($0) ? $0 : nil }
      let description = (body?["error_description"] as? String).flatMap { redactor.redact($0) }
      return failed(
        stage: .token, status: answer.status, code: code, description: description, mappings: spec.errors,
        host: "the token endpoint \(host)", attempts: attempts, retryAfter: answer.headers["retry-after"])
    }
    guard let accessToken = body?["access_token"] as? String, !accessToken.isEmpty else {
      return VerificationResult(
        outcome: .notChecked, stage: .token, verdicts: unknown, status: answer.status,
        summary: "the token endpoint \(host) answered HTTP \(answer.status) without an access_token", attempts: attempts
      )
    }
    var verdicts: [String: CredentialVerdict] = [:]
    for key in roles { verdicts[key] = .works }
    guard let probe = spec.probe else {
      return VerificationResult(
        outcome: .passed, stage: .token, verdicts: verdicts, status: answer.status,
        summary: "the token exchange succeeded", attempts: attempts)
    }
    guard options.probe else {
      return VerificationResult(
        outcome: .passed, stage: .token, verdicts: verdicts, status: answer.status,
        summary: "the token exchange succeeded", probeSkipped: "--no-probe", attempts: attempts)
    }
    let probeAddress: String
    switch address(probe.url, variables: variables, what: "the probe", origin: options.apiEndpoint) {
    case .success(let value): probeAddress = value
    case .failure(let problem):
      return VerificationResult(
        outcome: .passed, stage: .token, verdicts: verdicts, status: answer.status,
        summary: "the token exchange succeeded", probeSkipped: problem.words, attempts: attempts)
    }
    guard let probeURL = URL(string: probeAddress) else {
      return VerificationResult(
        outcome: .passed, stage: .token, verdicts: verdicts, status: answer.status,
        summary: "the token exchange succeeded", probeSkipped: "the probe's address is not valid", attempts: attempts)
    }
    var probeRequest = URLRequest(url: probeURL)
    probeRequest.httpMethod = probe.method
    probeRequest.setValue("application/json", forHTTPHeaderField: "Accept")
    if let header = probe.tokenHeader {
      probeRequest.setValue(accessToken, forHTTPHeaderField: header)
    } else {
      probeRequest.setValue("Bearer " + accessToken, forHTTPHeaderField: "Authorization")
    }
    let probeHost = Self.hostWords(probeURL)
    let probed = send(probeRequest)
    attempts += probed.attempts
    switch probed.result {
    case .failure(let failure):
      return VerificationResult(
        outcome: .notChecked, stage: .probe, verdicts: verdicts,
        summary: "the token exchange succeeded, but the probe \(probeHost) \(failure.words)", attempts: attempts)
    case .success(let probeAnswer):
      guard (200..<300).contains(probeAnswer.status) else {
        // The probe's body is never read for words: an API may echo the request.
        var result = failed(
          stage: .probe, status: probeAnswer.status, code: nil, description: nil, mappings: probe.errors,
          host: "the probe \(probeHost)", attempts: attempts, retryAfter: probeAnswer.headers["retry-after"])
        for key in roles where result.verdicts[key] == .unknown { result.verdicts[key] = .works }
        if result.outcome == .wrong {
          for key in result.suspected { result.verdicts[key] = .suspected }
        }
        return result
      }
      return VerificationResult(
        outcome: .passed, stage: .probe, verdicts: verdicts, status: probeAnswer.status,
        summary: "the token exchange and the probe succeeded", attempts: attempts)
    }
  }

  // MARK: - Answers

  /// The result for an error answer: wrong for a 4xx other than 408 and 429, not checked
  /// otherwise (rate limits, server errors, redirects say nothing about the values).
  private func failed(
    stage: VerificationResult.Stage, status: Int, code: String?, description: String?,
    mappings: [String: VerificationErrorMapping], host: String, attempts: Int, retryAfter: String?
  ) -> VerificationResult {
    var verdicts: [String: CredentialVerdict] = [:]
    for key in spec.roleKeys { verdicts[key] = .unknown }
    let found = VerificationErrorMapping.lookup(code: code, status: status, in: mappings)
    let answerWords = (code.map { "\($0) (HTTP \(status))" } ?? "HTTP \(status)")
    let isWrong = (400..<500).contains(status) && status != 408 && status != 429
    if !isWrong {
      var why = "answered \(answerWords)"
      if status == 429 {
        why += attempts > 1 ? " (rate limited) to all \(attempts) tries" : " (rate limited)"
        if let retryAfter, let seconds = Double(retryAfter.trimmingCharacters(in: .whitespaces)),
          seconds > options.maxRetryAfter
        {
          why += ", asking to wait \(Int(seconds)) s"
        }
      } else if (500..<600).contains(status) {
        why += attempts > 1 ? " (a server error) to all \(attempts) tries" : " (a server error)"
      } else if (300..<400).contains(status) {
        why += " (a redirect, which is not followed)"
      }
      return VerificationResult(
        outcome: .notChecked, stage: stage, verdicts: verdicts, answer: found?.key, status: status,
        summary: "\(host) \(why)", fix: found?.mapping.fix, serverDescription: description, attempts: attempts)
    }
    let suspected = ordered(found?.mapping.credentials ?? (stage == .probe ? [spec.refreshToken] : spec.roleKeys))
    for key in suspected { verdicts[key] = .suspected }
    return VerificationResult(
      outcome: .wrong, stage: stage, verdicts: verdicts, suspected: suspected,
      answer: found?.key ?? code ?? "http-\(status)", status: status,
      summary: "\(host) answered \(answerWords)", fix: found?.mapping.fix, serverDescription: description,
      attempts: attempts)
  }

  // MARK: - Sending

  /// Sends a request, retrying after 429 and 5xx answers (at most ``VerificationOptions/retries``
  /// times, waiting `Retry-After` seconds or the doubling backoff).
  private func send(_ request: URLRequest) -> (result: Result<HTTPAnswer, HTTPFailure>, attempts: Int) {
    let client = HTTPClient(limits: HTTPClient.Limits(timeout: options.timeout))
    var attempt = 0
    while true {
      attempt += 1
      let result = client.send(request)
      guard case .success(let answer) = result, answer.status == 429 || (500..<600).contains(answer.status),
        attempt <= options.retries
      else { return (result, attempt) }
      var wait = options.backoff * Double(1 << (attempt - 1))
      if let header = answer.headers["retry-after"], let seconds = Double(header.trimmingCharacters(in: .whitespaces)) {
        guard seconds <= options.maxRetryAfter else { return (result, attempt) }
        wait = max(seconds, 0)
      }
      Thread.sleep(forTimeInterval: wait)
    }
  }

  // MARK: - Addresses

  /// Why an address cannot be used.
  struct AddressProblem: Error, Equatable {
    var words: String
  }

  /// An address with its `{{variables}}` filled and checked by ``VerificationAddress``. With
  /// `origin` (`--api-endpoint`), a leading variable is that origin, and otherwise the origin
  /// of the filled address is replaced by it.
  func address(
    _ template: String, variables: [String: String], what: String, origin: String? = nil
  ) -> Result<String, AddressProblem> {
    var variables = variables
    if let origin, template.hasPrefix("{{"), let close = template.firstRange(of: "}}") {
      let name = template[template.index(template.startIndex, offsetBy: 2)..<close.lowerBound]
        .trimmingCharacters(in: .whitespaces)
      variables[name] = Self.trimmedSlash(origin)
    }
    var filled = ""
    var rest = Substring(template)
    while let open = rest.firstRange(of: "{{") {
      filled += rest[..<open.lowerBound]
      guard let close = rest[open.upperBound...].firstRange(of: "}}") else {
        return .failure(AddressProblem(words: "\(what)'s address has an unclosed {{"))
      }
      let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
      guard let value = variables[name], !value.isEmpty else {
        return .failure(
          AddressProblem(
            words:
              "\(what)'s address needs {{\(name)}}, which comes from the guide's data table (give --roster) or \(what == "the probe" ? "--api-endpoint" : "--token-url")"
          ))
      }
      filled += value
      rest = rest[close.upperBound...]
    }
    filled += rest
    if let origin, !template.hasPrefix("{{"), let old = VerificationAddress.origin(filled) {
      filled = Self.trimmedSlash(origin) + filled.dropFirst(old.count)
    }
    if let problem = VerificationAddress.problem(filled) {
      return .failure(AddressProblem(words: "\(what)'s address cannot be used: \(problem)"))
    }
    return .success(filled)
  }

  private static func trimmedSlash(_ text: String) -> String {
    var text = text
    while text.hasSuffix("/") { text.removeLast() }
    return text
  }

  /// `at host:port`, for messages (an address from the guide or the command line holds no secret).
  static func hostWords(_ url: URL) -> String {
    guard let host = url.host else { return "" }
    return "at " + (host.contains(":") ? "[\(host)]" : host) + (url.port.map { ":\($0)" } ?? "")
  }

  // MARK: - Encoding

  /// `application/x-www-form-urlencoded`: every byte but letters, digits and `-._~` escaped.
  static func formEncoded(_ pairs: [(String, String)]) -> String {
    pairs.map { escape($0.0) + "=" + escape($0.1) }.joined(separator: "&")
  }

  private static func escape(_ text: String) -> String {
    var result = ""
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
        UInt8(ascii: "~"):
        result.unicodeScalars.append(Unicode.Scalar(byte))
      default:
        let hex = Array("0123456789ABCDEF".unicodeScalars)
        result.unicodeScalars.append("%")
        result.unicodeScalars.append(hex[Int(byte >> 4)])
        result.unicodeScalars.append(hex[Int(byte & 0x0F)])
      }
    }
    return result
  }

  /// A JSON object answer, or `nil`.
  static func json(_ bytes: [UInt8]) -> [String: Any]? {
    guard !bytes.isEmpty else { return nil }
    return (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any]
  }

  /// Whether a server's `error` is an OAuth error code (`invalid_grant`): lower-case letters
  /// and `_`, at most 64 characters. Anything else is not shown or looked up.
  static func isErrorCode(_ text: String) -> Bool {
    !text.isEmpty && text.utf8.count <= 64
      && text.utf8.allSatisfy { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || $0 == UInt8(ascii: "_") }
  }

  private func ordered(_ keys: [String]) -> [String] {
    let unique = Array(Set(keys))
    let position = Dictionary(
      uniqueKeysWithValues: (order.isEmpty ? spec.roleKeys : order).enumerated().map { ($1, $0) })
    return unique.sorted { (position[$0] ?? .max, $0) < (position[$1] ?? .max, $1) }
  }

  /// `a`, `a and b`, `a, b and c`.
  static func listed(_ keys: [String]) -> String {
    guard let last = keys.last else { return "" }
    return keys.count == 1 ? last : keys.dropLast().joined(separator: ", ") + " and " + last
  }
}
