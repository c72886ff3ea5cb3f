import OnboardDiagnostics

/// `guide/unknown-run-language`: a fenced code block marked `run` whose language `onboard walk`
/// cannot run. Only ``Block/runLanguages`` (`sh`, `python`) run; another language would be shown
/// as runnable and then never run, so it is an error at the block's fence.
struct UnknownRunLanguageCheck: GuideCheck {
  static let ruleIDs = [GuideRules.unknownRunLanguage]

  func check(_ context: GuideCheckContext) -> [Diagnostic] {
    let guide = context.guide
    var blocks = guide.introduction
    for section in guide.sections { blocks += section.body }
    for stage in guide.stages {
      blocks += stage.body
      for step in stage.steps { blocks += step.body }
    }
    return blocks.compactMap { block in
      guard let language = block.runnable, !Block.runLanguages.contains(language) else { return nil }
      return Diagnostic(
        severity: .error, ruleID: GuideRules.unknownRunLanguage,
        message:
          "This code block is marked run, but onboard walk runs only "
          + Block.runLanguages.map { "`\($0)`" }.joined(separator: " and ")
          + " blocks, not `\(language)`.",
        location: block.location,
        fix: "Write the command as a ```sh run or ```python run block, or remove the word run to show it as code.")
    }
  }
}
