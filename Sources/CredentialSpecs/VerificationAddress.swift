/// The address rule of verification calls: TLS always, plain `http://` only to the loopback
/// interface (`127.0.0.1`, `::1`, `localhost`), so that tests can run a local server and no
/// credential ever crosses a network unencrypted. No user name or password in the address.
public enum VerificationAddress {
  /// Hosts that plain `http://` may name.
  public static let loopbackHosts: Set<String> = ["127.0.0.1", "::1", "localhost"]

  /// Why an address is refused, in words; `nil` when it may be used.
  public static func problem(_ address: String) -> String? {
    guard let schemeEnd = address.firstRange(of: "://") else {
      return "it is not an absolute https:// address"
    }
    let scheme = address[..<schemeEnd.lowerBound].lowercased()
    let rest = address[schemeEnd.upperBound...]
    let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
    if authority.contains("@") { return "it holds a user name or password" }
    guard let host = host(of: authority), !host.isEmpty else { return "it names no host" }
    switch scheme {
    case "https": return nil
    case "http":
      return loopbackHosts.contains(host.lowercased())
        ? nil : "plain http:// is allowed only for the loopback addresses 127.0.0.1, ::1 and localhost"
    default: return "its scheme is \(scheme.isEmpty ? "empty" : "'\(scheme)'"), not https"
    }
  }

  /// The host of an authority (`host`, `host:port`, `[v6]:port`).
  static func host(of authority: Substring) -> String? {
    if authority.hasPrefix("[") {
      guard let close = authority.firstIndex(of: "]") else { return nil }
      return String(authority[authority.index(after: authority.startIndex)..<close])
    }
    return String(authority.prefix { $0 != ":" })
  }

  /// The scheme, host and port of an address (`https://host:443`), without the path.
  public static func origin(_ address: String) -> String? {
    guard let schemeEnd = address.firstRange(of: "://") else { return nil }
    let rest = address[schemeEnd.upperBound...]
    let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
    return String(address[..<schemeEnd.upperBound]) + authority
  }
}
