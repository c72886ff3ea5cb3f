import CredentialLint
import CredentialSpecs
import Foundation
import GuideKit
import GuideLocating
import OnboardDiagnostics
import OnboardSupport
import PacketPlanning
import Roster
import Verification

/// Takes a person through the steps of a guide that apply to one seller, one step at a time,
/// and merges the credential values into the seller's credential file in the layout of the
/// seller's `credential_source` (or prints them as export lines on request) when it reaches the
/// step that consumes them, before that step's checks.
///
/// For each step it shows the number, title, text, notes and warnings and the screenshots to
/// compare with; asks each check as a yes/no question (a "no" explains and asks again); and
/// asks for each credential the step produces. A pasted value is trimmed of surrounding
/// whitespace and wrapping quotes (with a notice), checked at once by ``ValueValidator`` with
/// the same rules as `onboard lint`, and asked for again with the reason when it is wrong.
/// Secret values are read without echo. No message ever contains a value.
///
/// Progress (which steps are confirmed, never values) is saved after each step through a
/// ``WalkProgressStore``; a later walk for the same guide and seller skips the confirmed steps,
/// and asks again only for the values of those that produce credentials. The end of input
/// at any prompt throws ``WalkEnded/endOfInput``; the credential file is written only at the
/// step that consumes the values (the first step with **Consumes:**), or after the last step.
public final class WalkSession {
  /// A reason the walk cannot go on; the message never contains a value.
  public enum Failure: Error, CustomStringConvertible, Sendable {
    /// The credential file exists but cannot be edited (not YAML, not a mapping of accounts).
    case unusableFile(String)
    /// The template set has no file layout for the seller's credential source.
    case noFileLayout(service: String, source: String)
    /// A file could not be read or written.
    case fileSystem(String)
    /// `--verify`: the service says a credential is wrong, and the person stopped (or three
    /// rounds failed); nothing was written.
    case credentialsRejected(String)
    /// `--verify`: the check could not be made, and the person chose not to write anyway.
    case credentialsUnchecked(String)

    public var description: String {
      switch self {
      case .unusableFile(let message): return message
      case .noFileLayout(let service, let source):
        return
          "the layout of \(service) has no file for the credential source '\(TerminalText.inert(source))', so the walk cannot write the values; use --print-env"
      case .fileSystem(let message): return message
      case .credentialsRejected(let message): return message
      case .credentialsUnchecked(let message): return message
      }
    }

    /// Whether the failure is the file's content (exit 1) rather than usage or I/O (exit 2).
    public var isFinding: Bool {
      switch self {
      case .unusableFile, .credentialsRejected: return true
      default: return false
      }
    }
  }

  /// The guide.
  public let guide: Guide
  /// The seller's plan: the steps that apply, with their text.
  public let plan: PacketPlan
  /// The service's layout.
  public let layout: ServiceLayout
  /// The options.
  public let options: WalkOptions
  let io: any WalkIO
  private let store: WalkProgressStore
  private let emitEnvironment: (String) -> Void
  private let validator: ValueValidator
  private let presenter: StepPresenter
  private var progress: WalkProgress
  var values = CollectedCredentials()
  /// `--verify`: whether the check passed, or the person chose to go on without it.
  var verificationSettled = false
  private var progressWarningShown = false
  /// What writing (or printing) the values did, once it was done.
  private var delivery: WalkResult?
  /// Whether the person agreed, before the first question, to replace the account.
  private var confirmedReplace = false
  /// Receives what the walk does (steps confirmed, values written, checks made) as it happens,
  /// for a record of it; by default nothing is recorded. Called on the walk's thread.
  public var events: (WalkEvent) -> Void = { _ in }
  /// The keys whose values were taken from the roster row rather than typed.
  private var keysFromRoster: Set<String> = []

  /// Creates a session.
  /// - Parameters:
  ///   - guide: the guide.
  ///   - plan: the seller's plan (``PacketPlanner``).
  ///   - layout: the template set's service layout.
  ///   - io: the conversation.
  ///   - options: how to run.
  ///   - store: where progress is kept.
  ///   - emitEnvironment: where `--print-env` lines go (standard output).
  public init(
    guide: Guide, plan: PacketPlan, layout: ServiceLayout, io: any WalkIO, options: WalkOptions,
    store: WalkProgressStore, emitEnvironment: @escaping (String) -> Void = { StandardOutput.write($0) }
  ) {
    self.guide = guide
    self.plan = plan
    self.layout = layout
    self.io = io
    self.options = options
    self.store = store
    self.emitEnvironment = emitEnvironment
    self.validator = ValueValidator(specs: guide.credentials)
    self.presenter = StepPresenter(
      guide: guide, variables: plan.variables, hyperlinks: options.hyperlinks, styled: options.styled)
    self.progress = WalkProgress(
      guide: guide.metadata.id, guideVersion: guide.metadata.version, seller: plan.seller.id,
      account: plan.seller.account)
  }

  /// Creates a session for a seller, planning the steps that apply to them.
  /// - Throws: ``DiagnosticList`` when the guide's steps cannot be planned for the seller
  ///   (a variable the seller does not have).
  public convenience init(
    setup: GuideSetup, seller: Seller, io: any WalkIO, options: WalkOptions, store: WalkProgressStore,
    emitEnvironment: @escaping (String) -> Void = { StandardOutput.write($0) }
  ) throws {
    var planner = PacketPlanner(guide: setup.guide, layout: setup.layout)
    planner.credentialsDestination = options.namedDestination
    planner.output = .walk
    let plan = try planner.plan(seller).get()
    self.init(
      guide: setup.guide, plan: plan, layout: setup.layout, io: io, options: options, store: store,
      emitEnvironment: emitEnvironment)
  }

  /// The seller's account name.
  public var account: String { plan.seller.account }

  /// Runs the walk.
  /// - Throws: ``WalkEnded/endOfInput`` when the input ends at a prompt (nothing more is
  ///   written); ``Failure``; ``WalkProgressStore/StoreError`` when saved progress is unreadable.
  public func run() throws -> WalkResult {
    if options.restart {
      try store.remove(guide: progress.guide, seller: progress.seller)
    } else if let saved = try store.load(guide: progress.guide, seller: progress.seller) {
      progress.steps = saved.steps
      progress.completed = saved.completed
    }
    if let completed = progress.completed {
      io.show(
        "You finished this walk for \(TerminalText.inert(plan.seller.name)) on \(completed).\n"
          + "Run it again with --restart to walk the steps once more.\n")
      return WalkResult(outcome: .alreadyCompleted(on: completed), lintFindings: [])
    }

    var replacing = false
    if case .file(let path) = options.destination {
      switch try preflight(path) {
      case .proceed(let replaces): replacing = replaces
      case .declined:
        io.show("Nothing was written. Run with --write PATH to write to another file.\n")
        return WalkResult(outcome: .declinedReplace(path: path), lintFindings: [])
      }
    }
    confirmedReplace = replacing

    introduce()
    let steps = plan.steps
    var position = 0
    for section in plan.leadingSections { io.show(presenter.section(section.section)) }
    for stage in plan.stages {
      let needsStage = stage.steps.contains { !isConfirmed($0.step) || producesValues($0.step) || consumes($0.step) }
      if needsStage { io.show(presenter.stageHeading(stage)) }
      for planned in stage.steps {
        position += 1
        try walk(planned, position: position, total: steps.count)
        if let delivery, case .declinedReplace = delivery.outcome { return delivery }
      }
      for section in stage.sectionsAfter { io.show(presenter.section(section.section)) }
    }
    let result = try delivery ?? deliver()
    if case .declinedReplace = result.outcome { return result }
    io.show("\nAll \(steps.count) step\(steps.count == 1 ? "" : "s") confirmed.\n")
    markCompleted()
    return result
  }

  // MARK: - Start

  enum Preflight {
    case proceed(replaces: Bool)
    case declined
  }

  /// The layout the seller's credentials are written in: the file `credential-sources:` names
  /// for the seller's `credential_source`.
  public var fileLayout: ServiceLayout.FileLayout? { layout.file(forSource: plan.seller.credentialSource) }

  /// The first step of the walk that consumes credentials (its **Consumes:** attribute), where
  /// the values are written; `nil`: they are written after the last step.
  public var consumingStep: PacketPlan.PlannedStep? { plan.steps.first { consumes($0.step) } }

  /// Checks the destination before any question, so that a file the walk cannot write or
  /// edit stops it before values are pasted. Nothing is created, so Ctrl-C leaves nothing.
  private func preflight(_ path: String) throws -> Preflight {
    guard fileLayout != nil else {
      throw Failure.noFileLayout(service: layout.service, source: plan.seller.credentialSource)
    }
    if let flat = flatFile { return try preflightFlat(path, file: flat) }
    do {
      try CredentialFileStore.checkWritable(path)
    } catch let error as CredentialFileStore.FileError {
      throw Failure.fileSystem(error.description)
    }
    let file = try openDestination(path)
    guard let existing = file.account(named: account) else { return .proceed(replaces: false) }
    if options.replaceExisting { return .proceed(replaces: true) }
    let replace = try io.askYesNo(
      "\(TerminalText.inert(path)) already has \(holding) (line \(existing.line)). "
        + "Replace it with the values from this walk?")
    return replace ? .proceed(replaces: true) : .declined
  }

  /// How messages name the account in the destination file.
  private var holding: String {
    switch fileLayout?.kind {
    case .pythonDict?: return "a credentials dict"
    case .dotenv?: return "names of the account '\(TerminalText.inert(account))'"
    default: return "an account '\(TerminalText.inert(account))'"
    }
  }

  private func openDestination(_ path: String) throws -> any AccountFileEditing {
    guard let fileLayout else {
      throw Failure.noFileLayout(service: layout.service, source: plan.seller.credentialSource)
    }
    let resolved = CredentialFileStore.resolvedPath(path)
    do {
      let bytes = try CredentialFileStore.read(resolved)
      return try AccountFileEditor.open(
        bytes: bytes, file: path, as: fileLayout, specs: guide.credentials, layout: layout)
    } catch let error as CredentialFileStore.FileError {
      throw Failure.fileSystem(error.description)
    } catch let error as AccountsYAMLFile.EditError {
      throw Failure.unusableFile("cannot merge into \(error.description)")
    }
  }

  private func introduce() {
    let steps = plan.steps
    let seller = plan.seller
    var text =
      "\(TerminalText.inert(guide.title)) (guide \(TerminalText.inert(guide.metadata.id)), version \(TerminalText.inert(guide.metadata.version)))\n"
    text +=
      "For \(TerminalText.inert(seller.name)) (seller \(TerminalText.inert(seller.id)), account '\(TerminalText.inert(account))'): \(steps.count) step\(steps.count == 1 ? "" : "s").\n"
    let when =
      consumingStep.map {
        "When the walk reaches step \($0.label) (\(presenter.text($0.step.title))), before its checks"
      }
      ?? "At the end"
    switch options.destination {
    case .file(let path):
      let shape =
        fileLayout.map { " (\(TerminalText.inert($0.kind.rawValue)) layout '\(TerminalText.inert($0.name))')" } ?? ""
      text +=
        "\(when), the credentials are written to \(TerminalText.inert(path))\(shape) as account '\(TerminalText.inert(account))'.\n"
    case .printEnvironment:
      text += "\(when), the credentials are printed as export lines on standard output.\n"
    }
    text +=
      "Progress is saved after each step, never the values. Ctrl-C stops the walk; run the same command to go on.\n"
    let confirmed = steps.filter { isConfirmed($0.step) }.count
    if confirmed > 0 {
      text += "Resuming: \(confirmed) of \(steps.count) steps were confirmed earlier and are skipped. "
      text += "Values are never saved, so steps that give credentials ask for them again.\n"
    }
    for warning in plan.warnings { text += "Note: \(TerminalText.inert(warning.message))\n" }
    for block in plan.introduction {
      text += "\n" + TerminalText.indent(presenter.markdown(block.markdown), by: "  ") + "\n"
    }
    io.show(text)
  }

  // MARK: - Steps

  private func walk(_ planned: PacketPlan.PlannedStep, position: Int, total: Int) throws {
    let step = planned.step
    let heading = presenter.stepHeading(planned, position: position, total: total)
    // The step that consumes the credentials gets them (written or printed) before its checks,
    // so that nothing checks a file before it is written.
    let delivers = delivery == nil && consumes(step)
    if isConfirmed(step) {
      guard producesValues(step) || delivers else {
        io.show(
          "Step \(planned.label) (\(position) of \(total)), confirmed earlier: \(presenter.text(step.title))\n"
        )
        return
      }
      io.show(heading)
      if producesValues(step) {
        io.show("  Confirmed earlier. onboard does not keep values between runs, so paste this step's values again.\n")
        try collectValues(of: step)
      } else {
        io.show("  Confirmed earlier.\n")
      }
      if delivers { _ = try deliver() }
      return
    }
    io.show(heading)
    // A step that both produces and consumes values gets them once they are all pasted.
    let deliverBeforeChecks = delivers && !producesValues(step)
    // The step's text and its checks in the guide's order: each check is asked where it stands.
    // Run blocks are offered where they stand; when the walk runs them, those after a check are
    // offered before it (their exit status answers the checks).
    var text = presenter.stepPreamble(planned)
    var checkIndex = 0
    let runs = stepRuns()
    for part in planned.parts {
      guard case .check(let check) = part else {
        if case .block(let block) = part, block.runnable != nil {
          guard !runs.hasOffered(block) else { continue }
          io.show(text)
          text = ""
          if deliverBeforeChecks && delivery == nil { _ = try deliver() }
          if let delivery, case .declinedReplace = delivery.outcome { return }
          try runs.offer(block, asText: presenter.part(part))
          continue
        }
        text += presenter.part(part)
        continue
      }
      for case .block(let later) in planned.parts
      where options.run.mode != .never && later.runnable != nil && !runs.hasOffered(later) {
        io.show(text)
        text = ""
        if deliverBeforeChecks && delivery == nil { _ = try deliver() }
        if let delivery, case .declinedReplace = delivery.outcome { return }
        try runs.offer(later, asText: presenter.part(.block(later)))
      }
      io.show(text + "\n")
      text = ""
      if deliverBeforeChecks && delivery == nil { _ = try deliver() }
      if let delivery, case .declinedReplace = delivery.outcome { return }
      try confirm(check, index: checkIndex, of: step, label: planned.label, answeredByRun: runs.answered)
      checkIndex += 1
    }
    text += presenter.stepCredentials(planned)
    if !text.isEmpty { io.show(text) }
    try collectValues(of: step)
    if delivers && delivery == nil { _ = try deliver() }
    if let delivery, case .declinedReplace = delivery.outcome { return }
    saveConfirmation(step)
  }

  private func confirm(_ check: Check, index: Int, of step: Step, label stepLabel: String, answeredByRun: Bool) throws {
    let label = step.checks.count == 1 ? "Check" : "Check \(index + 1) of \(step.checks.count)"
    let question = "  \(label): \(presenter.markdown(check.markdown))"
    if answeredByRun {
      io.show("\(question) [answered: the run exited 0]\n")
      return
    }
    if options.acceptChecks {
      io.show("\(question) [accepted with --yes]\n")
      return
    }
    while try !io.askYesNo(question) {
      io.show(
        "  Then step \(stepLabel) is not done yet. Go through it again and compare with the screenshot;\n"
          + "  answer y when it matches. Ctrl-C stops here (confirmed steps are kept).\n")
    }
  }

  /// The runs of one step: the seller's variables, and an environment without names that
  /// would shadow the credentials (with the values, for a seller who keeps them there).
  private func stepRuns() -> StepRuns {
    StepRuns(io: io, options: options.run, variables: plan.variables) { [self] in
      let ordered = values.ordered(by: guide.credentials)
      let environment = RunEnvironment(
        base: options.run.environment, specs: guide.credentials, layout: layout, account: account,
        credentialValues: plan.seller.credentialSource == "env" ? ordered : [])
      let secrets = ordered.filter { guide.credentials[key: $0.key]?.secret ?? true }.map(\.value)
      return (environment, secrets)
    }
  }

  private func collectValues(of step: Step) throws {
    for reference in step.produces {
      guard let spec = guide.credentials[key: reference.key], !spec.isDeprecated else { continue }
      try collect(spec)
    }
    try verifyIfReady(final: false)
  }

  /// Asks for one credential until it passes the checks (or takes a valid one the roster knows).
  /// - Parameter again: the value is asked again (the check rejected it): the roster's value
  ///   is not taken.
  func collect(_ spec: CredentialSpec, again: Bool = false) throws {
    if !again, let known = plan.seller.knownCredentials[spec.key],
      !validator.check(known, as: spec).contains(where: { $0.severity == .error })
    {
      values[spec.key] = known
      keysFromRoster.insert(spec.key)
      io.show("  \(spec.title) (\(spec.key)): the roster has it and it passes the checks; using it.\n")
      return
    }
    var prompt = "\n  Paste the \(spec.title) (\(spec.key))\(again ? " again" : "")"
    if let example = spec.example { prompt += "; it looks like \(TerminalText.inert(example))" }
    prompt += spec.secret ? ". Input is hidden: " : ": "
    while true {
      let raw = spec.secret ? try io.readSecret(prompt) : try io.readLine(prompt)
      let pasted = PastedValue(raw)
      for notice in pasted.notices { io.show("    Note: \(notice)\n") }
      let findings = validator.check(pasted.value, as: spec)
      let errors = findings.filter { $0.severity == .error }
      if errors.isEmpty {
        for finding in findings { io.show("    \(finding.severity.rawValue.capitalized): \(finding.message)\n") }
        values[spec.key] = pasted.value
        keysFromRoster.remove(spec.key)
        io.show("    OK: the \(spec.title) has the right format (\(pasted.value.count) characters).\n")
        return
      }
      for finding in errors {
        io.show("    Not accepted: \(finding.message)\n")
        if let fix = finding.fix { io.show("      \(fix)\n") }
      }
      prompt = "  Paste the \(spec.title) (\(spec.key)) again" + (spec.secret ? ". Input is hidden: " : ": ")
    }
  }

  /// Asks for required credentials that no step of this walk produced.
  private func askForMissingRequired() throws {
    for spec in guide.credentials.active where spec.required && values[spec.key] == nil {
      io.show("\nNo step of this walk gives the \(spec.title) (\(spec.key)), which is required.\n")
      try collect(spec)
    }
  }

  // MARK: - Writing

  /// Writes (or prints) the values: at the step that consumes them, else after the last step.
  /// Required credentials no step gave are asked for first.
  private func deliver() throws -> WalkResult {
    try askForMissingRequired()
    try verifyIfReady(final: true)
    let result = try writeOrPrint(replacing: confirmedReplace)
    delivery = result
    let delivered = values.ordered(by: guide.credentials).map {
      WalkEvent.CollectedValue(key: $0.key, value: $0.value, fromRoster: keysFromRoster.contains($0.key))
    }
    switch result.outcome {
    case .written(let path, _): events(.credentialsDelivered(delivered, file: path))
    case .printedEnvironment: events(.credentialsDelivered(delivered, file: nil))
    case .alreadyCompleted, .declinedReplace: break
    }
    return result
  }

  private func writeOrPrint(replacing: Bool) throws -> WalkResult {
    let ordered = values.ordered(by: guide.credentials)
    switch options.destination {
    case .printEnvironment:
      return printEnvironment(ordered)
    case .file(let path):
      var target = path
      var confirmedReplace = replacing
      var gainedNote = true
      while true {
        do {
          return try write(ordered, to: target, confirmedReplace: confirmedReplace, noteGainedAccount: gainedNote)
        } catch let failure as Failure {
          // The values were typed: offer another place rather than losing them. The message
          // names the path and the system's reason, never a value.
          io.show("\nThe credentials were not written: \(TerminalText.inert(failure.description)).\n")
          let answer = try io.readLine(
            "Type another path to write them to, '-' to print them as export lines, or nothing to discard them: "
          ).trimmingCharacters(in: .whitespaces)
          if answer.isEmpty { throw failure }
          if answer == "-" { return printEnvironment(ordered) }
          target = answer
          confirmedReplace = false
          gainedNote = false
        } catch DeclinedReplace.keepAccount {
          io.show("Nothing was written to \(TerminalText.inert(target)).\n")
          let answer = try io.readLine(
            "Type another path to write them to, '-' to print them as export lines, or nothing to discard them: "
          ).trimmingCharacters(in: .whitespaces)
          if answer.isEmpty { return WalkResult(outcome: .declinedReplace(path: target), lintFindings: []) }
          if answer == "-" { return printEnvironment(ordered) }
          target = answer
        }
      }
    }
  }

  /// The person chose to keep the account a file already has.
  enum DeclinedReplace: Error {
    case keepAccount
  }

  /// Prints the values as export lines (`--print-env`, or the fallback when a file cannot be
  /// written).
  private func printEnvironment(_ ordered: [(key: String, value: String)]) -> WalkResult {
    let skipped = EnvironmentExport.keysWithoutEnvironmentName(ordered.map(\.key), specs: guide.credentials)
    if !skipped.isEmpty {
      io.show("These credentials have no environment name and are not printed: \(skipped.joined(separator: ", ")).\n")
    }
    emitEnvironment(EnvironmentExport.lines(ordered, specs: guide.credentials, layout: layout, account: account))
    io.show("  The credentials were printed as export lines on standard output.\n")
    return WalkResult(outcome: .printedEnvironment, lintFindings: [])
  }

  /// Merges the values into the file at `path` as the seller's account, writes it and lints it.
  /// - Parameters:
  ///   - confirmedReplace: the person already agreed to replace the account there.
  ///   - noteGainedAccount: an account that appeared since the start is replaced with a note
  ///     (the file the walk was started for); otherwise the person is asked.
  /// - Throws: ``Failure``; ``DeclinedReplace`` when the person keeps the account there.
  private func write(
    _ ordered: [(key: String, value: String)], to path: String, confirmedReplace: Bool, noteGainedAccount: Bool
  ) throws -> WalkResult {
    if let flat = flatFile { return try writeFlat(ordered, file: flat, to: path, confirmedReplace: confirmedReplace) }
    if !noteGainedAccount {
      do {
        try CredentialFileStore.checkWritable(path)
      } catch let error as CredentialFileStore.FileError {
        throw Failure.fileSystem(error.description)
      }
    }
    var file = try openDestination(path)
    if let existing = file.account(named: account), !confirmedReplace, !options.replaceExisting {
      if noteGainedAccount {
        // The account appeared while the walk ran; the person asked for this account's values.
        io.show("Note: \(TerminalText.inert(path)) gained \(holding) during the walk; it is replaced.\n")
      } else if try !io.askYesNo(
        "\(TerminalText.inert(path)) already has \(holding) (line \(existing.line)). Replace it?")
      {
        throw DeclinedReplace.keepAccount
      }
    }
    let replaced = file.account(named: account) != nil
    if fileLayout?.kind == .dotenv {
      let skipped = EnvironmentExport.keysWithoutEnvironmentName(ordered.map(\.key), specs: guide.credentials)
      if !skipped.isEmpty {
        io.show("These credentials have no environment name and are not written: \(skipped.joined(separator: ", ")).\n")
      }
    }
    file.upsert(AccountCredentials(name: account, values: ordered))
    let bytes: [UInt8]
    do {
      bytes = try file.verifiedBytes()
    } catch let error as AccountsYAMLFile.EditError {
      throw Failure.unusableFile(error.description)
    }
    let resolved = CredentialFileStore.resolvedPath(path)
    do {
      let replacement = try CredentialFileStore.write(bytes, to: resolved)
      if let warning = replacement.warning(for: path) { io.show("Warning: \(TerminalText.inert(warning)).\n") }
    } catch let error as CredentialFileStore.FileError {
      throw Failure.fileSystem(error.description)
    }
    io.show(
      "\(replaced ? "Replaced" : "Added") account '\(TerminalText.inert(account))' in \(TerminalText.inert(path)) (mode 0600).\n"
    )
    let findings = lint(path)
    return WalkResult(outcome: .written(path: path, replaced: replaced), lintFindings: findings)
  }

  /// Lints the written file and shows the findings (they never contain values).
  func lint(_ path: String) -> [Diagnostic] {
    guard let written = flatFile ?? fileLayout, written.kind != .pythonDict else { return [] }
    let linter = CredentialLinter(specs: guide.credentials, layout: layout)
    do {
      let findings = try linter.lint(file: path, as: written.name)
      if findings.isEmpty {
        io.show("onboard lint finds no problems in \(TerminalText.inert(path)).\n")
      } else {
        io.show(
          "onboard lint on \(TerminalText.inert(path)):\n"
            + TextReporter().report(findings, rules: linter.ruleDescriptors))
      }
      return findings
    } catch {
      io.show("Could not lint \(TerminalText.inert(path)) after writing it: \(TerminalText.inert("\(error)"))\n")
      return []
    }
  }

  // MARK: - Progress

  private func digest(_ step: Step) -> String {
    let material = ([step.title] + step.checks.map(\.text) + step.produces.map(\.key)).joined(separator: "\u{0}")
    return String(SHA256.hexDigest(material).prefix(16))
  }

  private func isConfirmed(_ step: Step) -> Bool {
    progress.isConfirmed(step.id, digest: digest(step))
  }

  private func consumes(_ step: Step) -> Bool {
    step.consumes.contains { guide.credentials[key: $0.key].map { !$0.isDeprecated } ?? false }
  }

  private func producesValues(_ step: Step) -> Bool {
    step.produces.contains { guide.credentials[key: $0.key].map { !$0.isDeprecated } ?? false }
  }

  private func saveConfirmation(_ step: Step) {
    progress.steps[step.id] = WalkProgress.ConfirmedStep(confirmed: WalkProgress.now(), digest: digest(step))
    save()
    events(.stepConfirmed(step: step.id))
  }

  func markCompleted() {
    progress.completed = WalkProgress.now()
    save()
  }

  private func save() {
    do {
      try TerminalControl.withInterruptsDeferred { try store.save(progress) }
    } catch {
      guard !progressWarningShown else { return }
      progressWarningShown = true
      io.show("Warning: \(TerminalText.inert("\(error)")); the walk goes on, but cannot be resumed.\n")
    }
  }
}
