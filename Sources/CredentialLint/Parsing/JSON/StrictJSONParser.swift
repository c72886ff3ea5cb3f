/// A strict RFC 8259 JSON reader that keeps the position of every key and value and reports
/// duplicate keys, trailing commas and comments, which Foundation's parsers accept or resolve
/// silently (and differently from each other).
///
/// It stops at the first syntax error, as Python's `json.loads` does.
struct StrictJSONParser {
  /// One member of the top-level object.
  struct Member {
    var key: String
    var keySpan: SourceSpan
    var value: String
    var loadedType: LoadedType
    var valueSpan: SourceSpan
  }

  /// A key written twice in one object.
  struct Duplicate {
    var key: String
    var path: [String]
    var spans: [SourceSpan]
  }

  /// What the parser found.
  struct Result {
    /// Members of the top-level object, in order (empty when the root is not an object).
    var members: [Member] = []
    /// Duplicate keys in any object.
    var duplicates: [Duplicate] = []
    /// The first syntax error, if any.
    var issue: SyntaxIssue?
    /// What the root is when it is not an object ("an array"), if parsing succeeded.
    var rootShape: String?
    /// Where the root value starts.
    var rootSpan: SourceSpan?
  }

  private struct Failure: Error {
    var offset: Int
    var end: Int?
    var problem: String
    var fix: String?
  }

  private let bytes: [UInt8]
  private let count: Int
  private let start: Int

  /// How deep arrays and objects may nest. Deeper input is a syntax error: the parser recurses
  /// once per level (100,000 levels overflowed the stack), and no credential file nests more
  /// than a few levels (Python's `json` gives up at about 1,000).
  static let maximumDepth = 256

  /// Parses `bytes` from `start` (after a byte-order mark, which the file rules report).
  init(bytes: [UInt8], start: Int) {
    self.bytes = bytes
    self.count = bytes.count
    self.start = start
  }

  func parse() -> Result {
    var result = Result()
    var index = start
    do {
      index = try skipWhitespace(from: index)
      guard index < count else {
        throw Failure(offset: index, problem: "the file is empty", fix: "Write a JSON object: {\"NAME\": \"value\"}.")
      }
      let rootStart = index
      if bytes[index] == UInt8(ascii: "{") {
        index = try parseObject(
          at: index, path: [], depth: 1, topLevel: &result.members, duplicates: &result.duplicates)
      } else {
        var ignored: [Member] = []
        let (end, type, _) = try parseValue(
          at: index, path: [], depth: 0, members: &ignored, duplicates: &result.duplicates)
        index = end
        result.rootShape = type.phrase
      }
      result.rootSpan = SourceSpan(start: rootStart, end: index)
      index = try skipWhitespace(from: index)
      if index < count {
        throw Failure(
          offset: index, problem: "there is more text after the JSON value ends",
          fix: "Keep one object in the file; remove what follows its closing brace.")
      }
    } catch let failure as Failure {
      result.issue = SyntaxIssue(
        span: SourceSpan(start: failure.offset, end: failure.end ?? min(failure.offset + 1, count)),
        message: "The file is not valid JSON: \(failure.problem).", fix: failure.fix)
      result.members = []
    } catch {
      result.issue = SyntaxIssue(span: .point(index), message: "The file is not valid JSON.")
    }
    return result
  }

  // MARK: - Values

  /// Parses the value at `index`, which sits inside `depth` arrays and objects.
  private func parseValue(
    at index: Int, path: [String], depth: Int, members: inout [Member], duplicates: inout [Duplicate]
  ) throws -> (end: Int, type: LoadedType, string: String?) {
    guard index < count else {
      throw Failure(offset: index, problem: "the file ends where a value belongs")
    }
    if bytes[index] == UInt8(ascii: "{") || bytes[index] == UInt8(ascii: "[") {
      guard depth < Self.maximumDepth else {
        throw Failure(
          offset: index, problem: "arrays and objects nest more than \(Self.maximumDepth) levels deep here",
          fix: "Write the credentials as one flat object of \"NAME\": \"value\" members.")
      }
    }
    switch bytes[index] {
    case UInt8(ascii: "{"):
      var nested: [Member] = []
      let end = try parseObject(at: index, path: path, depth: depth + 1, topLevel: &nested, duplicates: &duplicates)
      return (end, .mapping, nil)
    case UInt8(ascii: "["):
      return (try parseArray(at: index, path: path, depth: depth + 1, duplicates: &duplicates), .list, nil)
    case UInt8(ascii: "\""):
      let (end, text) = try parseString(at: index)
      return (end, .string, text)
    case UInt8(ascii: "t"):
      return (try literal("true", at: index), .boolean(true), nil)
    case UInt8(ascii: "f"):
      return (try literal("false", at: index), .boolean(false), nil)
    case UInt8(ascii: "n"):
      return (try literal("null", at: index), .null, nil)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      let (end, isInteger) = try parseNumber(at: index)
      return (end, isInteger ? .integer : .float, nil)
    case UInt8(ascii: "'"):
      throw Failure(
        offset: index, problem: "JSON strings use double quotes, not single quotes",
        fix: "Write \"value\" with double quotes.")
    case UInt8(ascii: "N"), UInt8(ascii: "I"):
      throw Failure(offset: index, problem: "NaN and Infinity are not JSON")
    default:
      throw Failure(
        offset: index, problem: "a value must be a string, number, object, array, true, false or null",
        fix: "Put the value in double quotes.")
    }
  }

  private func parseObject(
    at open: Int, path: [String], depth: Int, topLevel members: inout [Member], duplicates: inout [Duplicate]
  ) throws -> Int {
    var index = try skipWhitespace(from: open + 1)
    var seen: [String: Int] = [:]
    var spans: [[SourceSpan]] = []
    var order: [String] = []
    if index < count, bytes[index] == UInt8(ascii: "}") { return index + 1 }
    while true {
      guard index < count else {
        throw Failure(offset: open, problem: "the object opened here is never closed", fix: "Add the closing '}'.")
      }
      guard bytes[index] == UInt8(ascii: "\"") else {
        if bytes[index] == UInt8(ascii: "}") {
          throw Failure(
            offset: index, problem: "a trailing comma before '}' is not allowed in JSON",
            fix: "Remove the comma after the last member.")
        }
        if bytes[index] == UInt8(ascii: "'") {
          throw Failure(
            offset: index, problem: "JSON names use double quotes, not single quotes",
            fix: "Write \"NAME\" with double quotes.")
        }
        throw Failure(
          offset: index, problem: "a member name in double quotes belongs here",
          fix: "Write each member as \"NAME\": \"value\".")
      }
      let keyStart = index
      let (keyEnd, key) = try parseString(at: index)
      let keySpan = SourceSpan(start: keyStart, end: keyEnd)
      index = try skipWhitespace(from: keyEnd)
      guard index < count, bytes[index] == UInt8(ascii: ":") else {
        throw Failure(offset: index, problem: "a ':' belongs after the member name", fix: "Write \"NAME\": \"value\".")
      }
      index = try skipWhitespace(from: index + 1)
      let valueStart = index
      var nested: [Member] = []
      let (valueEnd, type, text) = try parseValue(
        at: index, path: path + [key], depth: depth, members: &nested, duplicates: &duplicates)
      if let existing = seen[key] {
        spans[existing].append(keySpan)
      } else {
        seen[key] = spans.count
        spans.append([keySpan])
        order.append(key)
      }
      if path.isEmpty {
        members.append(
          Member(
            key: key, keySpan: keySpan, value: text ?? "", loadedType: type,
            valueSpan: SourceSpan(start: valueStart, end: valueEnd)))
      }
      index = try skipWhitespace(from: valueEnd)
      guard index < count else {
        throw Failure(offset: open, problem: "the object opened here is never closed", fix: "Add the closing '}'.")
      }
      if bytes[index] == UInt8(ascii: ",") {
        index = try skipWhitespace(from: index + 1)
        continue
      }
      if bytes[index] == UInt8(ascii: "}") {
        index += 1
        break
      }
      throw Failure(
        offset: index, problem: "a ',' or '}' belongs after a member",
        fix: "Separate members with commas.")
    }
    for (position, key) in order.enumerated() where spans[position].count > 1 {
      duplicates.append(Duplicate(key: key, path: path, spans: spans[position]))
    }
    return index
  }

  private func parseArray(at open: Int, path: [String], depth: Int, duplicates: inout [Duplicate]) throws -> Int {
    var index = try skipWhitespace(from: open + 1)
    if index < count, bytes[index] == UInt8(ascii: "]") { return index + 1 }
    while true {
      guard index < count else {
        throw Failure(offset: open, problem: "the array opened here is never closed", fix: "Add the closing ']'.")
      }
      if bytes[index] == UInt8(ascii: "]") {
        throw Failure(
          offset: index, problem: "a trailing comma before ']' is not allowed in JSON", fix: "Remove the comma.")
      }
      var ignored: [Member] = []
      let (end, _, _) = try parseValue(at: index, path: path, depth: depth, members: &ignored, duplicates: &duplicates)
      index = try skipWhitespace(from: end)
      guard index < count else {
        throw Failure(offset: open, problem: "the array opened here is never closed", fix: "Add the closing ']'.")
      }
      if bytes[index] == UInt8(ascii: ",") {
        index = try skipWhitespace(from: index + 1)
        continue
      }
      if bytes[index] == UInt8(ascii: "]") { return index + 1 }
      throw Failure(offset: index, problem: "a ',' or ']' belongs after an array element")
    }
  }

  private func literal(_ word: String, at index: Int) throws -> Int {
    let wordBytes = Array(word.utf8)
    guard index + wordBytes.count <= count, Array(bytes[index..<(index + wordBytes.count)]) == wordBytes else {
      throw Failure(
        offset: index, problem: "a value must be a string, number, object, array, true, false or null",
        fix: "Put the value in double quotes.")
    }
    return index + wordBytes.count
  }

  private func parseNumber(at index: Int) throws -> (Int, Bool) {
    var position = index
    var isInteger = true
    if bytes[position] == UInt8(ascii: "-") { position += 1 }
    guard position < count, isDigit(bytes[position]) else {
      throw Failure(offset: index, problem: "a number must have digits after '-'")
    }
    if bytes[position] == UInt8(ascii: "0") {
      position += 1
      if position < count, isDigit(bytes[position]) {
        throw Failure(
          offset: index, problem: "a JSON number cannot start with 0 followed by digits",
          fix: "Put the value in double quotes.")
      }
    } else {
      while position < count, isDigit(bytes[position]) { position += 1 }
    }
    if position < count, bytes[position] == UInt8(ascii: ".") {
      isInteger = false
      position += 1
      guard position < count, isDigit(bytes[position]) else {
        throw Failure(offset: index, problem: "a number must have digits after its decimal point")
      }
      while position < count, isDigit(bytes[position]) { position += 1 }
    }
    if position < count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
      isInteger = false
      position += 1
      if position < count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
        position += 1
      }
      guard position < count, isDigit(bytes[position]) else {
        throw Failure(offset: index, problem: "a number's exponent must have digits")
      }
      while position < count, isDigit(bytes[position]) { position += 1 }
    }
    return (position, isInteger)
  }

  private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

  /// Parses a string starting at its opening quote; returns the index after the closing quote
  /// and the decoded text.
  private func parseString(at open: Int) throws -> (Int, String) {
    var index = open + 1
    var output: [UInt8] = []
    while true {
      guard index < count else {
        throw Failure(
          offset: open, problem: "the string that starts here is never closed", fix: "Add the closing '\"'.")
      }
      let byte = bytes[index]
      switch byte {
      case UInt8(ascii: "\""):
        return (index + 1, String(decoding: output, as: UTF8.self))
      case UInt8(ascii: "\\"):
        guard index + 1 < count else {
          throw Failure(offset: open, problem: "the string that starts here is never closed")
        }
        let escape = bytes[index + 1]
        switch escape {
        case UInt8(ascii: "\""): output.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): output.append(UInt8(ascii: "\\"))
        case UInt8(ascii: "/"): output.append(UInt8(ascii: "/"))
        case UInt8(ascii: "b"): output.append(0x08)
        case UInt8(ascii: "f"): output.append(0x0C)
        case UInt8(ascii: "n"): output.append(0x0A)
        case UInt8(ascii: "r"): output.append(0x0D)
        case UInt8(ascii: "t"): output.append(0x09)
        case UInt8(ascii: "u"):
          let (scalar, length) = try unicodeEscape(at: index)
          output.append(contentsOf: Array(String(Character(scalar)).utf8))
          index += length
          continue
        default:
          throw Failure(
            offset: index, end: index + 2, problem: "'\\' starts an escape that JSON does not have",
            fix: "Write a backslash as '\\\\'.")
        }
        index += 2
      case 0..<0x20:
        throw Failure(
          offset: index, problem: "a string contains a raw control character or line break",
          fix: "Keep the value on one line; write a line break as \\n only if it belongs in the value.")
      default:
        output.append(byte)
        index += 1
      }
    }
  }

  /// Decodes `\uXXXX` (and a following low surrogate) at `index`.
  private func unicodeEscape(at index: Int) throws -> (Unicode.Scalar, Int) {
    guard let high = hex4(at: index + 2) else {
      throw Failure(offset: index, end: index + 2, problem: "'\\u' must be followed by four hex digits")
    }
    if (0xD800...0xDBFF).contains(high) {
      if index + 12 <= count, bytes[index + 6] == UInt8(ascii: "\\"), bytes[index + 7] == UInt8(ascii: "u"),
        let low = hex4(at: index + 8), (0xDC00...0xDFFF).contains(low),
        let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
      {
        return (scalar, 12)
      }
      throw Failure(
        offset: index, end: index + 6,
        problem: "this '\\u' escape is half of a character (an unpaired surrogate)")
    }
    if (0xDC00...0xDFFF).contains(high) {
      throw Failure(
        offset: index, end: index + 6,
        problem: "this '\\u' escape is half of a character (an unpaired surrogate)")
    }
    guard let scalar = Unicode.Scalar(high) else {
      throw Failure(offset: index, problem: "this '\\u' escape is not a character")
    }
    return (scalar, 6)
  }

  private func hex4(at index: Int) -> UInt32? {
    guard index + 4 <= count else { return nil }
    var value: UInt32 = 0
    for offset in 0..<4 {
      let byte = bytes[index + offset]
      let digit: UInt32
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
      default: return nil
      }
      value = value << 4 | digit
    }
    return value
  }

  /// Skips JSON whitespace (space, tab, LF, CR); a comment is a syntax error.
  private func skipWhitespace(from index: Int) throws -> Int {
    var position = index
    while position < count {
      switch bytes[position] {
      case 0x20, 0x09, 0x0A, 0x0D:
        position += 1
      case UInt8(ascii: "/")
      where position + 1 < count
        && (bytes[position + 1] == UInt8(ascii: "/") || bytes[position + 1] == UInt8(ascii: "*")):
        throw Failure(
          offset: position, end: position + 2, problem: "comments are not allowed in JSON",
          fix: "Delete the comment.")
      case UInt8(ascii: "#"):
        throw Failure(
          offset: position, end: position + 1, problem: "comments are not allowed in JSON", fix: "Delete the comment.")
      default:
        return position
      }
    }
    return position
  }
}
