import Foundation
import OnboardDiagnostics

/// Checks raw guide bytes before parsing: empty, binary, or not UTF-8.
enum GuideInput {
  /// The text of a guide, or the diagnostic that says why there is none.
  enum Decoded {
    case success(String)
    case failure(Diagnostic)
  }

  /// The text of the guide, or the diagnostic that says why there is none.
  static func decode(_ bytes: [UInt8], file: String) -> Decoded {
    switch check(bytes, file: file) {
    case .failure(let diagnostic): return .failure(diagnostic)
    case .success(let content): return .success(String(decoding: content, as: UTF8.self))
    }
  }

  /// The guide's bytes (without a byte order mark), checked to be valid UTF-8 without NUL, or
  /// the diagnostic that says why they are not a guide.
  enum Checked {
    case success(ArraySlice<UInt8>)
    case failure(Diagnostic)
  }

  /// Checks the bytes of a guide: the same checks as ``decode(_:file:)``, without making a
  /// `String`, each a single fast pass over the bytes.
  static func check(_ bytes: [UInt8], file: String) -> Checked {
    var content = bytes[...]
    if content.starts(with: [0xEF, 0xBB, 0xBF]) { content = content.dropFirst(3) }
    if content.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
      return .failure(
        Diagnostic(
          severity: .error, ruleID: GuideRules.empty,
          message: "The guide is empty: it needs front matter, a # title and at least one ## stage with steps.",
          location: DiagnosticLocation(file: file, line: 1, column: 1),
          fix: "Start from guides/sp-api-self-authorisation.md or docs/guide-format.md."))
    }
    if let nul = firstNUL(content) {
      let location = locate(offset: nul - content.startIndex, in: Array(content), file: file)
      return .failure(
        Diagnostic(
          severity: .error, ruleID: GuideRules.binary,
          message: "This is a binary file, not a Markdown guide (it contains a NUL byte).",
          location: location, fix: "Point onboard at the guide's .md file."))
    }
    if let invalid = firstInvalidUTF8(content) {
      let location = locate(offset: invalid, in: Array(content), file: file)
      return .failure(
        Diagnostic(
          severity: .error, ruleID: GuideRules.notUTF8,
          message: "The guide is not valid UTF-8 (an invalid byte sequence starts here).",
          location: location,
          fix: "Save the file as UTF-8, for example with `iconv -f latin1 -t utf-8`."))
    }
    return .success(content)
  }

  /// The index of the first NUL byte, or `nil` (`memchr`, many bytes at a time).
  static func firstNUL(_ bytes: ArraySlice<UInt8>) -> Int? {
    bytes.withUnsafeBufferPointer { buffer -> Int? in
      guard let base = buffer.baseAddress, buffer.count > 0,
        let found = memchr(base, 0, buffer.count)
      else { return nil }
      return bytes.startIndex + UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
    }
  }

  /// The 0-based offset of the first invalid UTF-8 sequence, or `nil`. Runs of ASCII are
  /// skipped eight bytes at a time.
  static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int? {
    bytes.withUnsafeBufferPointer { firstInvalidUTF8(in: $0) }
  }

  private static func firstInvalidUTF8(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    var index = 0
    let raw = UnsafeRawBufferPointer(bytes)
    while index < bytes.count {
      while index + 8 <= bytes.count,
        raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
      {
        index += 8
      }
      guard index < bytes.count else { break }
      let byte = bytes[index]
      let length: Int
      var minimum: UInt32 = 0
      var scalar: UInt32
      switch byte {
      case 0x00...0x7F:
        index += 1
        continue
      case 0xC2...0xDF:
        length = 2
        scalar = UInt32(byte & 0x1F)
        minimum = 0x80
      case 0xE0...0xEF:
        length = 3
        scalar = UInt32(byte & 0x0F)
        minimum = 0x800
      case 0xF0...0xF4:
        length = 4
        scalar = UInt32(byte & 0x07)
        minimum = 0x10000
      default:
        return index
      }
      guard index + length <= bytes.count else { return index }
      for next in 1..<length {
        let continuation = bytes[index + next]
        guard continuation & 0xC0 == 0x80 else { return index }
        scalar = scalar << 6 | UInt32(continuation & 0x3F)
      }
      if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) {
        return index
      }
      index += length
    }
    return nil
  }

  static func locate(offset: Int, in bytes: [UInt8], file: String) -> DiagnosticLocation {
    var line = 1
    var lineStart = 0
    for index in 0..<min(offset, bytes.count) where bytes[index] == 0x0A {
      line += 1
      lineStart = index + 1
    }
    return DiagnosticLocation(file: file, line: line, column: offset - lineStart + 1)
  }
}
