import CredentialSpecs
import Foundation
import OnboardDiagnostics
import OnboardSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Applies the safe, mechanical fixes for what the linter reported: quoting a value YAML would
/// mistype or a shell would break, trimming spaces inside quotes, removing spaces around `=`,
/// removing a byte-order mark, converting CRLF to LF, and `chmod 600`.
///
/// Only findings that were reported are fixed, and no fix changes the value the consumer
/// loads (except trimming the stray whitespace the finding is about). The file is written
/// atomically with mode 0600 (or its existing stricter mode). Changes are described in words;
/// no value is ever printed.
public struct CredentialFixer: Sendable {
  /// The result of fixing one file.
  public struct Outcome: Sendable {
    /// What was changed.
    public var changes: [FixChange]
    /// The new bytes (equal to the old ones when only the mode changed or nothing did).
    public var bytes: [UInt8]
  }

  /// A file whose mode could not be changed.
  public struct FixError: Error, Sendable, CustomStringConvertible {
    /// The path.
    public var path: String
    /// The system's reason.
    public var reason: String

    public var description: String { "cannot change \(path): \(reason)" }
  }

  /// The specs, for naming credentials in change descriptions.
  public let specs: CredentialSpecSet

  /// Creates a fixer.
  public init(specs: CredentialSpecSet) {
    self.specs = specs
  }

  /// The edits for a document's reported findings, and the resulting bytes (nothing written).
  public func plan(_ document: CredentialDocument, diagnostics: [Diagnostic]) -> Outcome {
    let source = document.source
    let reported = Set(diagnostics.map { Key(rule: $0.ruleID, line: $0.location.line) })
    func wants(_ rule: String, _ span: SourceSpan) -> Bool {
      reported.contains(Key(rule: rule, line: source.position(ofOffset: span.start).line))
    }
    var edits: [TextEdit] = []
    // A Python file gets only the file-level fixes (BOM, CRLF, mode): re-quoting a value would
    // need Python's string rules, so those findings stay suggestions.
    let isPython = document.layout.kind == .pythonDict
    switch document.format {
    case .yaml where isPython: break
    case .yaml: edits += yamlEdits(document, wants: wants)
    case .dotenv: edits += dotenvEdits(document, wants: wants)
    case .json: break
    }
    if !isPython { edits += trimEdits(document, wants: wants) }
    var (bytes, applied) = TextEdit.apply(edits, to: source.bytes)
    var changes = applied.map(\.change)
    if source.bomLength > 0, diagnostics.contains(where: { $0.ruleID == "file/bom" }) {
      bytes.removeFirst(3)
      changes.insert(
        FixChange(file: source.path, line: 1, what: "removed the byte-order mark", ruleID: "file/bom"), at: 0)
    }
    if diagnostics.contains(where: { $0.ruleID == "file/crlf" }) {
      let before = bytes.count
      bytes = Self.convertingCRLF(bytes)
      let converted = before - bytes.count
      if converted > 0 {
        changes.append(
          FixChange(
            file: source.path, line: 1,
            what: "converted \(converted) CRLF line ending\(converted == 1 ? "" : "s") to LF", ruleID: "file/crlf"))
      }
    }
    return Outcome(changes: changes.sorted { ($0.line, $0.ruleID) < ($1.line, $1.ruleID) }, bytes: bytes)
  }

  /// Fixes a file on disk: writes the planned bytes atomically and tightens its mode.
  /// - Parameters:
  ///   - document: the file as parsed.
  ///   - diagnostics: what the linter reported for it.
  ///   - mode: the file's current permission bits.
  /// - Returns: the changes made.
  /// - Throws: ``AtomicFile/WriteError`` or ``FixError`` when it cannot be written.
  public func fix(_ document: CredentialDocument, diagnostics: [Diagnostic], mode: UInt16) throws -> [FixChange] {
    var warnings: [String] = []
    return try fix(document, diagnostics: diagnostics, mode: mode, warnings: &warnings)
  }

  /// Fixes a file on disk as ``fix(_:diagnostics:mode:)`` does, and adds to `warnings` what
  /// the person should know about the write (other hard links to the file split off). The
  /// file keeps its owner and group.
  public func fix(
    _ document: CredentialDocument, diagnostics: [Diagnostic], mode: UInt16, warnings: inout [String]
  ) throws -> [FixChange] {
    var outcome = plan(document, diagnostics: diagnostics)
    let path = Self.resolvedPath(document.source.path)
    let tighten = mode & 0o077 != 0 && diagnostics.contains { $0.ruleID == "file/permissions" }
    let newMode: mode_t = tighten ? 0o600 : mode_t(mode & 0o777)
    if outcome.bytes != document.source.bytes {
      let replacement = try AtomicFile.write(outcome.bytes, to: path, mode: newMode)
      if let warning = replacement.warning(for: document.source.path) { warnings.append(warning) }
    } else if tighten {
      guard chmod(path, 0o600) == 0 else {
        throw FixError(path: document.source.path, reason: String(cString: strerror(errno)))
      }
    }
    if tighten {
      let octal = String(mode & 0o777, radix: 8)
      outcome.changes.append(
        FixChange(
          file: document.source.path, line: 1, what: "changed permissions from 0\(octal) to 0600",
          ruleID: "file/permissions"))
    }
    return outcome.changes
  }

  // MARK: - Edits

  private struct Key: Hashable {
    var rule: String
    var line: Int
  }

  private func yamlEdits(_ document: CredentialDocument, wants: (String, SourceSpan) -> Bool) -> [TextEdit] {
    var edits: [TextEdit] = []
    let bytes = document.source.bytes
    for entry in document.effectiveEntries
    where entry.style == .plain && !entry.loadedType.isString
      && entry.loadedType != .null
    {
      guard let span = entry.valueSpan, span.end > span.start, entry.specKey != nil,
        wants("yaml/implicit-type", span)
      else { continue }
      edits.append(
        quoting(
          span, bytes: bytes, document: document, rule: "yaml/implicit-type",
          what: "put the value of \(label(entry)) in single quotes"))
    }
    for key in document.yaml.nonStringKeys where key.isAccount {
      guard key.span.end > key.span.start, wants("yaml/implicit-type", key.span) else { continue }
      edits.append(
        quoting(
          key.span, bytes: bytes, document: document, rule: "yaml/implicit-type",
          what: "put the account name in single quotes"))
    }
    for setting in document.yaml.settings where setting.style == .plain && !setting.loadedType.isString {
      guard let span = setting.valueSpan, span.end > span.start, wants("yaml/version-type", span) else { continue }
      edits.append(
        quoting(
          span, bytes: bytes, document: document, rule: "yaml/version-type",
          what: "put the value of '\(setting.name)' in single quotes"))
    }
    return edits
  }

  private func dotenvEdits(_ document: CredentialDocument, wants: (String, SourceSpan) -> Bool) -> [TextEdit] {
    var edits: [TextEdit] = []
    let bytes = document.source.bytes
    let path = document.source.path
    for binding in document.dotenvBindings {
      guard let value = binding.value else { continue }
      let name = label(binding.key)
      if let before = binding.spaceBeforeEquals, wants("env/space-around-equals", before) {
        edits.append(
          TextEdit(
            span: before, replacement: [],
            change: FixChange(
              file: path, line: binding.line, what: "removed the spaces before '=' for \(name)",
              ruleID: "env/space-around-equals")))
      }
      if let after = binding.spaceAfterEquals, !value.isEmpty, wants("env/space-around-equals", after) {
        edits.append(
          TextEdit(
            span: after, replacement: [],
            change: FixChange(
              file: path, line: binding.line, what: "removed the spaces after '=' for \(name)",
              ruleID: "env/space-around-equals")))
      }
      guard let span = binding.valueSpan, span.end > span.start else { continue }
      let raw = bytes[span.start..<span.end]
      // A value can move into single quotes only when python-dotenv reads it the same way
      // there: no quote or backslash inside, and no ${...} (expanded either way).
      let quotable =
        !raw.contains(UInt8(ascii: "'")) && !raw.contains(UInt8(ascii: "\\"))
        && InterpolationRule.posixVariable(in: raw) == nil
      let shellRule = binding.style == .plain && wants("env/shell-unsafe", span)
      let dollar = raw.firstIndex(of: UInt8(ascii: "$"))
      let interpolationRule = dollar.map { wants("env/interpolation", SourceSpan(start: $0, end: $0 + 1)) } ?? false
      if quotable, shellRule || (interpolationRule && binding.style == .plain) {
        edits.append(
          TextEdit(
            span: span, replacement: [UInt8(ascii: "'")] + Array(raw) + [UInt8(ascii: "'")],
            change: FixChange(
              file: path, line: binding.line, what: "put the value of \(name) in single quotes",
              ruleID: shellRule ? "env/shell-unsafe" : "env/interpolation")))
      } else if quotable, interpolationRule, binding.style == .doubleQuoted, raw.count >= 2 {
        var replacement = Array(raw)
        replacement[0] = UInt8(ascii: "'")
        replacement[replacement.count - 1] = UInt8(ascii: "'")
        edits.append(
          TextEdit(
            span: span, replacement: replacement,
            change: FixChange(
              file: path, line: binding.line,
              what: "changed the double quotes around the value of \(name) to single quotes",
              ruleID: "env/interpolation")))
      }
    }
    return edits
  }

  /// Trims spaces and tabs just inside the quotes of a quoted value when that is all the
  /// whitespace around it.
  private func trimEdits(_ document: CredentialDocument, wants: (String, SourceSpan) -> Bool) -> [TextEdit] {
    var edits: [TextEdit] = []
    let bytes = document.source.bytes
    for entry in document.effectiveEntries where entry.style.isQuoted && entry.specKey != nil {
      guard let span = entry.valueSpan, span.end - span.start >= 2, wants(ValueValidator.Rule.whitespace, span)
      else { continue }
      let inner = Array(bytes[(span.start + 1)..<(span.end - 1)])
      let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
      let lead = inner.prefix(while: isSpace).count
      let trail = inner.reversed().prefix(while: isSpace).count
      guard lead + trail > 0, lead + trail < inner.count else { continue }
      // The loaded value must have exactly these spaces around it and none after trimming.
      let valueBytes = Array(entry.value.utf8)
      let valueLead = valueBytes.prefix(while: isSpace).count
      let valueTrail = valueBytes.reversed().prefix(while: isSpace).count
      guard valueLead == lead, valueTrail == trail else { continue }
      let trimmedValue = String(decoding: valueBytes[lead..<(valueBytes.count - trail)], as: UTF8.self)
      guard ValueValidator.trimmingWhitespaceForFix(trimmedValue) == trimmedValue else { continue }
      let newInner = Array(inner[lead..<(inner.count - trail)])
      edits.append(
        TextEdit(
          span: span, replacement: [bytes[span.start]] + newInner + [bytes[span.end - 1]],
          change: FixChange(
            file: document.source.path, line: document.source.position(ofOffset: span.start).line,
            what: "removed the whitespace inside the quotes around the value of \(label(entry))",
            ruleID: ValueValidator.Rule.whitespace)))
    }
    return edits
  }

  private func quoting(_ span: SourceSpan, bytes: [UInt8], document: CredentialDocument, rule: String, what: String)
    -> TextEdit
  {
    var replacement: [UInt8] = [UInt8(ascii: "'")]
    for byte in bytes[span.start..<span.end] {
      replacement.append(byte)
      if byte == UInt8(ascii: "'") { replacement.append(byte) }
    }
    replacement.append(UInt8(ascii: "'"))
    return TextEdit(
      span: span, replacement: replacement,
      change: FixChange(
        file: document.source.path, line: document.source.position(ofOffset: span.start).line, what: what,
        ruleID: rule))
  }

  private func label(_ entry: CredentialEntry) -> String {
    if let key = entry.specKey, let spec = specs[key: key] {
      return entry.name == spec.key || entry.name == spec.env
        ? "'\(entry.name)'" : "'\(spec.env ?? spec.key)' (with its account suffix)"
    }
    return label(entry.name)
  }

  private func label(_ name: String) -> String {
    CredentialNames.isShowable(name, specs: specs) ? "'\(name)'" : "a variable"
  }

  // MARK: - Whole file

  static func convertingCRLF(_ bytes: [UInt8]) -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count)
    var index = 0
    while index < bytes.count {
      if bytes[index] == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A {
        index += 1
        continue
      }
      output.append(bytes[index])
      index += 1
    }
    return output
  }

  static func resolvedPath(_ path: String) -> String {
    guard let resolved = realpath(path, nil) else { return path }
    defer { free(resolved) }
    return String(cString: resolved)
  }
}

extension ValueValidator {
  /// Whitespace trimming as the validator does it (Unicode whitespace at both ends).
  static func trimmingWhitespaceForFix(_ value: String) -> String {
    var scalars = Substring(value).unicodeScalars
    while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
    while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
    return String(scalars)
  }
}
