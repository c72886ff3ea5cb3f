import CredentialSpecs

/// Turns a dotenv file into a ``CredentialDocument``: one entry per statement that sets a
/// name (the last of a repeated name wins, as in python-dotenv).
struct DotenvReader {
  let source: SourceFile
  let layout: ServiceLayout.FileLayout

  func read() -> CredentialDocument {
    var document = CredentialDocument(source: source, format: .dotenv, layout: layout)
    if let invalid = source.firstInvalidUTF8Offset {
      document.syntaxIssues.append(
        SyntaxIssue(
          span: SourceSpan(start: invalid, end: invalid + 1),
          message: "The file is not valid UTF-8; python-dotenv stops reading it with an error.",
          fix: "Save the file as UTF-8."))
      document.isUnreadable = true
      return document
    }
    let parsed = DotenvParser(source: source).parse()
    document.dotenvBindings = parsed.bindings
    document.syntaxIssues = parsed.issues
    var lastIndex: [String: Int] = [:]
    var occurrences: [String: [DotenvBinding]] = [:]
    var order: [String] = []
    for binding in parsed.bindings where !binding.keyHasBOM {
      if let previous = lastIndex[binding.key] {
        document.entries[previous].isOverridden = true
      } else {
        order.append(binding.key)
      }
      occurrences[binding.key, default: []].append(binding)
      lastIndex[binding.key] = document.entries.count
      document.entries.append(
        CredentialEntry(
          account: nil, name: binding.key, value: binding.value ?? "",
          loadedType: binding.value == nil ? .null : .string,
          style: binding.value == nil ? .none : binding.style, keySpan: binding.keySpan,
          valueSpan: binding.valueSpan))
    }
    for key in order {
      guard let list = occurrences[key], list.count > 1 else { continue }
      document.duplicates.append(
        DuplicateKey(
          name: key, account: nil, isAccountSection: false, occurrences: list.map(\.keySpan),
          lines: list.map(\.line)))
    }
    return document
  }
}
