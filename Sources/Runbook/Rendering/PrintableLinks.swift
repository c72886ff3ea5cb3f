/// Makes a page's links fit for printing: links within the page (`#id`) and absolute links
/// (`https:`, `mailto:`) stay; a relative link (`other.md`, or an empty `href` left by a labelled
/// blank) loses its `href` and becomes plain text. A relative link would otherwise point into
/// the temporary folder the browser printed from, which means nothing on paper, would put that
/// folder's name into the PDF and would make two prints of the same runbook differ.
enum PrintableLinks {
  /// The HTML with relative `<a href>`s removed.
  static func rewrite(_ html: String) -> String {
    let opening = "<a href=\""
    guard html.contains(opening) else { return html }
    var output = ""
    output.reserveCapacity(html.utf8.count)
    var rest = html[...]
    while let start = rest.range(of: opening) {
      output += rest[..<start.lowerBound]
      let valueStart = start.upperBound
      guard let end = rest[valueStart...].firstIndex(of: "\"") else {
        output += rest[start.lowerBound...]
        return output
      }
      let value = rest[valueStart..<end]
      if value.hasPrefix("#") || hasScheme(value) {
        output += rest[start.lowerBound...end]
      } else {
        output += "<a"
      }
      rest = rest[rest.index(after: end)...]
    }
    output += rest
    return output
  }

  /// Whether a URL starts with a scheme (`letter (letter | digit | + | - | .)* :`).
  static func hasScheme(_ url: Substring) -> Bool {
    guard let first = url.unicodeScalars.first, ("a"..."z").contains(first) || ("A"..."Z").contains(first) else {
      return false
    }
    for scalar in url.unicodeScalars {
      if scalar == ":" { return true }
      let isSchemeCharacter =
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "+"
        || scalar == "-" || scalar == "."
      if !isSchemeCharacter { return false }
    }
    return false
  }
}
