import CredentialSpecs

/// Turns a JSON secret (one flat object of names to string values) into a
/// ``CredentialDocument``.
struct JSONSecretReader {
  let source: SourceFile
  let layout: ServiceLayout.FileLayout

  func read() -> CredentialDocument {
    var document = CredentialDocument(source: source, format: .json, layout: layout)
    if let invalid = source.firstInvalidUTF8Offset {
      document.syntaxIssues.append(
        SyntaxIssue(
          span: SourceSpan(start: invalid, end: invalid + 1),
          message: "The file is not valid UTF-8, so it is not valid JSON.",
          fix: "Save the file as UTF-8."))
      document.isUnreadable = true
      return document
    }
    let result = StrictJSONParser(bytes: source.bytes, start: source.bomLength).parse()
    if let issue = result.issue {
      document.syntaxIssues.append(issue)
      document.isUnreadable = true
      return document
    }
    if let shape = result.rootShape {
      document.syntaxIssues.append(
        SyntaxIssue(
          span: result.rootSpan ?? .point(source.bomLength),
          message: "The secret must be a JSON object of names to values, but it is \(shape).",
          fix: "Write {\"NAME\": \"value\", ...}."))
      document.isUnreadable = true
      return document
    }
    document.accounts.append(AccountSection(name: nil, span: result.rootSpan ?? .point(source.bomLength)))
    var lastIndex: [String: Int] = [:]
    for member in result.members {
      if let previous = lastIndex[member.key] { document.entries[previous].isOverridden = true }
      lastIndex[member.key] = document.entries.count
      document.entries.append(
        CredentialEntry(
          account: nil, name: member.key, value: member.value, loadedType: member.loadedType,
          style: member.loadedType == .string ? .doubleQuoted : .jsonLiteral, keySpan: member.keySpan,
          valueSpan: member.valueSpan))
    }
    for duplicate in result.duplicates {
      document.duplicates.append(
        DuplicateKey(
          name: duplicate.key, account: duplicate.path.first, isAccountSection: false,
          occurrences: duplicate.spans, lines: duplicate.spans.map { source.line(ofOffset: $0.start) }))
    }
    return document
  }
}
