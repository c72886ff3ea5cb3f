import CredentialSpecs
import Escaping
import GuideKit
import OnboardDiagnostics
import OnboardSupport
import Roster

/// Decides, for each seller, which of a guide's steps their packet holds.
///
/// A step applies when its effective condition (its own `**When:**`, the `<!-- when -->` region
/// around it and its stage's condition) holds for the seller's variables. The plan keeps the
/// steps that apply plus every step they require, transitively (`**Requires:**` links to a step,
/// or to a stage: that stage's steps that apply, or all of them when none does). A stage-level
/// `**When:**` guards the whole stage: when it is false, none of the stage's steps, prose or
/// notes is planned, not even a step another step requires. A condition
/// that names a variable the seller does not have is an error naming the step and the seller's
/// row; a `{{variable}}` in planned text that the row does not give (or leaves empty) is a
/// warning, and the text shows ``missingValue`` in its place. Each packet numbers its stages and
/// steps 1..n (``PacketPlan/PlannedStep/label``), keeps each step's items in the guide's order
/// (``PacketPlan/PlannedStep/parts``) and places the carried plain sections after the stage
/// they follow.
public struct PacketPlanner: Sendable {
  /// The guide.
  public let guide: Guide
  private let stepIndex: [String: Int]
  private let allSteps: [Step]
  private let stageSteps: [String: [Int]]
  /// Per step (by position): its effective condition and the placeholders of its texts.
  private let stepFacts: [StepFacts]
  /// Per stage (by position in the guide): the placeholders of its texts.
  private let stageFacts: [StageFacts]
  private let introductionPlaceholders: [[Placeholder]]
  /// Per carried section: the placeholders of its title, then of each block.
  private let sectionPlaceholders: [[[Placeholder]]]
  /// Each stage's `**Requires:**` references, by stage id.
  private let stageRequires: [String: [Reference]]
  /// Recent plans' structures, by what decides them.
  private let memo: PlanMemo
  /// Works out the part of a packet's shape key that a plan's structure decides (given by the
  /// packet generator, which renders by shape); `nil`: plans carry no key.
  private let structureKey: (@Sendable (PacketPlan) -> String)?
  /// The text shown for a variable the seller's row does not give; `{{label}}` stands for the
  /// variable's name with spaces for underscores (the template set's `missing-value:`).
  public let missingValue: String
  /// The plain sections that outputs carry, each with the position of the stage before it in
  /// `guide.stages` (`nil`: before the first stage).
  private let carriedSections: [(section: Section, afterStage: Int?)]

  /// The template set's layout, which names the files a packet holds.
  public let layout: ServiceLayout?

  /// The `credentials_destination` every plan gets (the walk's `--write PATH`); `nil`: the
  /// `destination:` of the seller's credential-source file in the layout.
  public var credentialsDestination: String?

  /// What the plans are for (the standard variable `output`): a packet unless a runbook or the
  /// walk says otherwise.
  public var output: GuideOutput = .packet

  /// The marker used when the template set's layout names none.
  public static let defaultMissingValue = "({{label}} not given)"

  /// A `{{variable}}` in guide text: its name, and whether it starts a link destination (so its
  /// value decides the link's scheme).
  struct Placeholder {
    var name: String
    var startsLink: Bool
  }

  /// What planning reads of a step, computed once per guide.
  private struct StepFacts {
    var condition: Condition?
    var subject: String
    var blockSubject: String
    var noteSubject: String
    var title: [Placeholder]
    var blocks: [[Placeholder]]
    var notes: [[Placeholder]]
    var checks: [[Placeholder]]
    var preconditions: [[Placeholder]]
  }

  /// What planning reads of a stage, computed once per guide.
  private struct StageFacts {
    var subject: String
    var blocks: [[Placeholder]]
    var notes: [[Placeholder]]
    var preconditions: [[Placeholder]]
  }

  /// Creates a planner for a guide.
  public init(guide: Guide, missingValue: String? = nil, layout: ServiceLayout? = nil) {
    self.init(guide: guide, missingValue: missingValue, layout: layout, structureKey: nil)
  }

  /// Creates a planner for a guide whose plans carry `structureKey` of their structure, worked
  /// out once per remembered structure.
  package init(
    guide: Guide, missingValue: String? = nil, layout: ServiceLayout? = nil,
    structureKey: (@Sendable (PacketPlan) -> String)?
  ) {
    self.guide = guide
    self.structureKey = structureKey
    self.layout = layout
    self.missingValue = missingValue ?? layout?.missingValue ?? Self.defaultMissingValue
    var carried: [(section: Section, afterStage: Int?)] = []
    for section in guide.sections where section.isCarried {
      let before = guide.stages.lastIndex { $0.location.line < section.location.line }
      carried.append((section, before))
    }
    self.carriedSections = carried
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
    let contexts = PlaceholderContextCache()
    func placeholders(_ text: String) -> [Placeholder] {
      guard UTF8Scan.mayHavePlaceholder(text) else { return [] }
      let places = contexts.contexts(of: text)
      return VariableText.occurrences(in: text).map {
        Placeholder(name: $0.name, startsLink: places[$0.offset] == .linkDestination(startsDestination: true))
      }
    }
    self.stepFacts = steps.map { step in
      StepFacts(
        condition: step.effectiveCondition, subject: "step '\(step.id)'",
        blockSubject: "a block of step '\(step.id)'", noteSubject: "a note of step '\(step.id)'",
        title: placeholders(step.titleMarkdown), blocks: step.body.map { placeholders($0.markdown) },
        notes: step.notes.map { placeholders($0.markdown) }, checks: step.checks.map { placeholders($0.markdown) },
        preconditions: step.preconditions.map { placeholders($0.markdown) })
    }
    self.stageFacts = guide.stages.map { stage in
      StageFacts(
        subject: "stage '\(stage.id)'", blocks: stage.body.map { placeholders($0.markdown) },
        notes: stage.notes.map { placeholders($0.markdown) },
        preconditions: stage.preconditions.map { placeholders($0.markdown) })
    }
    self.introductionPlaceholders = guide.introduction.map { placeholders($0.markdown) }
    self.sectionPlaceholders = carried.map { entry in
      [placeholders(entry.section.titleMarkdown)] + entry.section.body.map { placeholders($0.markdown) }
    }
    var requires: [String: [Reference]] = [:]
    for stage in guide.stages where requires[stage.id] == nil { requires[stage.id] = stage.requires }
    self.stageRequires = requires

    var conditions: [Condition?] = guide.introduction.map(\.condition)
    for stage in guide.stages { conditions += stage.body.map(\.condition) + stage.notes.map(\.condition) }
    for entry in carried { conditions += entry.section.body.map(\.condition) }
    for step in steps {
      conditions.append(step.effectiveCondition)
      conditions += step.body.map(\.condition) + step.notes.map(\.condition)
    }
    var texts = introductionPlaceholders
    for facts in stepFacts { texts += [facts.title] + facts.blocks + facts.notes + facts.checks + facts.preconditions }
    for facts in stageFacts { texts += facts.blocks + facts.notes + facts.preconditions }
    texts += sectionPlaceholders.joined()
    let placeholders = texts.joined()
    self.memo = PlanMemo(
      conditionVariables: Set(conditions.compactMap { $0?.variables }.joined()),
      placeholderVariables: Set(placeholders.map(\.name)),
      linkVariables: Set(placeholders.filter(\.startsLink).map(\.name)))
  }

  /// Plans one seller's packet.
  /// - Returns: the plan, or the diagnostics that stop it.
  public func plan(_ seller: Seller) -> Result<PacketPlan, DiagnosticList> {
    let variables = SellerVariables.variables(
      for: seller, guide: guide, layout: layout, credentialsDestination: credentialsDestination,
      output: output)
    let key = memo.key(variables)
    if let known = memo.structure(for: key) {
      var plan = PacketPlan(
        seller: seller, variables: variables, stages: known.stages, introduction: known.introduction)
      plan.leadingSections = known.leadingSections
      plan.structureKey = known.key
      fillMissing(known.missing, in: &plan)
      return .success(plan)
    }
    let planned = plan(seller, variables: variables)
    guard case .success(var plan) = planned else { return planned }
    let structureKey = self.structureKey?(plan)
    let missing = plan.missingUses
    memo.remember(
      PlanMemo.Structure(
        stages: plan.stages, introduction: plan.introduction, leadingSections: plan.leadingSections,
        missing: missing, key: structureKey),
      for: key)
    plan.structureKey = structureKey
    fillMissing(missing, in: &plan)
    return .success(plan)
  }

  /// Whether a value counts as given: present and not empty.
  static func isGiven(_ value: String?) -> Bool {
    guard let value else { return false }
    return !value.isEmpty
  }

  /// The marker for a variable the row does not give.
  public func marker(for name: String) -> String {
    missingValue.replacingOccurrences(of: "{{label}}", with: name.replacingOccurrences(of: "_", with: " "))
  }

  /// Puts the marker in place of each variable the planned text uses but the row does not give,
  /// with one warning per variable naming the row and where the text uses it.
  private func fillMissing(_ missing: [PacketPlan.MissingUse], in plan: inout PacketPlan) {
    let seller = plan.seller
    for use in missing {
      plan.variables[use.name] = marker(for: use.name)
      var fix = "Add a '\(use.name)' field to the row"
      if let declared = guide.metadata.variables.first(where: { $0.name == use.name }) {
        fix += " (the guide declares it: \(declared.description))"
      } else if let standard = StandardVariables.description(of: use.name) {
        fix += " (\(standard))"
      }
      plan.warnings.append(
        Diagnostic(
          severity: .warning, ruleID: RosterRules.missingValue,
          message:
            "Row \(seller.row) ('\(seller.id)'): \(use.subject) uses the variable '\(use.name)', which the row does not give; the text shows '\(marker(for: use.name))' instead.",
          location: seller.location(of: use.name), fix: fix + ".",
          notes: [Problems.where(use.subject, use.location)]))
    }
    plan.missingUses = missing
  }

  /// Plans one seller's packet from their variables, without the memo.
  func plan(_ seller: Seller, variables: [String: String]) -> Result<PacketPlan, DiagnosticList> {
    var problems = Problems(seller: seller, declared: guide.metadata.variables, variables: variables)

    var applies = [Bool](repeating: false, count: allSteps.count)
    for position in allSteps.indices {
      let facts = stepFacts[position]
      applies[position] = problems.evaluate(facts.condition, where: facts.subject, at: allSteps[position].location)
    }
    // A stage whose own condition is false is left out whole, whatever requires its steps.
    var stageHolds: [String: Bool] = [:]
    for stage in guide.stages where stageHolds[stage.id] == nil {
      stageHolds[stage.id] = problems.evaluate(stage.condition, where: "stage '\(stage.id)'", at: stage.location)
    }
    var included = applies
    var requiredBy = [[String]](repeating: [], count: allSteps.count)
    var work = allSteps.indices.filter { applies[$0] }
    var visited = Set(work)
    while let position = work.popLast() {
      let step = allSteps[position]
      var references = step.requires
      if let stageReferences = stageRequires[step.stageID] { references += stageReferences }
      for reference in references {
        for target in targets(of: reference.target, applies: applies)
        where target != position && stageHolds[allSteps[target].stageID] != false {
          if !requiredBy[target].contains(step.id) { requiredBy[target].append(step.id) }
          included[target] = true
          if visited.insert(target).inserted { work.append(target) }
        }
      }
    }

    let stepIndex = self.stepIndex
    var stages: [PacketPlan.PlannedStage] = []
    var stagePositions: [Int] = []
    for (stagePosition, stage) in guide.stages.enumerated() {
      guard let positions = stageSteps[stage.id], positions.contains(where: { included[$0] }) else { continue }
      var planned: [PacketPlan.PlannedStep] = []
      let stageNumber = stages.count + 1
      for position in positions where included[position] {
        let step = allSteps[position]
        let facts = stepFacts[position]
        let blocks = problems.kept(step.body, where: facts.blockSubject, condition: \.condition, location: \.location)
        let notes = problems.kept(step.notes, where: facts.noteSubject, condition: \.condition, location: \.location)
        let subject = facts.subject
        problems.check(facts.title, subject, step.location)
        for (block, blockIndex) in blocks { problems.check(facts.blocks[blockIndex], subject, block.location) }
        for (note, noteIndex) in notes { problems.check(facts.notes[noteIndex], subject, note.location) }
        for (checkIndex, check) in step.checks.enumerated() {
          problems.check(facts.checks[checkIndex], subject, check.location)
        }
        for (preconditionIndex, precondition) in step.preconditions.enumerated() {
          problems.check(facts.preconditions[preconditionIndex], subject, precondition.location)
        }
        var plannedStep = PacketPlan.PlannedStep(
          step: step, blocks: blocks.map(\.item), notes: notes.map(\.item), applies: applies[position],
          requiredBy: requiredBy[position].count < 2
            ? requiredBy[position] : requiredBy[position].sorted { (stepIndex[$0] ?? 0) < (stepIndex[$1] ?? 0) })
        plannedStep.number = planned.count + 1
        plannedStep.label = "\(stageNumber).\(plannedStep.number)"
        plannedStep.parts = Self.parts(of: step, blocks: Set(blocks.map(\.index)), notes: Set(notes.map(\.index)))
        planned.append(plannedStep)
      }
      let facts = stageFacts[stagePosition]
      let stageSubject = facts.subject
      let blocks = problems.kept(stage.body, where: stageSubject, condition: \.condition, location: \.location)
      let notes = problems.kept(stage.notes, where: stageSubject, condition: \.condition, location: \.location)
      for (block, blockIndex) in blocks { problems.check(facts.blocks[blockIndex], stageSubject, block.location) }
      for (note, noteIndex) in notes { problems.check(facts.notes[noteIndex], stageSubject, note.location) }
      for (preconditionIndex, precondition) in stage.preconditions.enumerated() {
        problems.check(facts.preconditions[preconditionIndex], stageSubject, precondition.location)
      }
      var plannedStage = PacketPlan.PlannedStage(
        stage: stage, blocks: blocks.map(\.item), notes: notes.map(\.item), steps: planned)
      plannedStage.number = stageNumber
      plannedStage.parts = Self.parts(
        of: stage, blocks: Set(blocks.map(\.index)), notes: Set(notes.map(\.index)))
      stagePositions.append(stagePosition)
      stages.append(plannedStage)
    }
    var leadingSections: [PacketPlan.PlannedSection] = []
    for (sectionIndex, entry) in carriedSections.enumerated() {
      let subject = "the section '\(entry.section.id)'"
      // A plain section's `<!-- when -->` regions hold their blocks for the sellers they apply to.
      let kept = problems.kept(entry.section.body, where: subject, condition: \.condition, location: \.location)
      problems.check(sectionPlaceholders[sectionIndex][0], subject, entry.section.location)
      for (block, blockIndex) in kept {
        problems.check(sectionPlaceholders[sectionIndex][blockIndex + 1], subject, block.location)
      }
      var section = entry.section
      section.body = kept.map(\.item)
      let planned = PacketPlan.PlannedSection(section: section)
      if let after = entry.afterStage, let target = stagePositions.lastIndex(where: { $0 <= after }) {
        stages[target].sectionsAfter.append(planned)
      } else {
        leadingSections.append(planned)
      }
    }
    let introduction = problems.kept(
      guide.introduction, where: "the introduction", condition: \.condition, location: \.location)
    for (block, blockIndex) in introduction {
      problems.check(introductionPlaceholders[blockIndex], "the introduction", block.location)
    }

    if !problems.diagnostics.isEmpty { return .failure(DiagnosticList(problems.diagnostics)) }
    var plan = PacketPlan(seller: seller, variables: variables, stages: stages, introduction: introduction.map(\.item))
    plan.leadingSections = leadingSections
    plan.missingUses = problems.missing
    return .success(plan)
  }

  /// A step's kept items in the guide's order.
  static func parts(of step: Step, blocks: Set<Int>, notes: Set<Int>) -> [PacketPlan.PlannedPart] {
    step.parts.compactMap { part -> PacketPlan.PlannedPart? in
      switch part {
      case .block(let index): return blocks.contains(index) ? .block(step.body[index]) : nil
      case .note(let index): return notes.contains(index) ? .note(step.notes[index]) : nil
      case .check(let index): return .check(step.checks[index])
      case .screenshot(let index): return .screenshot(step.screenshots[index])
      }
    }
  }

  /// A stage's kept blocks and notes in the guide's order.
  static func parts(of stage: Stage, blocks: Set<Int>, notes: Set<Int>) -> [PacketPlan.PlannedPart] {
    stage.parts.compactMap { part -> PacketPlan.PlannedPart? in
      switch part {
      case .block(let index): return blocks.contains(index) ? .block(stage.body[index]) : nil
      case .note(let index): return notes.contains(index) ? .note(stage.notes[index]) : nil
      }
    }
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
    /// The variables the guide declares (for fixes).
    let declared: [VariableDeclaration]
    let variables: [String: String]
    var diagnostics: [Diagnostic] = []
    var reported: Set<String> = []
    /// Variables the text uses that the row does not give, first use each.
    var missing: [PacketPlan.MissingUse] = []
    var missingNames: Set<String> = []

    init(seller: Seller, declared: [VariableDeclaration], variables: [String: String]) {
      self.seller = seller
      self.declared = declared
      self.variables = variables
    }

    /// The items whose conditions hold, each with its position in `items`.
    mutating func kept<Item>(
      _ items: [Item], where subject: String, condition: KeyPath<Item, Condition?>,
      location: KeyPath<Item, DiagnosticLocation>
    ) -> [(item: Item, index: Int)] {
      var kept: [(item: Item, index: Int)] = []
      for (index, item) in items.enumerated()
      where evaluate(item[keyPath: condition], where: subject, at: item[keyPath: location]) {
        kept.append((item, index))
      }
      return kept
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

    /// Reports the placeholders of one text whose variable the seller lacks, or whose value
    /// cannot start a link.
    mutating func check(_ placeholders: [Placeholder], _ subject: String, _ location: DiagnosticLocation) {
      for placeholder in placeholders {
        guard let value = variables[placeholder.name], !value.isEmpty else {
          if missingNames.insert(placeholder.name).inserted {
            missing.append(PacketPlan.MissingUse(name: placeholder.name, subject: subject, location: location))
          }
          continue
        }
        if placeholder.startsLink, let reason = URLEscaper().cannotRepresent(value),
          reported.insert("link\u{0}\(subject)\u{0}\(placeholder.name)").inserted
        {
          diagnostics.append(
            Diagnostic(
              severity: .error, ruleID: RosterRules.unsafeLink,
              message:
                "Row \(seller.row) ('\(seller.id)'): \(subject) links to the variable '\(placeholder.name)', whose value cannot be a link: \(reason).",
              location: seller.location(of: placeholder.name), fix: "Give '\(placeholder.name)' an https: address.",
              notes: [Self.where(subject, location)]))
        }
      }
    }

    /// The note that says where `subject` ("the introduction", "step 'x'") is, as a sentence.
    static func `where`(_ subject: String, _ location: DiagnosticLocation) -> String {
      let sentence = subject.hasPrefix("the ") || subject.hasPrefix("a ") ? subject : "the " + subject
      return sentence.prefix(1).uppercased() + sentence.dropFirst() + " is at \(location)."
    }

    mutating func report(_ name: String, subject: String, at location: DiagnosticLocation, usage: String) {
      guard reported.insert("\(subject)\u{0}\(name)").inserted else { return }
      var fix = "Add a '\(name)' field to the row"
      if let declared = declared.first(where: { $0.name == name }) {
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
          notes: [Self.where(subject, location)]))
    }
  }
}
