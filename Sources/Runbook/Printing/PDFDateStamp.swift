/// Sets the dates in a PDF's document information to the runbook's date, so that printing
/// the same runbook twice gives the same bytes.
///
/// Chromium (Skia) writes `/CreationDate (D:YYYYMMDDHHmmSS…)` and `/ModDate (…)` with the
/// time of printing and nothing else that changes between runs. The first 14 digits of each are replaced
/// in place, so no byte offset (and no cross-reference entry) moves.
enum PDFDateStamp {
  /// The PDF with both dates set to midnight of `date`.
  static func stamp(_ pdf: [UInt8], date: RunbookDate) -> [UInt8] {
    var bytes = pdf
    let digits = Array(date.pdfDigits.utf8)
    for key in ["/CreationDate (D:", "/ModDate (D:"] {
      let pattern = Array(key.utf8)
      guard let found = firstIndex(of: pattern, in: bytes, from: 0) else { continue }
      let digitsStart = found + pattern.count
      let digitsEnd = digitsStart + digits.count
      if digitsEnd <= bytes.count, bytes[digitsStart..<digitsEnd].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
        bytes.replaceSubrange(digitsStart..<digitsEnd, with: digits)
      }
    }
    return bytes
  }

  private static func firstIndex(of pattern: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
    guard let first = pattern.first, pattern.count <= bytes.count else { return nil }
    var index = start
    let last = bytes.count - pattern.count
    while index <= last {
      if bytes[index] == first && bytes[index..<(index + pattern.count)].elementsEqual(pattern) { return index }
      index += 1
    }
    return nil
  }
}
