import CredentialSpecs

/// Reads a Python file that assigns one dict literal to a name — `credentials = dict(key='…',
/// …)` or `credentials = {'key': '…', …}` — into a ``CredentialDocument`` with positions. It is
/// a small reader for that literal subset, not Python: comments (`#` to the line's end), blank
/// lines, single- or double-quoted strings with the usual escapes (`\\ \' \" \n \r \t \0 \xHH
/// \uXXXX \UXXXXXXXX`, a `r` prefix for raw), and `None`. Anything else (triple quotes,
/// f-strings, expressions, imports, a second statement) is a syntax issue at its position; the
/// message never quotes the file.
struct PythonDictReader {
  let source: SourceFile
  let layout: ServiceLayout.FileLayout

  private struct Failure: Error {
    var offset: Int
    var message: String
    var fix: String
  }

  private struct Literal {
    var value: String
    var loadedType: LoadedType
    var style: ValueStyle
    var span: SourceSpan
  }

  func read() -> CredentialDocument {
    var document = CredentialDocument(source: source, format: .yaml, layout: layout)
    var cursor = Cursor(bytes: source.bytes, index: source.bomLength)
    do {
      try read(into: &document, cursor: &cursor)
    } catch let failure as Failure {
      document.syntaxIssues.append(
        SyntaxIssue(span: .point(failure.offset), message: failure.message, fix: failure.fix))
      document.isUnreadable = true
      document.entries = []
      document.duplicates = []
    } catch {
      document.isUnreadable = true
    }
    return document
  }

  private func read(into document: inout CredentialDocument, cursor: inout Cursor) throws {
    cursor.skipSpaceAndComments()
    guard cursor.index < cursor.bytes.count else {
      throw Failure(
        offset: cursor.index, message: "The file assigns no credentials dict.",
        fix: "Write credentials = dict(name='value', …).")
    }
    let nameStart = cursor.index
    guard cursor.readIdentifier() != nil else { throw expected("a name to assign the dict to", at: nameStart) }
    cursor.skipSpaceAndComments()
    guard cursor.take(UInt8(ascii: "=")) else { throw expected("'='", at: cursor.index) }
    cursor.skipSpaceAndComments()
    let rootStart = cursor.index
    var keys: [String: [SourceSpan]] = [:]
    var order: [String] = []
    func add(_ name: String, keySpan: SourceSpan, _ literal: Literal) {
      if keys[name] == nil { order.append(name) }
      keys[name, default: []].append(keySpan)
      if let previous = document.entries.lastIndex(where: { $0.name == name }) {
        document.entries[previous].isOverridden = true
      }
      document.entries.append(
        CredentialEntry(
          account: nil, name: name, value: literal.value, loadedType: literal.loadedType, style: literal.style,
          keySpan: keySpan, valueSpan: literal.span))
    }
    if cursor.take(UInt8(ascii: "{")) {
      while true {
        cursor.skipSpaceAndComments()
        if cursor.take(UInt8(ascii: "}")) { break }
        let key = try readLiteral(&cursor)
        guard key.loadedType == .string else { throw expected("a quoted key", at: key.span.start) }
        cursor.skipSpaceAndComments()
        guard cursor.take(UInt8(ascii: ":")) else { throw expected("':' after the key", at: cursor.index) }
        cursor.skipSpaceAndComments()
        add(key.value, keySpan: key.span, try readLiteral(&cursor))
        cursor.skipSpaceAndComments()
        if cursor.take(UInt8(ascii: ",")) { continue }
        guard cursor.take(UInt8(ascii: "}")) else { throw expected("',' or '}'", at: cursor.index) }
        break
      }
    } else if let call = cursor.readIdentifier(), call == "dict" {
      cursor.skipSpaceAndComments()
      guard cursor.take(UInt8(ascii: "(")) else { throw expected("'(' after dict", at: cursor.index) }
      while true {
        cursor.skipSpaceAndComments()
        if cursor.take(UInt8(ascii: ")")) { break }
        let keyStart = cursor.index
        guard let name = cursor.readIdentifier() else { throw expected("a keyword argument name", at: keyStart) }
        let keySpan = SourceSpan(start: keyStart, end: cursor.index)
        cursor.skipSpaceAndComments()
        guard cursor.take(UInt8(ascii: "=")) else { throw expected("'=' after the name", at: cursor.index) }
        cursor.skipSpaceAndComments()
        if keys[name] != nil {
          throw Failure(
            offset: keyStart, message: "The keyword argument is given twice; Python refuses the file (SyntaxError).",
            fix: "Keep one of them and delete the other.")
        }
        add(name, keySpan: keySpan, try readLiteral(&cursor))
        cursor.skipSpaceAndComments()
        if cursor.take(UInt8(ascii: ",")) { continue }
        guard cursor.take(UInt8(ascii: ")")) else { throw expected("',' or ')'", at: cursor.index) }
        break
      }
    } else {
      throw expected("dict(…) or {…}", at: rootStart)
    }
    document.accounts.append(AccountSection(name: nil, span: SourceSpan(start: rootStart, end: cursor.index)))
    for name in order {
      guard let spans = keys[name], spans.count > 1 else { continue }
      document.duplicates.append(
        DuplicateKey(
          name: name, account: nil, isAccountSection: false, occurrences: spans,
          lines: spans.map { source.line(ofOffset: $0.start) }))
    }
    cursor.skipSpaceAndComments()
    guard cursor.index >= cursor.bytes.count else {
      throw Failure(
        offset: cursor.index, message: "The file has more after the credentials dict; only the assignment is read.",
        fix: "Keep one assignment of the dict in the file (comments are fine).")
    }
  }

  private func expected(_ what: String, at offset: Int) -> Failure {
    Failure(
      offset: offset, message: "The file is not the credentials dict onboard reads: expected \(what) here.",
      fix: "Write credentials = dict(name='value', …) or credentials = {'name': 'value', …}, one string per value.")
  }

  /// A string literal or `None`.
  private func readLiteral(_ cursor: inout Cursor) throws -> Literal {
    let start = cursor.index
    if let word = cursor.peekIdentifier() {
      if word == "None" {
        _ = cursor.readIdentifier()
        return Literal(value: "", loadedType: .null, style: .plain, span: SourceSpan(start: start, end: cursor.index))
      }
      let lower = word.lowercased()
      let isPrefix = ["r", "u"].contains(lower)
      if !isPrefix || cursor.byte(at: start + word.utf8.count).map({ $0 != 0x27 && $0 != 0x22 }) ?? true {
        if ["f", "b", "rb", "br", "fr", "rf"].contains(lower) {
          throw Failure(
            offset: start,
            message:
              "The value is a \(lower.contains("f") ? "formatted" : "bytes") string; onboard reads plain strings only.",
            fix: "Write the value as a plain string: 'value'.")
        }
        throw Failure(
          offset: start, message: "The value is not a string literal; onboard reads only quoted strings and None.",
          fix: "Write the value as a quoted string: 'value'.")
      }
    }
    var raw = false
    if let first = cursor.byte(at: cursor.index), [UInt8(ascii: "r"), UInt8(ascii: "R")].contains(first) {
      raw = true
      cursor.index += 1
    } else if let first = cursor.byte(at: cursor.index), [UInt8(ascii: "u"), UInt8(ascii: "U")].contains(first) {
      cursor.index += 1
    }
    guard let quote = cursor.byte(at: cursor.index), quote == 0x27 || quote == 0x22 else {
      throw Failure(
        offset: start, message: "The value is not a string literal; onboard reads only quoted strings and None.",
        fix: "Write the value as a quoted string: 'value'.")
    }
    if cursor.byte(at: cursor.index + 1) == quote, cursor.byte(at: cursor.index + 2) == quote {
      throw Failure(
        offset: start, message: "The value is triple-quoted; onboard reads single-line strings only.",
        fix: "Write the value on one line in single quotes.")
    }
    cursor.index += 1
    var bytes: [UInt8] = []
    while true {
      guard let byte = cursor.byte(at: cursor.index), byte != 0x0A, byte != 0x0D else {
        throw Failure(
          offset: start, message: "The string is not closed on its line; Python refuses the file (SyntaxError).",
          fix: "Close the quote on the same line.")
      }
      cursor.index += 1
      if byte == quote { break }
      guard byte == UInt8(ascii: "\\") else {
        bytes.append(byte)
        continue
      }
      guard let next = cursor.byte(at: cursor.index) else { continue }
      cursor.index += 1
      if raw {
        bytes += [byte, next]
        continue
      }
      switch next {
      case UInt8(ascii: "\\"), 0x27, 0x22: bytes.append(next)
      case UInt8(ascii: "n"): bytes.append(0x0A)
      case UInt8(ascii: "r"): bytes.append(0x0D)
      case UInt8(ascii: "t"): bytes.append(0x09)
      case UInt8(ascii: "0"): bytes.append(0)
      case 0x0A: continue  // a line continuation inside the string
      case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
        let digits = next == UInt8(ascii: "x") ? 2 : (next == UInt8(ascii: "u") ? 4 : 8)
        guard let scalar = cursor.readHex(digits).flatMap(Unicode.Scalar.init) else {
          throw Failure(
            offset: cursor.index - 2,
            message: "The string has a broken \\\(Character(Unicode.Scalar(next))) escape; Python refuses the file.",
            fix: "Write the character itself, or a complete escape.")
        }
        bytes += Array(String(Character(scalar)).utf8)
      default:
        bytes += [byte, next]  // Python keeps an unknown escape as written
      }
    }
    return Literal(
      value: String(decoding: bytes, as: UTF8.self), loadedType: .string,
      style: quote == 0x27 ? .singleQuoted : .doubleQuoted, span: SourceSpan(start: start, end: cursor.index))
  }

  /// A position in the bytes.
  private struct Cursor {
    let bytes: [UInt8]
    var index: Int

    func byte(at offset: Int) -> UInt8? { offset < bytes.count ? bytes[offset] : nil }

    mutating func take(_ byte: UInt8) -> Bool {
      guard self.byte(at: index) == byte else { return false }
      index += 1
      return true
    }

    mutating func skipSpaceAndComments() {
      while let byte = byte(at: index) {
        if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C {
          index += 1
        } else if byte == UInt8(ascii: "#") {
          while let next = self.byte(at: index), next != 0x0A { index += 1 }
        } else if byte == UInt8(ascii: "\\"), self.byte(at: index + 1) == 0x0A {
          index += 2
        } else {
          return
        }
      }
    }

    static func isIdentifierByte(_ byte: UInt8, first: Bool) -> Bool {
      (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
        || (!first && byte >= 0x30 && byte <= 0x39)
    }

    func peekIdentifier() -> String? {
      var end = index
      while let byte = byte(at: end), Self.isIdentifierByte(byte, first: end == index) { end += 1 }
      return end > index ? String(decoding: bytes[index..<end], as: UTF8.self) : nil
    }

    mutating func readIdentifier() -> String? {
      guard let word = peekIdentifier() else { return nil }
      index += word.utf8.count
      return word
    }

    mutating func readHex(_ count: Int) -> UInt32? {
      var value: UInt32 = 0
      for _ in 0..<count {
        guard let byte = byte(at: index), let digit = Character(Unicode.Scalar(byte)).hexDigitValue else { return nil }
        value = value * 16 + UInt32(digit)
        index += 1
      }
      return value
    }
  }
}
