import Foundation
import OnboardDiagnostics

/// What a cross-cutting guide check sees: the built guide and what the reader collected.
public struct GuideCheckContext: Sendable {
  /// The guide.
  public var guide: Guide
  /// Every `#id` link, with its location.
  public var links: [Reference]
  /// Every `{{variable}}` outside the credentials block.
  public var variableUses: [(name: String, location: DiagnosticLocation)]
  /// Every parsed condition, with where its text starts and the text as written.
  public var conditionUses: [(condition: Condition, location: DiagnosticLocation, text: String)]
  /// The folders searched for screenshots, for the missing-screenshot message.
  public var searchedFolders: [String]
  /// The folder the guide is read from (where template sets are looked for).
  public var guideFolder: String = ""
  /// What the reader found wrong while reading, for the checks of those rules.
  var readingProblems: [ReadingProblem] = []
}

/// A rule over a whole guide. Each rule is a small type with a stable id.
public protocol GuideCheck: Sendable {
  /// The rule ids this check reports.
  static var ruleIDs: [String] { get }
  /// Checks the guide.
  func check(_ context: GuideCheckContext) -> [Diagnostic]
}

/// Runs every cross-cutting check.
struct GuideChecker {
  var guide: Guide
  var source: Any
  var links: [Reference]
  var variableUses: [(name: String, location: DiagnosticLocation)]
  var conditionUses: [(condition: Condition, location: DiagnosticLocation, text: String)]
  var searchedFolders: [String]
  /// The folder the guide is read from.
  var guideFolder = ""
  /// What the reader found wrong while reading.
  var readingProblems: [ReadingProblem] = []

  static let checks: [any GuideCheck] = [
    NoStagesCheck(), DuplicateIDCheck(), UnsafeIDCheck(), LinkTargetCheck(), RequiresCycleCheck(),
    CredentialFlowCheck(), ScreenshotCheck(), ScreenshotPathCheck(), TemplatePathCheck(), DataPathCheck(),
    VariableCheck(),
    ConditionValueCheck(), UncoveredAlternativeCheck(), DerivedIDCheck(), SectionWithoutStepsCheck(),
    UnknownAttributeCheck(), EmptyAttributeCheck(), ImageWithoutAltCheck(), MalformedConditionCheck(),
    UnclosedConditionCheck(), UnknownRunLanguageCheck(),
  ]

  func check() -> [Diagnostic] {
    let context = GuideCheckContext(
      guide: guide, links: links, variableUses: variableUses, conditionUses: conditionUses,
      searchedFolders: searchedFolders, guideFolder: guideFolder, readingProblems: readingProblems)
    return Self.checks.flatMap { $0.check(context) }
  }
}
