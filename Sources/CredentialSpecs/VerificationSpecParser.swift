import OnboardDiagnostics
import Yams

/// Reads the `verify:` key of a credentials block into a ``VerificationSpec``.
///
/// Every unknown key, missing field, wrong type, address that is not https (or loopback
/// http) and credential that the block does not specify is an error at its position.
public enum VerificationSpecParser {
  /// Rule ids this parser reports.
  public enum Rule {
    /// A field is missing, of the wrong type, or names a credential the block lacks.
    public static let malformed = "guide/malformed-verify"
    /// A key that `verify:` does not know.
    public static let unknownKey = "guide/unknown-verify-key"
  }

  /// The keys of `verify:`.
  public static let knownKeys = ["token-url", "client-id", "client-secret", "refresh-token", "errors", "probe"]
  /// The keys of `probe:`.
  public static let knownProbeKeys = ["method", "url", "token-header", "errors"]
  /// The keys of one error mapping.
  public static let knownMappingKeys = ["credentials", "fix"]
  /// The methods a probe may use: read-only ones.
  public static let probeMethods: Set<String> = ["GET", "HEAD"]

  /// Parses the value of `verify:`.
  /// - Parameters:
  ///   - node: the value node.
  ///   - keyNode: the `verify` key, for the location.
  ///   - credentials: the keys the block specifies, which roles and mappings must name.
  ///   - position: maps positions in the block to the guide file.
  /// - Returns: the declaration, or `nil` when a required part is missing or wrong.
  public static func parse(
    _ node: Node, keyNode: Node, credentials: Set<String>, position: YAMLPosition, diagnostics: inout [Diagnostic]
  ) -> VerificationSpec? {
    var reader = Reader(credentials: credentials, position: position)
    let spec = reader.spec(node, keyNode: keyNode)
    diagnostics += reader.diagnostics
    return spec
  }

  private struct Reader {
    let credentials: Set<String>
    let position: YAMLPosition
    var diagnostics: [Diagnostic] = []

    init(credentials: Set<String>, position: YAMLPosition) {
      self.credentials = credentials
      self.position = position
    }

    mutating func fail(_ message: String, _ node: Node, fix: String? = nil) {
      diagnostics.append(
        Diagnostic(
          severity: .error, ruleID: Rule.malformed, message: message, location: position.location(node.mark), fix: fix))
    }

    mutating func unknown(_ key: Node, in what: String, known: [String]) {
      let name = key.scalar?.string ?? ""
      let suggestion = NameSuggester.suggest(name, among: known)
      diagnostics.append(
        Diagnostic(
          severity: .error, ruleID: Rule.unknownKey,
          message: "Unknown key '\(name)' in \(what)" + (suggestion.map { "; did you mean '\($0)'?" } ?? "."),
          location: position.location(key.mark), fix: "Known keys: " + known.joined(separator: ", ") + "."))
    }

    mutating func text(_ node: Node, _ what: String) -> String? {
      guard let value = node.scalar?.string, !value.isEmpty else {
        fail("\(what) must be a single, non-empty value.", node)
        return nil
      }
      return value
    }

    mutating func credential(_ node: Node, _ what: String) -> String? {
      guard let key = text(node, what) else { return nil }
      guard credentials.contains(key) else {
        let suggestion = NameSuggester.suggest(key, among: Array(credentials))
        fail(
          "\(what) names '\(key)', which the credentials block does not specify"
            + (suggestion.map { "; did you mean '\($0)'?" } ?? "."), node)
        return nil
      }
      return key
    }

    mutating func address(_ node: Node, _ what: String) -> String? {
      guard let value = text(node, what) else { return nil }
      // An address that starts with a variable is checked once it is filled, before any call.
      if !value.hasPrefix("{{"), let problem = VerificationAddress.problem(value) {
        fail("\(what) cannot be used: \(problem).", node, fix: "Use an https:// address.")
        return nil
      }
      return value
    }

    mutating func spec(_ node: Node, keyNode: Node) -> VerificationSpec? {
      guard let fields = node.mapping else {
        fail(
          "verify must be a mapping with token-url, client-id, client-secret and refresh-token.", node,
          fix: "Write the keys indented below `verify:`.")
        return nil
      }
      var tokenURL: String?
      var roles: [String: String] = [:]
      var errors: [String: VerificationErrorMapping] = [:]
      var probe: VerificationProbe?
      var valid = true
      for (key, value) in fields {
        switch key.scalar?.string ?? "" {
        case "token-url": tokenURL = address(value, "The token-url of verify")
        case "client-id", "client-secret", "refresh-token":
          let name = key.scalar?.string ?? ""
          if let credential = credential(value, "The \(name) of verify") {
            roles[name] = credential
          } else {
            valid = false
          }
        case "errors": errors = mappings(value, in: "verify's errors", httpOnly: false)
        case "probe": probe = self.probe(value)
        default: unknown(key, in: "verify", known: knownKeys)
        }
      }
      for required in ["token-url", "client-id", "client-secret", "refresh-token"]
      where required == "token-url" ? tokenURL == nil : roles[required] == nil {
        if !fields.contains(where: { $0.key.scalar?.string == required }) {
          fail("verify has no \(required).", keyNode, fix: "Add `\(required):` below `verify:`.")
        }
        valid = false
      }
      guard valid, let tokenURL, let clientID = roles["client-id"], let clientSecret = roles["client-secret"],
        let refreshToken = roles["refresh-token"]
      else { return nil }
      return VerificationSpec(
        tokenURL: tokenURL, clientID: clientID, clientSecret: clientSecret, refreshToken: refreshToken,
        errors: errors, probe: probe, location: position.location(keyNode.mark))
    }

    mutating func probe(_ node: Node) -> VerificationProbe? {
      guard let fields = node.mapping else {
        fail("The probe of verify must be a mapping with method, url and token-header.", node)
        return nil
      }
      var method = "GET"
      var url: String?
      var header: String?
      var errors: [String: VerificationErrorMapping] = [:]
      for (key, value) in fields {
        switch key.scalar?.string ?? "" {
        case "method":
          if let text = text(value, "The probe's method") {
            if probeMethods.contains(text.uppercased()) {
              method = text.uppercased()
            } else {
              fail("The probe's method must be GET or HEAD: a probe only reads.", value)
            }
          }
        case "url": url = address(value, "The probe's url")
        case "token-header":
          if let text = text(value, "The probe's token-header") {
            if text.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ":") }) {
              header = text
            } else {
              fail("The probe's token-header must be a header name (letters, digits and -).", value)
            }
          }
        case "errors": errors = mappings(value, in: "the probe's errors", httpOnly: true)
        default: unknown(key, in: "verify's probe", known: knownProbeKeys)
        }
      }
      guard let url else {
        if !fields.contains(where: { $0.key.scalar?.string == "url" }) {
          fail("The probe of verify has no url.", node, fix: "Add `url:` below `probe:`.")
        }
        return nil
      }
      return VerificationProbe(
        method: method, url: url, tokenHeader: header, errors: errors, location: position.location(node.mark))
    }

    /// Whether `key` names an answer: an OAuth error code (`invalid_grant`) unless `httpOnly`,
    /// or `http-NNN`, `http-4xx`, `http-5xx`.
    static func isAnswerKey(_ key: String, httpOnly: Bool) -> Bool {
      if key.hasPrefix("http-") {
        let status = Array(key.utf8.dropFirst(5))
        guard status.count == 3, (UInt8(ascii: "1")...UInt8(ascii: "5")).contains(status[0]) else { return false }
        let digits = status.dropFirst().allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        return digits || status.dropFirst().allSatisfy { $0 == UInt8(ascii: "x") }
      }
      return !httpOnly && !key.isEmpty
        && key.utf8.allSatisfy { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || $0 == UInt8(ascii: "_") }
    }

    mutating func mappings(_ node: Node, in what: String, httpOnly: Bool) -> [String: VerificationErrorMapping] {
      guard let entries = node.mapping else {
        fail(
          "\(what.prefix(1).uppercased() + what.dropFirst()) must be a mapping of error to {credentials, fix}.", node)
        return [:]
      }
      var result: [String: VerificationErrorMapping] = [:]
      for (key, value) in entries {
        let name = key.scalar?.string ?? ""
        guard Self.isAnswerKey(name, httpOnly: httpOnly) else {
          diagnostics.append(
            Diagnostic(
              severity: .error, ruleID: Rule.unknownKey,
              message: "'\(name)' in \(what) is not "
                + (httpOnly ? "an HTTP status" : "an OAuth error code or an HTTP status") + ".",
              location: position.location(key.mark),
              fix: (httpOnly ? "" : "Use the OAuth error code (invalid_grant) or ")
                + (httpOnly ? "Use " : "") + "http-NNN, http-4xx or http-5xx."))
          continue
        }
        if let mapping = mapping(value, name: name, at: key) { result[name] = mapping }
      }
      return result
    }

    mutating func mapping(_ node: Node, name: String, at key: Node) -> VerificationErrorMapping? {
      guard let fields = node.mapping else {
        fail("The mapping of '\(name)' must be {credentials: [...], fix: ...}.", node)
        return nil
      }
      var keys: [String] = []
      var fix: String?
      for (field, value) in fields {
        switch field.scalar?.string ?? "" {
        case "credentials":
          if let items = value.sequence {
            for item in items {
              if let key = credential(item, "The mapping of '\(name)'") { keys.append(key) }
            }
          } else if let key = credential(value, "The mapping of '\(name)'") {
            keys.append(key)
          }
        case "fix": fix = text(value, "The fix of '\(name)'")
        default: unknown(field, in: "the mapping of '\(name)'", known: knownMappingKeys)
        }
      }
      return VerificationErrorMapping(credentials: keys, fix: fix, location: position.location(key.mark))
    }
  }
}
