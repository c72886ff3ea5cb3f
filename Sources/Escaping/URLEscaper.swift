import OnboardSupport

/// Makes a value safe as (part of) a Markdown link destination.
///
/// Characters outside RFC 3986's unreserved and reserved sets, and `(`, `)`, `<`, `>`, `\`,
/// `"`, `'`, spaces and controls, are percent-encoded as UTF-8 bytes; `%` is kept, so an
/// already-encoded URL stays the same. A value whose scheme is `javascript:`, `vbscript:`,
/// `data:` or `file:` once decoded as cmark and a browser decode it (character references,
/// backslash escapes, percent-encoding, spaces and controls, case) is refused; see
/// ``LinkSafety``.
public struct URLEscaper: ValueEscaper {
  /// Creates the escaper.
  public init() {}

  /// Bytes kept as they are.
  static let kept: [Bool] = {
    var table = [Bool](repeating: false, count: 256)
    let allowed = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&*+,;=%"
    for byte in allowed.utf8 { table[Int(byte)] = true }
    return table
  }()

  public func escape(_ value: String) -> String {
    var output = ""
    output.reserveCapacity(value.utf8.count)
    for byte in value.utf8 {
      if Self.kept[Int(byte)] {
        output.unicodeScalars.append(Unicode.Scalar(byte))
      } else {
        output += "%" + UTF8Scan.hex(UInt32(byte), width: 2)
      }
    }
    return output
  }

  public func cannotRepresent(_ value: String) -> String? {
    // A value that starts with an ASCII letter other than the first letters of the refused
    // schemes keeps that letter first however it is decoded.
    if let first = value.utf8.first, (first >= 0x41 && first <= 0x5A) || (first >= 0x61 && first <= 0x7A),
      !"jvdfJVDF".utf8.contains(first)
    {
      return nil
    }
    guard let scheme = LinkSafety.refusedScheme(value) else { return nil }
    return "a '\(scheme):' link is not allowed in a packet"
  }
}
