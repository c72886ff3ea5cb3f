/// Reads a dotenv file the way python-dotenv (1.2.4) does, statement by statement, keeping the
/// byte position of every name, `=`, value and comment.
///
/// It follows python-dotenv's grammar: blank lines and `# comments` are skipped; an optional
/// `export ` prefix; a name (`'quoted'` or up to `=`, `#` or a space); spaces; `=`; spaces; a
/// single-quoted, double-quoted or unquoted value (an unquoted value loses a ` # comment` and
/// trailing spaces); an optional comment; the end of the line. A statement that does not fit is
/// skipped to the end of its line, as python-dotenv skips it (with a warning nobody reads).
struct DotenvParser {
  /// The parse result.
  struct Result {
    var bindings: [DotenvBinding] = []
    var issues: [SyntaxIssue] = []
  }

  private let source: SourceFile
  private let bytes: [UInt8]
  private let count: Int

  init(source: SourceFile) {
    self.source = source
    self.bytes = source.bytes
    self.count = source.bytes.count
  }

  private struct Failure: Error {
    var offset: Int
    var problem: String
    var fix: String?
  }

  func parse() -> Result {
    var result = Result()
    var index = 0
    while index < count {
      index = skipWhitespace(from: index, newlines: true)
      guard index < count else { break }
      let start = index
      do {
        if let binding = try parseStatement(at: &index) {
          result.bindings.append(binding)
        }
      } catch let failure as Failure {
        let line = source.line(ofOffset: start)
        let lineEnd = source.lineContentEnd(line)
        result.issues.append(
          SyntaxIssue(
            span: SourceSpan(start: max(start, source.lineStarts[line - 1]), end: lineEnd),
            message: failure.problem + ".", fix: failure.fix))
        index = skipRestOfLine(from: max(failure.offset, start))
      } catch {
        index = skipRestOfLine(from: start)
      }
    }
    return result
  }

  // MARK: - Statement

  private func parseStatement(at index: inout Int) throws -> DotenvBinding? {
    let start = index
    var hasExport = false
    if matches("export", at: index) {
      let afterWord = index + 6
      let afterSpaces = skipWhitespace(from: afterWord, newlines: false)
      if afterSpaces > afterWord {
        hasExport = true
        index = afterSpaces
      }
    }
    guard index < count else { throw Failure(offset: index, problem: "the line has no name") }
    if bytes[index] == UInt8(ascii: "#") {
      // A comment line (python-dotenv reads no name and skips it).
      index = skipComment(from: index)
      index = try endOfLine(from: index, problem: "")
      return nil
    }
    var keyHasBOM = false
    let keySpan: SourceSpan
    var key: String
    if bytes[index] == UInt8(ascii: "'") {
      guard let close = firstIndex(of: UInt8(ascii: "'"), from: index + 1), close > index + 1 else {
        throw Failure(
          offset: index, problem: "python-dotenv cannot read this line: the quoted name is not closed",
          fix: "Write the name without quotes: NAME=value.")
      }
      keySpan = SourceSpan(start: index + 1, end: close)
      key = String(decoding: bytes[(index + 1)..<close], as: UTF8.self)
      index = close + 1
    } else {
      var end = index
      while end < count {
        let byte = bytes[end]
        if byte == UInt8(ascii: "=") || byte == UInt8(ascii: "#") { break }
        if pythonSpaceLength(at: end, newlines: true) > 0 { break }
        end += SourceFile.scalarLength(leadByte: byte)
      }
      guard end > index else {
        throw Failure(
          offset: index, problem: "python-dotenv cannot read this line: it does not start with a name",
          fix: "Write NAME=value, with the name first.")
      }
      end = min(end, count)
      var keyStart = index
      if end - index >= 3, bytes[index] == 0xEF, bytes[index + 1] == 0xBB, bytes[index + 2] == 0xBF {
        keyHasBOM = true
        keyStart += 3
      }
      keySpan = SourceSpan(start: keyStart, end: end)
      key = String(decoding: bytes[keyStart..<end], as: UTF8.self)
      index = end
    }
    let beforeSpaces = index
    index = skipWhitespace(from: index, newlines: false)
    let spaceBefore = index > beforeSpaces ? SourceSpan(start: beforeSpaces, end: index) : nil
    var value: String?
    var style = ValueStyle.none
    var valueSpan: SourceSpan?
    var spaceAfter: SourceSpan?
    var inlineComment: SourceSpan?
    var closingLine: Int?
    if index < count, bytes[index] == UInt8(ascii: "=") {
      index += 1
      let afterEquals = index
      index = skipWhitespace(from: index, newlines: false)
      if index > afterEquals { spaceAfter = SourceSpan(start: afterEquals, end: index) }
      let openLine = source.line(ofOffset: index)
      if index >= count || bytes[index] == 0x0A || bytes[index] == 0x0D
        || (index > afterEquals && bytes[index] == UInt8(ascii: "#"))
      {
        // Nothing after '=', or `NAME= # comment` (python-dotenv 1.2.3+ reads an empty value).
        value = ""
        style = .plain
        valueSpan = SourceSpan.point(index)
      } else if bytes[index] == UInt8(ascii: "'") || bytes[index] == UInt8(ascii: "\"") {
        let quote = bytes[index]
        guard let close = closingQuote(quote, openingAt: index) else {
          throw Failure(
            offset: index,
            problem:
              "python-dotenv cannot read this line: the \(quote == UInt8(ascii: "'") ? "single" : "double") quote that opens the value is never closed, so the line is dropped",
            fix: "Close the quote at the end of the value.")
        }
        let raw = Array(bytes[(index + 1)..<close])
        value = quote == UInt8(ascii: "'") ? Self.decodeSingleQuoted(raw) : Self.decodeDoubleQuoted(raw)
        style = quote == UInt8(ascii: "'") ? .singleQuoted : .doubleQuoted
        valueSpan = SourceSpan(start: index, end: close + 1)
        let closeLine = source.line(ofOffset: close)
        if closeLine != openLine { closingLine = closeLine }
        index = close + 1
      } else {
        let lineEnd = endOfLineContent(from: index)
        let cut = commentCut(from: index, to: lineEnd)
        var valueEnd = cut ?? lineEnd
        valueEnd = trimTrailingSpaces(from: index, to: valueEnd)
        value = String(decoding: bytes[index..<valueEnd], as: UTF8.self)
        style = .plain
        valueSpan = SourceSpan(start: index, end: valueEnd)
        if let cut {
          let hash = skipWhitespace(from: cut, newlines: false)
          inlineComment = SourceSpan(start: hash, end: trimTrailingSpaces(from: hash, to: lineEnd))
        }
        index = lineEnd
      }
    }
    let afterValue = index
    var commentStart = skipWhitespace(from: index, newlines: false)
    if commentStart < count, bytes[commentStart] == UInt8(ascii: "#") {
      commentStart = skipComment(from: commentStart)
      index = commentStart
    } else {
      index = afterValue
    }
    let problem: String
    let fix: String?
    if value == nil {
      if index < count, key.hasSuffix(":") {
        problem = "python-dotenv cannot read this line: 'NAME: value' is YAML, not dotenv"
        fix = "Write NAME=value."
      } else {
        problem = "python-dotenv cannot read this line: there is text after the name but no '='"
        fix = "Write NAME=value, with no spaces in the name."
      }
    } else {
      problem = "python-dotenv cannot read this line: there is text after the closing quote"
      fix = "Put the whole value inside the quotes, or start a comment with ' #'."
    }
    let end = try endOfLine(from: index, problem: problem, fix: fix)
    index = end
    let statementEnd = source.lineContentEnd(source.line(ofOffset: max(end - 1, start)))
    return DotenvBinding(
      line: source.line(ofOffset: start), span: SourceSpan(start: start, end: max(statementEnd, start)),
      key: key, keySpan: keySpan, keyHasBOM: keyHasBOM, hasExport: hasExport,
      spaceBeforeEquals: spaceBefore, spaceAfterEquals: spaceAfter, value: value, style: style,
      valueSpan: valueSpan, inlineComment: inlineComment, closingLine: closingLine)
  }

  // MARK: - Pieces

  /// The closing quote of a value opened at `open`, as python-dotenv's
  /// `'((?:\\.|[^'\\])*)'` finds it: a backslash escapes the next character (line breaks
  /// included), and the first unescaped quote closes the value.
  private func closingQuote(_ quote: UInt8, openingAt open: Int) -> Int? {
    var index = open + 1
    while index < count {
      if bytes[index] == UInt8(ascii: "\\") {
        index += 2
        continue
      }
      if bytes[index] == quote { return index }
      index += 1
    }
    return nil
  }

  /// Where python-dotenv's `re.sub(r"\s+#.*", "", value)` cuts an unquoted value: the start of
  /// the first run of whitespace that is followed by `#`.
  private func commentCut(from start: Int, to end: Int) -> Int? {
    var index = start
    while index < end {
      let space = pythonSpaceLength(at: index, newlines: true)
      if space > 0 {
        let runStart = index
        var runEnd = index
        while runEnd < end {
          let length = pythonSpaceLength(at: runEnd, newlines: true)
          if length == 0 { break }
          runEnd += length
        }
        if runEnd < end, bytes[runEnd] == UInt8(ascii: "#") { return runStart }
        index = runEnd
      } else {
        index += SourceFile.scalarLength(leadByte: bytes[index])
      }
    }
    return nil
  }

  private func trimTrailingSpaces(from start: Int, to end: Int) -> Int {
    // Python's rstrip() removes Unicode whitespace; walk scalars forward and remember the
    // end of the last non-space.
    var index = start
    var lastContentEnd = start
    while index < end {
      let space = pythonSpaceLength(at: index, newlines: true)
      if space > 0 {
        index += space
      } else {
        index += SourceFile.scalarLength(leadByte: bytes[index])
        lastContentEnd = min(index, end)
      }
    }
    return lastContentEnd
  }

  private func endOfLine(from index: Int, problem: String, fix: String? = nil) throws -> Int {
    let position = skipWhitespace(from: index, newlines: false)
    if position >= count { return count }
    if bytes[position] == 0x0D {
      if position + 1 < count, bytes[position + 1] == 0x0A { return position + 2 }
      return position + 1
    }
    if bytes[position] == 0x0A { return position + 1 }
    throw Failure(offset: position, problem: problem, fix: fix)
  }

  private func skipComment(from index: Int) -> Int {
    endOfLineContent(from: index)
  }

  private func endOfLineContent(from index: Int) -> Int {
    var position = index
    while position < count, bytes[position] != 0x0A, bytes[position] != 0x0D { position += 1 }
    return position
  }

  private func skipRestOfLine(from index: Int) -> Int {
    var position = endOfLineContent(from: index)
    if position < count { position += 1 }
    return position
  }

  private func skipWhitespace(from index: Int, newlines: Bool) -> Int {
    var position = index
    while position < count {
      let length = pythonSpaceLength(at: position, newlines: newlines)
      if length == 0 { break }
      position += length
    }
    return position
  }

  private func firstIndex(of byte: UInt8, from index: Int) -> Int? {
    var position = index
    while position < count {
      if bytes[position] == byte { return position }
      position += 1
    }
    return nil
  }

  private func matches(_ word: String, at index: Int) -> Bool {
    let wordBytes = Array(word.utf8)
    guard index + wordBytes.count <= count else { return false }
    for (offset, byte) in wordBytes.enumerated() where bytes[index + offset] != byte { return false }
    return true
  }

  /// The byte length of the whitespace character at `index` as Python's `\s` sees it (0 when
  /// it is not whitespace); `newlines: false` excludes `\r` and `\n` (`[^\S\r\n]`).
  private func pythonSpaceLength(at index: Int, newlines: Bool) -> Int {
    let byte = bytes[index]
    switch byte {
    case 0x20, 0x09, 0x0B, 0x0C, 0x1C...0x1F: return 1
    case 0x0A, 0x0D: return newlines ? 1 : 0
    case 0..<0x80: return 0
    default:
      let length = SourceFile.scalarLength(leadByte: byte)
      guard index + length <= count,
        let scalar = String(decoding: bytes[index..<(index + length)], as: UTF8.self).unicodeScalars.first,
        scalar.properties.isWhitespace, scalar != "\u{FFFD}"
      else { return 0 }
      return length
    }
  }

  // MARK: - Escapes

  /// python-dotenv decodes `\\` and `\'` inside single quotes.
  static func decodeSingleQuoted(_ raw: [UInt8]) -> String {
    var output: [UInt8] = []
    output.reserveCapacity(raw.count)
    var index = 0
    while index < raw.count {
      if raw[index] == UInt8(ascii: "\\"), index + 1 < raw.count,
        raw[index + 1] == UInt8(ascii: "\\") || raw[index + 1] == UInt8(ascii: "'")
      {
        output.append(raw[index + 1])
        index += 2
      } else {
        output.append(raw[index])
        index += 1
      }
    }
    return String(decoding: output, as: UTF8.self)
  }

  /// python-dotenv decodes `\\ \' \" \a \b \f \n \r \t \v` inside double quotes.
  static func decodeDoubleQuoted(_ raw: [UInt8]) -> String {
    var output: [UInt8] = []
    output.reserveCapacity(raw.count)
    var index = 0
    while index < raw.count {
      if raw[index] == UInt8(ascii: "\\"), index + 1 < raw.count {
        let replacement: UInt8?
        switch raw[index + 1] {
        case UInt8(ascii: "\\"): replacement = UInt8(ascii: "\\")
        case UInt8(ascii: "'"): replacement = UInt8(ascii: "'")
        case UInt8(ascii: "\""): replacement = UInt8(ascii: "\"")
        case UInt8(ascii: "a"): replacement = 0x07
        case UInt8(ascii: "b"): replacement = 0x08
        case UInt8(ascii: "f"): replacement = 0x0C
        case UInt8(ascii: "n"): replacement = 0x0A
        case UInt8(ascii: "r"): replacement = 0x0D
        case UInt8(ascii: "t"): replacement = 0x09
        case UInt8(ascii: "v"): replacement = 0x0B
        default: replacement = nil
        }
        if let replacement {
          output.append(replacement)
          index += 2
          continue
        }
      }
      output.append(raw[index])
      index += 1
    }
    return String(decoding: output, as: UTF8.self)
  }
}
