import OnboardDiagnostics
import Yams

/// Reads a credentials block (a YAML mapping of key to spec) into a ``CredentialSpecSet``.
///
/// Every problem is a diagnostic with the position inside the block, mapped to the guide file.
public enum CredentialSpecParser {
  /// Rule ids this parser reports.
  public enum Rule {
    /// The block is not valid YAML, or not a mapping of key to spec.
    public static let malformed = "guide/malformed-credentials"
    /// A spec field is unknown.
    public static let unknownField = "guide/unknown-credential-field"
  }

  /// Spec fields this parser understands.
  public static let knownFields: Set<String> = [
    "title", "env", "required", "secret", "pattern", "example", "mistakes", "deprecated",
    "produced-by", "aliases", "max-length", "min-length", "public-prefix", "description",
    "rotate-every", "warn-before",
  ]

  /// Top-level keys of the block that are not credentials: `verify` declares how the
  /// credentials are proved to work (``VerificationSpecParser``), so no credential can be named so.
  public static let reservedKeys: Set<String> = ["verify"]

  /// Parses a credentials block.
  /// - Parameters:
  ///   - yaml: the block's text.
  ///   - position: maps positions in the block to the guide file.
  /// - Returns: the specs that could be read, and the diagnostics.
  public static func parse(_ yaml: String, position: YAMLPosition) -> (CredentialSpecSet, [Diagnostic]) {
    var diagnostics: [Diagnostic] = []
    let node: Node?
    do {
      // Basic resolver: values are read as text, and the default one compiles ICU regexes.
      node = try Yams.compose(yaml: yaml, .basic)
    } catch {
      diagnostics.append(
        position.syntaxDiagnostic(error, ruleID: Rule.malformed, what: "The credentials block"))
      return (CredentialSpecSet(), diagnostics)
    }
    guard let node else { return (CredentialSpecSet(), diagnostics) }
    guard let mapping = node.mapping else {
      diagnostics.append(
        Diagnostic(
          severity: .error, ruleID: Rule.malformed,
          message: "The credentials block must be a mapping of credential key to its spec.",
          location: position.location(node.mark),
          fix: "Write one `key:` line per credential with its fields indented below it."))
      return (CredentialSpecSet(), diagnostics)
    }
    var specs: [CredentialSpec] = []
    var seen: Set<String> = []
    var verifyNodes: (key: Node, value: Node)?
    for (keyNode, valueNode) in mapping {
      guard let key = keyNode.scalar?.string, !key.isEmpty else {
        diagnostics.append(
          Diagnostic(
            severity: .error, ruleID: Rule.malformed, message: "A credential key must be a plain name.",
            location: position.location(keyNode.mark)))
        continue
      }
      if reservedKeys.contains(key) {
        // Read once every credential is known: its roles and mappings must name them.
        if verifyNodes == nil { verifyNodes = (keyNode, valueNode) }
        continue
      }
      if !seen.insert(key).inserted {
        diagnostics.append(
          Diagnostic(
            severity: .error, ruleID: Rule.malformed,
            message: "The credential '\(key)' is specified twice.",
            location: position.location(keyNode.mark), fix: "Keep one spec per credential."))
        continue
      }
      if let spec = readSpec(
        key: key, keyNode: keyNode, node: valueNode, position: position, diagnostics: &diagnostics)
      {
        specs.append(spec)
      }
    }
    var set = CredentialSpecSet(specs)
    if let verifyNodes {
      set.verification = VerificationSpecParser.parse(
        verifyNodes.value, keyNode: verifyNodes.key, credentials: Set(set.keys), position: position,
        diagnostics: &diagnostics)
    }
    return (set, diagnostics)
  }

  private static func readSpec(
    key: String, keyNode: Node, node: Node, position: YAMLPosition, diagnostics: inout [Diagnostic]
  ) -> CredentialSpec? {
    var spec = CredentialSpec(key: key, title: key, location: position.location(keyNode.mark))
    if node.scalar?.string == "" || node.scalar?.string == "~" || node.null != nil {
      return spec
    }
    guard let fields = node.mapping else {
      diagnostics.append(
        Diagnostic(
          severity: .error, ruleID: Rule.malformed,
          message: "The spec of '\(key)' must be a mapping of fields (title, env, pattern, ...).",
          location: position.location(node.mark)))
      return nil
    }
    func fail(_ message: String, _ at: Node) {
      diagnostics.append(
        Diagnostic(
          severity: .error, ruleID: Rule.malformed, message: message, location: position.location(at.mark)))
    }
    func string(_ value: Node, _ field: String) -> String? {
      guard let scalar = value.scalar else {
        fail("The field '\(field)' of '\(key)' must be a single value.", value)
        return nil
      }
      return scalar.string
    }
    func bool(_ value: Node, _ field: String) -> Bool? {
      guard let text = value.scalar?.string.lowercased() else {
        fail("The field '\(field)' of '\(key)' must be true or false.", value)
        return nil
      }
      switch text {
      case "true", "yes", "on": return true
      case "false", "no", "off": return false
      default:
        fail("The field '\(field)' of '\(key)' must be true or false.", value)
        return nil
      }
    }
    func pattern(_ value: Node, _ field: String) -> CredentialPattern? {
      guard let text = string(value, field) else { return nil }
      do {
        return try CredentialPattern(text)
      } catch {
        fail("The \(field) of '\(key)' is not a valid regular expression.", value)
        return nil
      }
    }
    for (fieldNode, value) in fields {
      let field = fieldNode.scalar?.string ?? ""
      switch field {
      case "title": spec.title = string(value, field) ?? key
      case "env": spec.env = string(value, field)
      case "required": spec.required = bool(value, field) ?? false
      case "secret": spec.secret = bool(value, field) ?? true
      case "pattern": spec.pattern = pattern(value, field)
      case "example": spec.example = string(value, field)
      case "description": spec.description = string(value, field)
      case "public-prefix": spec.publicPrefix = string(value, field)
      case "produced-by": spec.producedBy = string(value, field)
      case "max-length":
        if let text = string(value, field), let number = Int(text), number > 0 {
          spec.maxLength = number
        } else {
          fail("The max-length of '\(key)' must be a positive whole number.", value)
        }
      case "min-length":
        if let text = string(value, field), let number = Int(text), number > 0 {
          spec.minLength = number
        } else {
          fail("The min-length of '\(key)' must be a positive whole number.", value)
        }
      case "rotate-every", "warn-before":
        if let text = string(value, field), let days = RotationPeriod.days(text) {
          if field == "rotate-every" { spec.rotateEveryDays = days } else { spec.warnBeforeDays = days }
        } else {
          fail("The \(field) of '\(key)' must be a number of days or weeks, such as 180d or 26w.", value)
        }
      case "deprecated":
        if let flag = value.scalar.flatMap({ ["true", "yes"].contains($0.string.lowercased()) ? true : nil }), flag {
          spec.deprecated = "it is no longer used"
        } else if let text = string(value, field), !["false", "no", ""].contains(text.lowercased()) {
          spec.deprecated = text
        }
      case "aliases":
        if let items = value.sequence {
          spec.aliases = items.compactMap { string($0, field) }
        } else if let text = value.scalar?.string {
          spec.aliases = [text]
        }
      case "mistakes":
        guard let items = value.sequence else {
          fail("The mistakes of '\(key)' must be a list of {pattern, message}.", value)
          continue
        }
        for item in items {
          guard let entry = item.mapping else {
            fail("Each mistake of '\(key)' must be a mapping with pattern and message.", item)
            continue
          }
          var mistakePattern: CredentialPattern?
          var message: String?
          var severity = Severity.error
          var fix: String?
          for (entryKey, entryValue) in entry {
            switch entryKey.scalar?.string ?? "" {
            case "pattern": mistakePattern = pattern(entryValue, "mistake pattern")
            case "message": message = string(entryValue, "message")
            case "fix": fix = string(entryValue, "fix")
            case "severity":
              if let text = string(entryValue, "severity"), let level = Severity(rawValue: text) {
                severity = level
              } else {
                fail("The severity of a mistake of '\(key)' must be error, warning or note.", entryValue)
              }
            default:
              diagnostics.append(
                Diagnostic(
                  severity: .warning, ruleID: Rule.unknownField,
                  message:
                    "Unknown mistake field '\(entryKey.scalar?.string ?? "")' in '\(key)'; use pattern, message, severity or fix.",
                  location: position.location(entryKey.mark)))
            }
          }
          if let mistakePattern, let message {
            spec.mistakes.append(
              CredentialMistake(pattern: mistakePattern, message: message, severity: severity, fix: fix))
          } else if mistakePattern == nil || message == nil {
            fail("Each mistake of '\(key)' needs both a pattern and a message.", item)
          }
        }
      default:
        let suggestion = NameSuggester.suggest(field, among: Array(knownFields))
        diagnostics.append(
          Diagnostic(
            severity: .warning, ruleID: Rule.unknownField,
            message: "Unknown field '\(field)' in the spec of '\(key)'"
              + (suggestion.map { "; did you mean '\($0)'?" } ?? "."),
            location: position.location(fieldNode.mark),
            fix: "Known fields: " + knownFields.sorted().joined(separator: ", ") + "."))
      }
    }
    if let minimum = spec.minLength, let maximum = spec.maxLength, minimum > maximum,
      let field = fields.first(where: { $0.key.scalar?.string == "min-length" })
    {
      fail("The min-length of '\(key)' (\(minimum)) is more than its max-length (\(maximum)).", field.value)
    }
    if let warn = spec.warnBeforeDays, let field = fields.first(where: { $0.key.scalar?.string == "warn-before" }) {
      if let every = spec.rotateEveryDays, warn >= every {
        fail(
          "The warn-before of '\(key)' (\(warn) days) must be shorter than its rotate-every (\(every) days).",
          field.value)
      } else if spec.rotateEveryDays == nil {
        fail("'\(key)' has a warn-before but no rotate-every; add rotate-every, such as 180d.", field.value)
      }
    }
    return spec
  }
}
