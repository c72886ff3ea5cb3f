import PacketPlanning

extension PreparedText {
  /// The Markdown for a seller's variables with a sentinel in place of each value (see
  /// ``SentinelSplice``), link destinations written as they are; `nil` when a value has no
  /// ``SentinelSplice/ValueForm`` for where it sits, so only cmark can say how it renders.
  func sentinelTemplate(_ variables: [String: String], names: SentinelSplice.Names) -> SentinelSplice.Template? {
    var template = SentinelSplice.Template()
    let complete = walk(
      variables, literal: { template.append(literal: $0) },
      value: { name, context, value in
        guard let form = SentinelSplice.ValueForm(value) else { return false }
        switch context {
        case .text, .codeSpan, .codeBlock:
          return template.appendSentinel(names.number(of: name), form: form, inCode: context != .text)
        case .linkDestination(let starts):
          // Written as it is: a link's value (a marketplace's URL) makes its own form.
          guard let destination = try? Self.destination(value, of: name, starts: starts) else { return false }
          template.append(literal: destination.utf8)
          return true
        }
      })
    return complete ? template : nil
  }
}
