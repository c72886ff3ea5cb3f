import OnboardDiagnostics
import Yams

/// Maps Yams marks (1-based line, column in Unicode scalars) to diagnostic locations with
/// 1-based UTF-8 byte columns, shifted to where an embedded YAML text sits in its file.
public struct YAMLPosition: Sendable {
  /// The file the YAML is in.
  public var file: String
  /// The YAML text's lines, to turn scalar columns into byte columns.
  public var lines: [String] {
    didSet { checkpoints = Self.checkpoints(lines) }
  }
  /// Lines before the YAML text in its file (0 when the YAML is the whole file).
  public var lineOffset: Int
  /// Bytes of indentation before each YAML line in its file (0 when it is the whole file).
  public var columnOffset: Int

  /// Creates a mapper for `text` that starts at `lineOffset + 1` in `file`.
  public init(file: String, text: String, lineOffset: Int = 0, columnOffset: Int = 0) {
    self.file = file
    // Split on the byte, not the Character: "\r\n" is one Character in Swift.
    let lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
      .map { String(decoding: $0, as: UTF8.self) }
    self.lines = lines
    self.checkpoints = Self.checkpoints(lines)
    self.lineOffset = lineOffset
    self.columnOffset = columnOffset
  }

  /// The location of a Yams mark.
  public func location(_ mark: Mark?) -> DiagnosticLocation {
    guard let mark else {
      return DiagnosticLocation(file: file, line: lineOffset + 1, column: columnOffset + 1)
    }
    return location(line: mark.line, scalarColumn: mark.column)
  }

  /// The location of a line and a column counted in Unicode scalars (both 1-based).
  public func location(line: Int, scalarColumn: Int) -> DiagnosticLocation {
    var byteColumn = scalarColumn
    if line >= 1, line <= lines.count {
      // Scalars before the column, and the bytes they take. A line of ASCII has one byte per
      // scalar; on other lines the walk starts at the nearest checkpoint, so each call takes at
      // most 64 steps however long the line is (a flow mapping of many keys on one line).
      let wanted = scalarColumn - 1
      var bytes = 0
      var scalars = 0
      if let marks = checkpoints[line - 1] {
        let utf8 = lines[line - 1].utf8
        if wanted > 0 {
          let mark = min(wanted / 64, marks.count - 1)
          bytes = marks[mark]
          scalars = mark * 64
        }
        var index = utf8.index(utf8.startIndex, offsetBy: bytes)
        while scalars < wanted, index < utf8.endIndex {
          let width = Self.width(leadByte: utf8[index])
          bytes += width
          scalars += 1
          index = utf8.index(index, offsetBy: width)
        }
      } else {
        scalars = min(max(wanted, 0), lines[line - 1].utf8.count)
        bytes = scalars
      }
      byteColumn = bytes + 1 + max(0, wanted - scalars)
    }
    return DiagnosticLocation(file: file, line: line + lineOffset, column: byteColumn + columnOffset)
  }

  /// For each line (0-based) that is not all ASCII: the UTF-8 offset of its scalars 0, 64,
  /// 128, … (every 64th). ASCII lines have no entry.
  private var checkpoints: [Int: [Int]]

  private static func checkpoints(_ lines: [String]) -> [Int: [Int]] {
    var result: [Int: [Int]] = [:]
    for (number, line) in lines.enumerated() where !line.utf8.allSatisfy({ $0 < 0x80 }) {
      var marks: [Int] = []
      var bytes = 0
      for (index, scalar) in line.unicodeScalars.enumerated() {
        if index % 64 == 0 { marks.append(bytes) }
        bytes += UTF8.width(scalar)
      }
      result[number] = marks
    }
    return result
  }

  /// The length of the UTF-8 sequence a (valid) lead byte starts.
  private static func width(leadByte: UInt8) -> Int {
    switch leadByte {
    case 0xF0...0xFF: return 4
    case 0xE0...0xEF: return 3
    case 0xC0...0xDF: return 2
    default: return 1
    }
  }

  /// A diagnostic for a YAML syntax error, built from the error's position only: Yams's own
  /// error text quotes the document (and so could quote a secret), so it is never shown.
  public func syntaxDiagnostic(_ error: Error, ruleID: String, what: String) -> Diagnostic {
    var line = 1
    var column = 1
    var problem = "it is not valid YAML"
    if let yamlError = error as? YamlError {
      switch yamlError {
      case .scanner(_, let problemText, let mark, _), .parser(_, let problemText, let mark, _):
        line = mark.line
        column = mark.column
        problem = Self.safeProblem(problemText)
      case .composer(_, let problemText, let mark, _):
        line = mark.line
        column = mark.column
        problem = Self.safeProblem(problemText)
      case .duplicatedKeysInMapping(_, let context):
        line = context.mark.line
        column = context.mark.column
        problem = "a key is defined twice in one mapping"
      default:
        break
      }
    }
    return Diagnostic(
      severity: .error, ruleID: ruleID, message: "\(what) is not valid YAML: \(problem).",
      location: location(line: line, scalarColumn: column),
      fix:
        "Check the indentation and quoting at this line; quote values that contain ': ' or start with a special character."
    )
  }

  /// libyaml's problem strings are fixed phrases ("mapping values are not allowed in this
  /// context"); they never contain document text. Anything else is replaced.
  static func safeProblem(_ problem: String) -> String {
    let known = [
      "mapping values are not allowed in this context",
      "found character that cannot start any token",
      "did not find expected key",
      "did not find expected node content",
      "found unexpected end of stream",
      "could not find expected ':'",
      "found a tab character that violates indentation",
      "found undefined tag handle",
      "did not find expected '-' indicator",
      "found unknown escape character",
      "found unexpected document indicator",
      "did not find expected comment or line break",
      "found a tab character where an indentation space is expected",
      "found character that cannot start any token",
      "while scanning a quoted scalar",
      "found duplicate anchor",
      "found undefined alias",
      "block sequence entries are not allowed in this context",
      "did not find expected <document start>",
      "found an incorrect leading UTF-16 surrogate",
      "invalid leading UTF-8 octet",
      "control characters are not allowed",
    ]
    if let match = known.first(where: { problem.hasPrefix($0) }) { return match }
    return "the structure is not valid here"
  }
}
