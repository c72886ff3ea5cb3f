import CredentialSpecs
import GuideKit
import OnboardDiagnostics

/// Decides, for each seller, which of a guide's steps their packet holds.
///
/// A step applies when its effective condition (its own `**When:**`, the `<!-- when -->` region
/// around it and its stage's condition) holds for the seller's variables. The plan keeps the
/// steps that apply plus every step they require, transitively (`**Requires:**` links to a step,
/// or to a stage: that stage's steps that apply, or all of them when none does). A condition
/// or a `{{variable}}` in planned text that names a variable the seller does not have is an
/// error naming the step and the seller's row.
public struct PacketPlanner {
  /// The guide.
  public let guide: Guide
  private let stepIndex: [String: Int]
  private let allSteps: [Step]
  private let stageSteps: [String: [Int]]
  private let contexts = PlaceholderContextCache()

  /// Creates a planner for a guide.
  public init(guide: Guide) {
    self.guide = guide
    let steps = guide.steps
    self.allSteps = steps
    var index: [String: Int] = [:]
    var byStage: [String: [Int]] = [:]
    for (position, step) in steps.enumerated() {
      if index[step.id] == nil { index[step.id] = position }
      byStage[step.stageID, default: []].append(position)
    }
    self.stepIndex = index
    self.stageSteps = byStage
  }

  /// Plans one seller's packet.
  /// - Returns: the plan, or the diagnostics that stop it.
  public func plan(_ seller: Seller) -> Result<PacketPlan, DiagnosticList> {
    let variables = SellerVariables.variables(for: seller, guide: guide)
    var problems = Problems(seller: seller, guide: guide, variables: variables, contexts: contexts)

    var applies = [Bool](repeating: false, count: allSteps.count)
    for (position, step) in allSteps.enumerated() {
      applies[position] = problems.evaluate(step.effectiveCondition, where: "step '\(step.id)'", at: step.location)
    }
    var included = applies
    var requiredBy = [[String]](repeating: [], count: allSteps.count)
    var work = allSteps.indices.filter { applies[$0] }
    var visited = Set(work)
    while let position = work.popLast() {
      let step = allSteps[position]
      var references = step.requires
      if let stage = guide.stage(id: step.stageID) { references += stage.requires }
      for reference in references {
        for target in targets(of: reference.target, applies: applies) where target != position {
          if !requiredBy[target].contains(step.id) { requiredBy[target].append(step.id) }
          included[target] = true
          if visited.insert(target).inserted { work.append(target) }
        }
      }
    }

    var stages: [PacketPlan.PlannedStage] = []
    for stage in guide.stages {
      guard let positions = stageSteps[stage.id], positions.contains(where: { included[$0] }) else { continue }
      var planned: [PacketPlan.PlannedStep] = []
      for position in positions where included[position] {
        let step = allSteps[position]
        let blocks = step.body.filter {
          problems.evaluate($0.condition, where: "a block of step '\(step.id)'", at: $0.location)
        }
        let notes = step.notes.filter {
          problems.evaluate($0.condition, where: "a note of step '\(step.id)'", at: $0.location)
        }
        let subject = "step '\(step.id)'"
        problems.checkText(step.titleMarkdown, subject, step.location)
        for block in blocks { problems.checkText(block.markdown, subject, block.location) }
        for note in notes { problems.checkText(note.markdown, subject, note.location) }
        for check in step.checks { problems.checkText(check.markdown, subject, check.location) }
        for precondition in step.preconditions {
          problems.checkText(precondition.markdown, subject, precondition.location)
        }
        planned.append(
          PacketPlan.PlannedStep(
            step: step, blocks: blocks, notes: notes, applies: applies[position],
            requiredBy: requiredBy[position].sorted { (stepIndex[$0] ?? 0) < (stepIndex[$1] ?? 0) }))
      }
      let stageSubject = "stage '\(stage.id)'"
      let blocks = stage.body.filter { problems.evaluate($0.condition, where: stageSubject, at: $0.location) }
      let notes = stage.notes.filter { problems.evaluate($0.condition, where: stageSubject, at: $0.location) }
      for block in blocks { problems.checkText(block.markdown, stageSubject, block.location) }
      for note in notes { problems.checkText(note.markdown, stageSubject, note.location) }
      for precondition in stage.preconditions {
        problems.checkText(precondition.markdown, stageSubject, precondition.location)
      }
      stages.append(PacketPlan.PlannedStage(stage: stage, blocks: blocks, notes: notes, steps: planned))
    }
    let introduction = guide.introduction.filter {
      problems.evaluate($0.condition, where: "the introduction", at: $0.location)
    }
    for block in introduction { problems.checkText(block.markdown, "the introduction", block.location) }

    if !problems.diagnostics.isEmpty { return .failure(DiagnosticList(problems.diagnostics)) }
    return .success(PacketPlan(seller: seller, variables: variables, stages: stages, introduction: introduction))
  }

  /// The step positions a `**Requires:**` target stands for.
  private func targets(of target: String, applies: [Bool]) -> [Int] {
    if let position = stepIndex[target] { return [position] }
    guard let positions = stageSteps[target] else { return [] }
    let applying = positions.filter { applies[$0] }
    return applying.isEmpty ? positions : applying
  }

  /// Collects unknown-variable diagnostics, once per variable and subject.
  private struct Problems {
    let seller: Seller
    let guide: Guide
    let variables: [String: String]
    let contexts: PlaceholderContextCache
    var diagnostics: [Diagnostic] = []
    var reported: Set<String> = []

    init(seller: Seller, guide: Guide, variables: [String: String], contexts: PlaceholderContextCache) {
      self.seller = seller
      self.guide = guide
      self.variables = variables
      self.contexts = contexts
    }

    mutating func evaluate(_ condition: Condition?, where subject: String, at location: DiagnosticLocation) -> Bool {
      guard let condition else { return true }
      do {
        return try condition.evaluate(variables)
      } catch let unknown as Condition.UnknownVariable {
        report(unknown.name, subject: subject, at: location, usage: "a condition")
        return false
      } catch {
        return false
      }
    }

    mutating func checkText(_ text: String, _ subject: String, _ location: DiagnosticLocation) {
      guard TextScan.mayHavePlaceholder(text) else { return }
      let places = contexts.contexts(of: text)
      for occurrence in VariableText.occurrences(in: text) {
        guard let value = variables[occurrence.name] else {
          report(occurrence.name, subject: subject, at: location, usage: "its text")
          continue
        }
        if places[occurrence.offset] == .linkDestination(startsDestination: true),
          let reason = URLEscaper().cannotRepresent(value),
          reported.insert("link\u{0}\(subject)\u{0}\(occurrence.name)").inserted
        {
          diagnostics.append(
            Diagnostic(
              severity: .error, ruleID: RosterRules.unsafeLink,
              message:
                "Row \(seller.row) ('\(seller.id)'): \(subject) links to the variable '\(occurrence.name)', whose value cannot be a link: \(reason).",
              location: seller.location(of: occurrence.name), fix: "Give '\(occurrence.name)' an https: address.",
              notes: ["The \(subject) is at \(location)."]))
        }
      }
    }

    mutating func report(_ name: String, subject: String, at location: DiagnosticLocation, usage: String) {
      guard reported.insert("\(subject)\u{0}\(name)").inserted else { return }
      var fix = "Add a '\(name)' field to the row"
      if let declared = guide.metadata.variables.first(where: { $0.name == name }) {
        fix += " (the guide declares it: \(declared.description))"
      } else {
        fix += ", or declare it in the guide's front matter"
      }
      diagnostics.append(
        Diagnostic(
          severity: .error, ruleID: RosterRules.unknownVariable,
          message:
            "Row \(seller.row) ('\(seller.id)'): \(subject) uses the variable '\(name)' in \(usage), which the seller does not have.",
          location: seller.location, fix: fix + ".",
          notes: ["The \(subject) is at \(location)."]))
    }
  }
}
