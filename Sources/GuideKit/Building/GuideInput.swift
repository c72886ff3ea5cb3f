import Foundation
import OnboardDiagnostics
import OnboardSupport

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
    if let nul = UTF8Scan.find(0, in: content) {
      let location = locate(offset: nul - content.startIndex, in: Array(content), file: file)
      return .failure(
        Diagnostic(
          severity: .error, ruleID: GuideRules.binary,
          message: "This is a binary file, not a Markdown guide (it contains a NUL byte).",
          location: location, fix: "Point onboard at the guide's .md file."))
    }
    if let invalid = UTF8Scan.firstInvalid(content) {
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
