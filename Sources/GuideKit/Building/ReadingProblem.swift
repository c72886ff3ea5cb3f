import OnboardDiagnostics

/// Something wrong the reader saw while reading a guide, kept with where it is. The reader only
/// records it; a ``GuideCheck`` for its rule turns it into a diagnostic (see Rules/).
enum ReadingProblem: Sendable, Equatable {
  /// A stage or plain section has a stage attribute (the first one, with its label) or an
  /// explicit id, but no steps.
  case sectionWithoutSteps(title: String, attributeLabel: String?, explicitID: String?, at: DiagnosticLocation)
  /// A bold label one edit away from an attribute label (`text` as written, `closest` the label).
  case misspeltAttribute(text: String, closest: String, at: DiagnosticLocation)
  /// A step's attribute (its label) written on a stage.
  case stepAttributeOnStage(label: String, at: DiagnosticLocation)
  /// An attribute (its label) with no value; `expected` says what belongs there, if anything.
  case emptyAttribute(label: String, expected: String?, at: DiagnosticLocation)
  /// An image or **Screenshot:** link with no alt text.
  case imageWithoutAlt(at: DiagnosticLocation)
  /// A condition that does not parse, with the parser's message and where it went wrong.
  case malformedCondition(message: String, at: DiagnosticLocation)
  /// An `<!-- end -->` with no open `<!-- when: … -->` region.
  case endClosesNothing(at: DiagnosticLocation)
  /// A `<!-- when: … -->` region still open at the end of its step or stage.
  case unclosedCondition(at: DiagnosticLocation)
}
