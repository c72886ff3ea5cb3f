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
  /// Other work to run while the checks run (on a thread of its own when they run at once).
  var alongside: (@Sendable () -> Void)?

  static let checks: [any GuideCheck] = [
    NoStagesCheck(), DuplicateIDCheck(), UnsafeIDCheck(), LinkTargetCheck(), RequiresCycleCheck(),
    CredentialFlowCheck(), ScreenshotCheck(), ScreenshotPathCheck(), TemplatePathCheck(), VariableCheck(),
    ConditionValueCheck(), UncoveredAlternativeCheck(),
  ]

  /// Guides with more steps than this run their checks on several threads at once.
  static let parallelSteps = 2_000

  func check() -> [Diagnostic] {
    let context = GuideCheckContext(
      guide: guide, links: links, variableUses: variableUses, conditionUses: conditionUses,
      searchedFolders: searchedFolders, guideFolder: guideFolder)
    let steps = guide.stages.reduce(0) { $0 + $1.steps.count }
    guard steps > Self.parallelSteps, ProcessInfo.processInfo.activeProcessorCount > 1 else {
      alongside?()
      return Self.checks.flatMap { $0.check(context) }
    }
    // The checks are independent: run them at once, and join their findings in check order.
    // The other work, if any, is the first job handed out (it is the longest).
    let results = CheckResults(count: Self.checks.count)
    let alongside = self.alongside
    let extra = alongside == nil ? 0 : 1
    DispatchQueue.concurrentPerform(iterations: Self.checks.count + extra) { index in
      if index < extra {
        alongside?()
      } else {
        results.store(Self.checks[index - extra].check(context), at: index - extra)
      }
    }
    return results.joined()
  }
}

/// One slot of findings per check; each slot is written by one thread only.
private final class CheckResults: @unchecked Sendable {
  private let slots: UnsafeMutablePointer<[Diagnostic]>
  private let count: Int

  init(count: Int) {
    self.count = count
    slots = UnsafeMutablePointer<[Diagnostic]>.allocate(capacity: count)
    slots.initialize(repeating: [], count: count)
  }

  deinit {
    slots.deinitialize(count: count)
    slots.deallocate()
  }

  func store(_ diagnostics: [Diagnostic], at index: Int) { slots[index] = diagnostics }

  func joined() -> [Diagnostic] { (0..<count).flatMap { slots[$0] } }
}
