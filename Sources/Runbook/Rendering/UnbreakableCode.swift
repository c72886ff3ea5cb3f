/// Makes code on a printed page break only at its spaces: inside each `<code>` element, every run
/// of characters other than white space becomes one `<span class="nobreak">` (`white-space:
/// nowrap`), so a value such as `amzn1.application-oa2-client.…` never breaks at a hyphen, dot or
/// slash. White space stays as it is, so a code block's lines and the copied text do not change.
/// Tags inside the element (a labelled blank) are kept; only the text between them is wrapped.
/// The runbook's page allows no script, so this is done when the page is written (the checklist
/// does the same in its script).
enum UnbreakableCode {
  /// The class of a piece that does not break.
  static let pieceClass = "nobreak"

  /// The HTML with the text of each `<code>` element cut into unbreakable pieces at its spaces.
  static func rewrite(_ html: String) -> String {
    guard html.contains("<code") else { return html }
    let bytes = Array(html.utf8)
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count + bytes.count / 4)
    let open = Array("<code".utf8)
    let close = Array("</code>".utf8)
    let pieceStart = Array("<span class=\"\(pieceClass)\">".utf8)
    let pieceEnd = Array("</span>".utf8)
    var index = 0
    while index < bytes.count {
      guard starts(bytes, open, at: index), index + open.count < bytes.count,
        bytes[index + open.count] == UInt8(ascii: ">") || bytes[index + open.count] == UInt8(ascii: " "),
        let tagEnd = bytes[index...].firstIndex(of: UInt8(ascii: ">"))
      else {
        output.append(bytes[index])
        index += 1
        continue
      }
      output.append(contentsOf: bytes[index...tagEnd])
      index = tagEnd + 1
      var inPiece = false
      while index < bytes.count, !starts(bytes, close, at: index) {
        let byte = bytes[index]
        if byte == UInt8(ascii: "<") {
          if inPiece { output.append(contentsOf: pieceEnd) }
          inPiece = false
          let end = bytes[index...].firstIndex(of: UInt8(ascii: ">")) ?? bytes.count - 1
          output.append(contentsOf: bytes[index...end])
          index = end + 1
          continue
        }
        let isSpace = byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
        if isSpace && inPiece {
          output.append(contentsOf: pieceEnd)
          inPiece = false
        } else if !isSpace && !inPiece {
          output.append(contentsOf: pieceStart)
          inPiece = true
        }
        output.append(byte)
        index += 1
      }
      if inPiece { output.append(contentsOf: pieceEnd) }
    }
    return String(decoding: output, as: UTF8.self)
  }

  private static func starts(_ bytes: [UInt8], _ prefix: [UInt8], at index: Int) -> Bool {
    guard index + prefix.count <= bytes.count else { return false }
    for offset in 0..<prefix.count where bytes[index + offset] != prefix[offset] { return false }
    return true
  }
}
