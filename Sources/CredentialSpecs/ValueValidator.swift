import OnboardDiagnostics

/// Checks one credential value against its spec and the guide's other specs.
///
/// The same checks serve the linter, the walk and roster validation. No finding quotes the
/// value: messages describe its shape (length, format, which spec it looks like).
public struct ValueValidator: Sendable {
  /// The rule ids this validator reports, with their descriptors for catalogues and SARIF.
  public enum Rule {
    public static let placeholder = "value/placeholder"
    public static let whitespace = "value/whitespace"
    public static let quotes = "value/quotes"
    public static let invisibleCharacter = "value/invisible-char"
    public static let knownMistake = "value/known-mistake"
    public static let swapped = "value/swapped"
    public static let format = "value/format"
    public static let tooLong = "value/too-long"
    public static let tooShort = "value/too-short"
    public static let missingPrefix = "value/missing-prefix"
  }

  /// Descriptors of every rule above.
  public static let rules: [RuleDescriptor] = [
    RuleDescriptor(
      id: Rule.placeholder, summary: "A placeholder is left where the value belongs.",
      defaultSeverity: .error,
      help:
        "Values such as '', <...>, your_..., xxx, ..., changeme, TODO, ${...}, {{...}} or the guide's own example are placeholders. Paste the real value."
    ),
    RuleDescriptor(
      id: Rule.whitespace, summary: "The value has spaces or line breaks in it or around it.",
      defaultSeverity: .error,
      help: "Consumers do not trim values, so a stray space or newline makes authentication fail. Remove it."),
    RuleDescriptor(
      id: Rule.quotes, summary: "The value is wrapped in quote characters that are part of the value.",
      defaultSeverity: .error,
      help: "A quote that is part of the value (not YAML or shell quoting) makes authentication fail. Remove it."),
    RuleDescriptor(
      id: Rule.invisibleCharacter,
      summary: "The value contains an invisible or typographic character.",
      defaultSeverity: .error,
      help:
        "Zero-width spaces, byte-order marks, non-breaking spaces and smart quotes come from copying out of documents. Delete them."
    ),
    RuleDescriptor(
      id: Rule.knownMistake, summary: "The value is a known wrong kind of value for this key.",
      defaultSeverity: .error,
      help: "The guide lists this mistake; its message says what the value is and what belongs here."),
    RuleDescriptor(
      id: Rule.swapped, summary: "The value has the format of another credential.",
      defaultSeverity: .error, help: "Two values were probably pasted into each other's places. Swap them."),
    RuleDescriptor(
      id: Rule.format, summary: "The value does not have the credential's format.",
      defaultSeverity: .error, help: "Copy the value again from where the guide says it is produced."),
    RuleDescriptor(
      id: Rule.tooLong, summary: "The value is longer than the credential can be.",
      defaultSeverity: .error, help: "Something was pasted twice or joined to the value. Copy it again."),
    RuleDescriptor(
      id: Rule.tooShort, summary: "The value is shorter than the credential can be (its spec's min-length).",
      defaultSeverity: .error,
      help: "The value was probably cut short when it was copied. Copy the whole value again in one piece."),
    RuleDescriptor(
      id: Rule.missingPrefix, summary: "The value does not start with the credential's public prefix.",
      defaultSeverity: .error,
      help: "Every valid value starts with the spec's public-prefix. Copy the value again, from its first character."),
  ]

  /// The guide's specs, used to recognise swapped values.
  public var specs: CredentialSpecSet

  /// Creates a validator for a guide's specs.
  public init(specs: CredentialSpecSet) {
    self.specs = specs
  }

  /// Checks `value` as the value of `spec`.
  /// - Returns: findings, most specific first; empty when the value looks right.
  public func check(_ value: String, as spec: CredentialSpec) -> [ValueFinding] {
    let name = "'\(spec.key)'"
    if let reason = Self.placeholderReason(value, spec: spec) {
      return [
        ValueFinding(
          ruleID: Rule.placeholder, severity: .error,
          message: "The value of \(name) is a placeholder (\(reason)), not a real \(spec.title).",
          fix: "Paste the \(spec.title) in its place.")
      ]
    }
    var findings: [ValueFinding] = []
    var candidate = value
    let trimmed = Self.trimmingWhitespace(value)
    if trimmed != value {
      findings.append(
        ValueFinding(
          ruleID: Rule.whitespace, severity: .error,
          message: "The value of \(name) has \(Self.describeWhitespace(value, trimmed: trimmed)).",
          fix: "Remove the whitespace around the value."))
      candidate = trimmed
    }
    if let unquoted = Self.unwrappingQuotes(candidate) {
      findings.append(
        ValueFinding(
          ruleID: Rule.quotes, severity: .error,
          message: "The value of \(name) is wrapped in quote characters that become part of it.",
          fix: "Remove the quote characters around the value."))
      candidate = unquoted
    }
    if candidate.unicodeScalars.contains(where: Self.isWhitespace) {
      findings.append(
        ValueFinding(
          ruleID: Rule.whitespace, severity: .error,
          message: "The value of \(name) has a space or line break inside it.",
          fix: "Copy the value again in one piece."))
    }
    if let invisible = Self.invisibleCharacter(in: candidate) {
      findings.append(
        ValueFinding(
          ruleID: Rule.invisibleCharacter, severity: .error,
          message: "The value of \(name) contains \(invisible).",
          fix: "Delete the character; it usually comes from copying out of a document or chat."))
      candidate = String(String.UnicodeScalarView(candidate.unicodeScalars.filter { Self.invisibleName($0) == nil }))
    }
    if let maxLength = spec.maxLength, candidate.utf8.count > maxLength {
      findings.append(
        ValueFinding(
          ruleID: Rule.tooLong, severity: .error,
          message:
            "The value of \(name) is \(EnglishWording.count(candidate.utf8.count, "byte")) long; \(EnglishWording.withArticle(spec.title)) is at most \(maxLength).",
          fix: "Copy the value again; part of it may be pasted twice."))
    }
    let tooShort = Self.tooShortFinding(candidate, spec: spec, name: name)
    if let tooShort { findings.append(tooShort) }
    if let mistake = spec.mistakes.first(where: { $0.pattern.matches(candidate) }) {
      findings.append(
        ValueFinding(
          ruleID: Rule.knownMistake, severity: mistake.severity,
          message: "The value of \(name): \(mistake.message).", fix: mistake.fix))
      return findings
    }
    if let pattern = spec.pattern, !pattern.matches(candidate) {
      if let other = specs.specs.first(where: {
        $0.key != spec.key && ($0.pattern?.matches(candidate) ?? false)
      }) {
        findings.append(
          ValueFinding(
            ruleID: Rule.swapped, severity: .error,
            message:
              "The value of \(name) looks like \(EnglishWording.withArticle(other.title)) ('\(other.key)'), not \(EnglishWording.withArticle(spec.title)).",
            fix: "Check whether the values of '\(spec.key)' and '\(other.key)' were swapped."))
      } else if let prefix = spec.publicPrefix, !prefix.isEmpty, !candidate.hasPrefix(prefix) {
        findings.append(
          ValueFinding(
            ruleID: Rule.missingPrefix, severity: .error,
            message: "The value of \(name) is missing the `\(prefix)` prefix: every \(spec.title) starts with it.",
            fix: "Copy the \(spec.title) again, from its first character."))
      } else if tooShort == nil {
        var message = "The value of \(name) does not have the format of \(EnglishWording.withArticle(spec.title))"
        if let example = spec.example { message += " (it looks like \(example))" }
        message += "; it is \(EnglishWording.count(candidate.count, "character")) long."
        findings.append(
          ValueFinding(
            ruleID: Rule.format, severity: .error, message: message,
            fix: "Copy the \(spec.title) again from where the guide says it is produced."))
      }
    }
    return findings
  }

  /// The finding for a value shorter than the spec's `min-length`, or `nil`. It names the
  /// length only, never the value.
  static func tooShortFinding(_ value: String, spec: CredentialSpec, name: String) -> ValueFinding? {
    guard let minimum = spec.minLength, value.count < minimum else { return nil }
    let length = value.count
    return ValueFinding(
      ruleID: Rule.tooShort, severity: .error,
      message:
        "The value of \(name) is \(EnglishWording.count(length, "character")); \(EnglishWording.withArticle(spec.title)) is at least \(minimum), so it was probably cut short.",
      fix: "Copy the whole \(spec.title) again in one piece.")
  }

  // MARK: - Shapes

  /// Why `value` is a placeholder, or `nil` when it is not one.
  public static func placeholderReason(_ value: String, spec: CredentialSpec?) -> String? {
    let text = value.trimmingSpaces()
    let lower = text.lowercased()
    if text.isEmpty { return "empty" }
    if let example = spec?.example, !example.isEmpty, text == example { return "the guide's example" }
    if text.hasPrefix("<") && text.hasSuffix(">") { return "<...>" }
    if text.hasPrefix("${") && text.hasSuffix("}") { return "${...}" }
    if text.hasPrefix("{{") && text.hasSuffix("}}") { return "{{...}}" }
    if lower.hasPrefix("your_") || lower.hasPrefix("your-") || lower.hasPrefix("your ") { return "your_..." }
    if lower.hasPrefix("insert_") || lower.hasPrefix("insert-") { return "insert_..." }
    if [
      "changeme", "change_me", "change-me", "todo", "tbd", "fixme", "none", "null", "placeholder", "secret", "redacted",
    ].contains(lower) {
      return lower
    }
    if lower.count >= 3, lower.allSatisfy({ $0 == "x" || $0 == "*" }) { return "xxx" }
    if text.allSatisfy({ $0 == "." || $0 == "…" }) { return "..." }
    if text.hasSuffix("...") || text.hasSuffix("…") { return "a shortened value ending in ..." }
    if text.hasSuffix("EXAMPLE") { return "an *EXAMPLE value" }
    return nil
  }

  static func trimmingWhitespace(_ value: String) -> String {
    var scalars = Substring(value).unicodeScalars
    while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
    while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
    return String(scalars)
  }

  static func describeWhitespace(_ value: String, trimmed: String) -> String {
    let leading = value.unicodeScalars.first.map { $0.properties.isWhitespace } ?? false
    return leading ? "whitespace before it" : "whitespace or a line break after it"
  }

  /// The value without one pair of wrapping quotes ("…", '…', `…`, “…”, ‘…’), or `nil`.
  public static func unwrappingQuotes(_ value: String) -> String? {
    let pairs: [(Character, Character)] = [("\"", "\""), ("'", "'"), ("`", "`"), ("“", "”"), ("‘", "’")]
    guard value.count >= 2, let first = value.first, let last = value.last else { return nil }
    for (open, close) in pairs where first == open && last == close {
      return String(value.dropFirst().dropLast())
    }
    if first == "\"" || first == "'" || last == "\"" || last == "'" {
      return String(
        value.drop(while: { $0 == "\"" || $0 == "'" }).reversed().drop(while: { $0 == "\"" || $0 == "'" }).reversed())
    }
    return nil
  }

  /// Whether `scalar` counts as a space or line break inside a value: Unicode's White_Space
  /// (ASCII spaces and line breaks, U+0085, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F,
  /// U+205F, U+3000). U+00A0 is reported as an invisible character instead.
  public static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value != 0x00A0 && scalar.properties.isWhitespace
  }

  static func invisibleCharacter(in value: String) -> String? {
    for scalar in value.unicodeScalars {
      if let name = invisibleName(scalar) { return name }
    }
    return nil
  }

  static func invisibleName(_ scalar: Unicode.Scalar) -> String? {
    switch scalar.value {
    case 0x200B: return "a zero-width space (U+200B)"
    case 0x200C: return "a zero-width non-joiner (U+200C)"
    case 0x200D: return "a zero-width joiner (U+200D)"
    case 0x2060: return "a word joiner (U+2060)"
    case 0xFEFF: return "a byte-order mark (U+FEFF)"
    case 0x00A0: return "a non-breaking space (U+00A0)"
    case 0x00AD: return "a soft hyphen (U+00AD)"
    case 0x200E, 0x200F, 0x061C, 0x202A...0x202E, 0x2066...0x2069:
      return "a text-direction control (U+\(String(scalar.value, radix: 16, uppercase: true)))"
    case 0x2018, 0x2019: return "a curly single quote"
    case 0x201C, 0x201D: return "a curly double quote"
    case 0x0000..<0x0020 where scalar != "\n" && scalar != "\t" && scalar != "\r":
      return "a control character"
    case 0x007F: return "a control character"
    default: return nil
    }
  }
}

extension String {
  func trimmingSpaces() -> String {
    ValueValidator.trimmingWhitespace(self)
  }
}
