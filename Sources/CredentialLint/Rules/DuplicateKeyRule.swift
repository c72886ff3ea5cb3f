import OnboardDiagnostics

/// `yaml/duplicate-key`, `env/duplicate-key`, `json/duplicate-key`: a key written twice; the
/// consumer silently keeps one of them.
struct DuplicateKeyRule: LintRule {
  /// The format this instance checks.
  let format: CredentialFileFormat

  var descriptor: RuleDescriptor {
    switch format {
    case .yaml:
      return RuleDescriptor(
        id: "yaml/duplicate-key", summary: "A key or account section is written twice.", defaultSeverity: .error,
        help: "PyYAML keeps the last one silently; a repeated account section drops the whole first section. Keep one.")
    case .dotenv:
      return RuleDescriptor(
        id: "env/duplicate-key", summary: "A name is set twice.", defaultSeverity: .error,
        help: "python-dotenv keeps the last value silently. Keep one line per name.")
    case .json:
      return RuleDescriptor(
        id: "json/duplicate-key", summary: "A member name is written twice.", defaultSeverity: .error,
        help: "JSON parsers disagree on which value wins (Python keeps the last, some keep the first). Keep one.")
    }
  }

  var examples: [RuleExample] {
    switch format {
    case .yaml:
      return [
        .triggering(
          "credentials.yml",
          "default:\n  client_id: cid.0123abcd\n  client_secret: cs.0123456789abcdef\n  ↓client_id: cid.0123abce\n"),
        .triggering(
          "credentials.yml",
          "default:\n  client_id: cid.0123abcd\n  client_secret: cs.0123456789abcdef\n↓default:\n  client_id: cid.0123abce\n  client_secret: cs.0123456789abcdee\n"
        ),
        .passing(
          "credentials.yml",
          "default:\n  client_id: cid.0123abcd\n  client_secret: cs.0123456789abcdef\nshop:\n  client_id: cid.0123abce\n  client_secret: cs.0123456789abcdee\n"
        ),
      ]
    case .dotenv:
      return [
        .triggering(
          ".env", "DEMO_CLIENT_ID=cid.0123abcd\nDEMO_CLIENT_SECRET=cs.0123456789abcdef\n↓DEMO_CLIENT_ID=cid.0123abce\n"),
        .passing(
          ".env",
          "DEMO_CLIENT_ID=cid.0123abcd\nDEMO_CLIENT_SECRET=cs.0123456789abcdef\nDEMO_CLIENT_ID_shop=cid.0123abce\n"),
      ]
    case .json:
      return [
        .triggering(
          "secret.json",
          "{\"DEMO_CLIENT_ID\": \"cid.0123abcd\", \"DEMO_CLIENT_SECRET\": \"cs.0123456789abcdef\", ↓\"DEMO_CLIENT_ID\": \"cid.0123abce\"}\n"
        ),
        .passing(
          "secret.json", "{\"DEMO_CLIENT_ID\": \"cid.0123abcd\", \"DEMO_CLIENT_SECRET\": \"cs.0123456789abcdef\"}\n"),
      ]
    }
  }

  func check(_ context: LintContext) -> [Diagnostic] {
    guard context.format == format else { return [] }
    var found: [Diagnostic] = []
    for duplicate in context.document.duplicates {
      let lines = duplicate.lines.map(String.init).joined(separator: ", ")
      let name = context.names.display(duplicate.name)
      let message: String
      switch format {
      case .yaml:
        if duplicate.name.isEmpty {
          message = "A key is written twice in one mapping; PyYAML keeps the last silently."
        } else if duplicate.isAccountSection {
          message =
            "\(context.names.accountPhrase(duplicate.name).capitalizedFirst) is defined more than once (lines \(lines)); PyYAML keeps only the last section and drops the others whole."
        } else if let account = duplicate.account {
          message =
            "\(name) is set more than once in \(context.names.accountPhrase(account)) (lines \(lines)); PyYAML keeps the last."
        } else {
          message = "\(name) is written more than once (lines \(lines)); PyYAML keeps the last."
        }
      case .dotenv:
        message = "\(name) is set more than once (lines \(lines)); python-dotenv keeps the last."
      case .json:
        message = "\(name) appears more than once (lines \(lines)); JSON parsers disagree on which value wins."
      }
      let at =
        duplicate.occurrences.count > 1
        ? duplicate.occurrences[duplicate.occurrences.count - 1] : duplicate.occurrences.first
      found.append(
        diagnostic(
          context, message, at: at ?? .point(0),
          fix: duplicate.isAccountSection ? "Merge the sections into one." : "Keep one of them and delete the others."))
    }
    return found
  }
}

extension String {
  /// The string with its first letter in upper case.
  var capitalizedFirst: String {
    guard let first else { return self }
    return first.uppercased() + dropFirst()
  }
}
