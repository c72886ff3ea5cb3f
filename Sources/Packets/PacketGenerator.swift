import CredentialSpecs
import Foundation
import GuideKit
import OnboardDiagnostics
import OnboardSupport
import PacketPlanning
import Roster

/// Writes one onboarding packet per seller from a guide, a roster and a template set.
///
/// It reads the roster twice, streaming both times: first to check every row (ids, data table,
/// credential values, planning), stopping before anything is written if a row is wrong; then
/// to plan, render and write each packet in turn, keeping nothing per seller but the set of ids
/// seen. Memory therefore stays flat in the roster's size.
///
/// Why `@unchecked Sendable` is safe: every stored property is a `let`. The worker threads only
/// read the guide, the planner (whose shared memo is behind a lock (`Locked`)) and the validator's
/// per-row checks, and each renders with a ``PacketRenderer`` of its own (`makeRenderer()`);
/// `renderer`, a class with caches, is the calling thread's alone. (The planner, the validator's
/// escapers and the renderer are not `Sendable` types, hence unchecked.)
public final class PacketGenerator: @unchecked Sendable {
  /// What to write and how.
  public struct Options: Sendable {
    /// The output folder (`packets`).
    public var outputDirectory: String
    /// Embed screenshots into checklist.html as `data:` URIs.
    public var embedScreenshots: Bool
    /// Replace packet folders onboard did not write.
    public var force: Bool
    /// Only these seller ids (all when `nil`).
    public var sellerIDs: Set<String>?
    /// Extra files per packet (such as a PDF).
    public var extras: [any PacketExtras]
    /// `fsync` every file.
    public var durable: Bool
    /// How many packets to render and write at once (`nil`: one per processor). Extras that do
    /// not support concurrent use make it one.
    public var workers: Int?
    /// Write delta packets (`--since`): each seller's plan goes through this source, which cuts
    /// it to the steps to redo or skips the seller. `nil`: full packets.
    public var delta: (any DeltaSource)?
    /// Write each packet as `<out>/<id>.zip` instead of a folder (``PacketZipWriter``).
    public var zip = false

    /// Creates options.
    public init(
      outputDirectory: String = "packets", embedScreenshots: Bool = false, force: Bool = false,
      sellerIDs: Set<String>? = nil, extras: [any PacketExtras] = [], durable: Bool = false, workers: Int? = nil,
      delta: (any DeltaSource)? = nil
    ) {
      self.outputDirectory = outputDirectory
      self.embedScreenshots = embedScreenshots
      self.force = force
      self.sellerIDs = sellerIDs
      self.extras = extras
      self.durable = durable
      self.workers = workers
      self.delta = delta
    }
  }

  /// The outcome of checking a roster.
  public struct CheckResult: Sendable {
    /// Every problem found, in roster order.
    public var diagnostics: [Diagnostic]
    /// How many sellers the roster has.
    public var sellerCount: Int
    /// How many of them the run selects.
    public var selectedCount: Int
    /// Selected ids that no row has.
    public var missingSellerIDs: [String]
    /// Why a delta run cannot go on, one message per seller (``DeltaDecision/unusable(_:)``),
    /// in roster order.
    public var deltaProblems: [String] = []
  }

  /// The outcome of writing packets.
  public struct WriteResult: Sendable {
    /// How many packets were written.
    public var written: Int
    /// Packets that were not written (foreign folders, changed packets), as diagnostics.
    public var diagnostics: [Diagnostic]
    /// Temporary folders of killed runs that the writer removed (or put back) first.
    public var removedLeftovers: [String] = []
    /// Delta runs: the sellers who got no packet, grouped by reason (reasons in order of first
    /// use, sellers in roster order).
    public var skipped: [(reason: String, sellers: [String])] = []
  }

  /// A packet that was written, as the ledger records it (`onWritten` of ``write(roster:displayPath:writer:progress:onWritten:)``).
  public struct WrittenPacket: Sendable {
    /// The seller id, name and account.
    public var sellerID: String
    public var sellerName: String?
    public var account: String
    /// The ids of the packet's steps, in order.
    public var steps: [String]
    /// With ``Options/zip``: the credential files left out of the zip, because they hold a
    /// secret value the roster gives.
    public var leftOut: [PacketZipWriter.LeftOut] = []
  }

  /// Rule id for a packet folder onboard did not write.
  public static let foreignFolderRule = "packets/foreign-folder"
  /// Rule id for a packet whose files were changed, or that holds files it does not list.
  public static let changedPacketRule = "packets/changed-packet"
  /// Rule id for a seller a delta run cannot compare (found only if the check pass missed it).
  public static let deltaRule = "packets/delta"
  /// Rule id for a `<id>.zip` onboard did not write (``Options/zip``).
  public static let foreignZipRule = "packets/foreign-zip"

  /// The guide.
  public let guide: Guide
  /// The templates.
  public let templates: TemplateSet
  /// The options.
  public let options: Options
  private let planner: PacketPlanner
  private let decoder: SellerDecoder
  private let validator: RosterValidator
  private let renderer: PacketRenderer
  private let screenshots: ScreenshotCatalog
  private let imageDigests: [String: String]

  /// Creates a generator.
  public init(guide: Guide, templates: TemplateSet, options: Options) {
    self.guide = guide
    self.templates = templates
    self.options = options
    // The planner remembers each structure's part of the shape key (see PacketShape), so
    // sellers who share a structure share the work of the key too.
    self.planner = PacketPlanner(
      guide: guide, layout: templates.layout,
      structureKey: { PacketShape.structureKey(of: $0, guide: guide) })
    self.decoder = SellerDecoder(credentials: guide.credentials)
    self.validator = RosterValidator(guide: guide, credentialEscapers: templates.credentialEscapers)
    let screenshots = ScreenshotCatalog(guide: guide, embed: options.embedScreenshots)
    self.screenshots = screenshots
    self.renderer = PacketRenderer(
      templates: templates,
      builder: PacketContextBuilder(
        guide: guide, layout: templates.layout, screenshots: screenshots, embedScreenshots: options.embedScreenshots))
    var digests: [String: String] = [:]
    for asset in screenshots.assets.values {
      guard let source = asset.sourcePath, digests[source] == nil, let bytes = ScreenshotFile.contents(atPath: source)
      else { continue }
      digests[source] = OnboardSupport.SHA256.hexDigest(bytes)
    }
    self.imageDigests = digests
  }

  private func makeRenderer() -> PacketRenderer {
    PacketRenderer(
      templates: templates,
      builder: PacketContextBuilder(
        guide: guide, layout: templates.layout, screenshots: screenshots, embedScreenshots: options.embedScreenshots))
  }

  /// How many threads check, render and write (`1`: the calling thread does it all).
  private var workerCount: Int {
    let extrasAllowConcurrency = options.extras.allSatisfy(\.supportsConcurrentUse)
    return extrasAllowConcurrency ? max(1, options.workers ?? ProcessInfo.processInfo.activeProcessorCount) : 1
  }

  /// Roster rows handed to a worker at once, and batches in flight per worker thread.
  private static let rowsPerBatch = 8
  private static let batchesInFlightPerWorker = 3

  /// One row as the first pass's workers see it: decoded, checked alone, and planned when it
  /// is otherwise fine.
  private struct CheckedRow: Sendable {
    var problem: Diagnostic?
    var decodeDiagnostics: [Diagnostic] = []
    var seller: Seller?
    var rowDiagnostics: [Diagnostic] = []
    var planDiagnostics: [Diagnostic] = []
    var deltaProblem: String?
  }

  private func checkRow(_ item: RosterItem) -> CheckedRow {
    switch item {
    case .problem(let diagnostic):
      return CheckedRow(problem: diagnostic)
    case .record(let record):
      let decoded = decoder.decode(record)
      var row = CheckedRow(decodeDiagnostics: decoded.diagnostics, seller: decoded.seller)
      guard let seller = decoded.seller else { return row }
      row.rowDiagnostics = validator.validateRow(seller)
      if row.rowDiagnostics.isEmpty && decoded.diagnostics.isEmpty && isSelected(seller) {
        switch planner.plan(seller) {
        case .failure(let list): row.planDiagnostics = list.diagnostics
        case .success(let plan):
          row.planDiagnostics = plan.warnings + options.extras.flatMap { $0.problems(for: plan) }
          switch options.delta?.decide(plan) {
          case .failure(let diagnostics): row.planDiagnostics += diagnostics
          case .unusable(let message): row.deltaProblem = message
          case .packet, .skip, nil: break
          }
        }
      }
      return row
    }
  }

  /// The first pass: checks every row of the roster and plans each selected seller. Rows are
  /// decoded, checked and planned on ``Options/workers`` threads; the results are taken in
  /// roster order (duplicate ids are found there), so the diagnostics come in roster order.
  /// - Throws: ``RosterIOError``.
  public func check(roster path: String, displayPath: String? = nil) throws -> CheckResult {
    let source = try RosterReader.open(path, displayPath: displayPath)
    var validator = self.validator
    var diagnostics: [Diagnostic] = []
    var count = 0
    var selected = 0
    var found: Set<String> = []
    var deltaProblems: [String] = []
    func take(_ row: CheckedRow) {
      count += 1
      if let problem = row.problem {
        diagnostics.append(problem)
        return
      }
      diagnostics += row.decodeDiagnostics
      guard let seller = row.seller else { return }
      var problems: [Diagnostic] = []
      if let duplicate = validator.checkDuplicate(seller) { problems.append(duplicate) }
      problems += row.rowDiagnostics
      diagnostics += problems
      guard isSelected(seller) else { return }
      found.insert(seller.id)
      selected += 1
      if problems.isEmpty && row.decodeDiagnostics.isEmpty {
        diagnostics += row.planDiagnostics
        if let problem = row.deltaProblem { deltaProblems.append(problem) }
      }
    }
    let workers = workerCount
    if workers > 1 {
      let pipeline = OrderedPipeline<[RosterItem], [CheckedRow]>(
        workers: workers, window: workers * Self.batchesInFlightPerWorker
      ) { [self] in { $0.map(self.checkRow) } }
      var batch: [RosterItem] = []
      while let item = source.next() {
        batch.append(item)
        guard batch.count == Self.rowsPerBatch else { continue }
        if pipeline.mustTakeBeforeSubmitting, let rows = pipeline.take() { rows.forEach(take) }
        pipeline.submit(batch)
        batch = []
      }
      if !batch.isEmpty { pipeline.submit(batch) }
      pipeline.close()
      while let rows = pipeline.take() { rows.forEach(take) }
    } else {
      while let item = source.next() { take(checkRow(item)) }
    }
    if count == 0 {
      diagnostics.append(
        Diagnostic(
          severity: .error, ruleID: RosterRules.empty, message: "The roster lists no sellers.",
          location: DiagnosticLocation(file: displayPath ?? path, line: 1, column: 1),
          fix: "Add one row per seller: a YAML list of mappings, or a CSV header row and one line per seller."))
    }
    let missing = options.sellerIDs.map { $0.subtracting(found).sorted() } ?? []
    var result = CheckResult(
      diagnostics: diagnostics, sellerCount: count, selectedCount: selected, missingSellerIDs: missing)
    result.deltaProblems = deltaProblems
    return result
  }

  /// What the second pass's workers make of one roster row.
  private enum WrittenRow: Sendable {
    /// Not a selected seller.
    case ignored
    /// Planning failed.
    case unplanned([Diagnostic])
    /// The packet was processed.
    case packet(PacketResult)
    /// A delta run wrote no packet for the seller, for this reason.
    case skipped(seller: String, reason: String)
  }

  private func writeRow(_ item: RosterItem, renderer: PacketRenderer, writer: PacketWriter) -> WrittenRow {
    guard case .record(let record) = item, let seller = decoder.decode(record).seller, isSelected(seller) else {
      return .ignored
    }
    switch planner.plan(seller) {
    case .failure(let list): return .unplanned(list.diagnostics)
    case .success(let plan):
      guard let delta = options.delta else { return .packet(process(plan, renderer: renderer, writer: writer)) }
      switch delta.decide(plan) {
      case .packet(let cut):
        return .packet(process(cut, recordedSteps: plan.steps.map(\.step.id), renderer: renderer, writer: writer))
      case .skip(let reason): return .skipped(seller: seller.id, reason: reason)
      case .failure(let diagnostics): return .unplanned(diagnostics)
      case .unusable(let message):
        return .unplanned([
          Diagnostic(severity: .error, ruleID: Self.deltaRule, message: message, location: seller.location)
        ])
      }
    }
  }

  /// The second pass: plans, renders and writes each selected seller's packet. Rows are
  /// decoded, planned, rendered and written on ``Options/workers`` threads with a few rows in
  /// flight, so memory stays flat; outcomes are counted on the calling thread.
  /// - Parameters:
  ///   - progress: called on the calling thread with the number of packets done.
  ///   - onWritten: called on the calling thread, in roster order, for each packet written.
  /// - Throws: ``RosterIOError``, ``PacketWriter/WriteError`` (other than foreign folders),
  ///   or an extra's error (after the packets in flight are finished).
  public func write(
    roster path: String, displayPath: String? = nil, writer: PacketWriter? = nil,
    progress: (Int) -> Void = { _ in }, onWritten: (WrittenPacket) -> Void = { _ in }
  ) throws -> WriteResult {
    let source = try RosterReader.open(path, displayPath: displayPath)
    let writer =
      try writer
      ?? PacketWriter(outputDirectory: options.outputDirectory, force: options.force, durable: options.durable)
    let outcome = WriteOutcome()
    var planningDiagnostics: [Diagnostic] = []
    var skipped: [(reason: String, sellers: [String])] = []
    func take(_ row: WrittenRow) {
      switch row {
      case .ignored: return
      case .skipped(let seller, let reason):
        if let index = skipped.firstIndex(where: { $0.reason == reason }) {
          skipped[index].sellers.append(seller)
        } else {
          skipped.append((reason, [seller]))
        }
        outcome.record(.skipped)
      case .unplanned(let diagnostics):
        planningDiagnostics += diagnostics
        outcome.record(.skipped)
      case .packet(let result):
        outcome.record(result)
        if case .written(let packet) = result { onWritten(packet) }
      }
      progress(outcome.done)
    }
    let workers = workerCount
    if workers > 1 {
      let pipeline = OrderedPipeline<[RosterItem], [WrittenRow]>(
        workers: workers, window: workers * Self.batchesInFlightPerWorker
      ) { [self] in
        let renderer = makeRenderer()
        return { batch in batch.map { self.writeRow($0, renderer: renderer, writer: writer) } }
      }
      var batch: [RosterItem] = []
      while !outcome.failed, let item = source.next() {
        batch.append(item)
        guard batch.count == Self.rowsPerBatch else { continue }
        if pipeline.mustTakeBeforeSubmitting, let rows = pipeline.take() { rows.forEach(take) }
        if outcome.failed { break }
        pipeline.submit(batch)
        batch = []
      }
      if !batch.isEmpty && !outcome.failed { pipeline.submit(batch) }
      pipeline.close()
      while let rows = pipeline.take() { rows.forEach(take) }
    } else {
      while !outcome.failed, let item = source.next() { take(writeRow(item, renderer: renderer, writer: writer)) }
    }
    progress(outcome.done)
    if let error = outcome.error { throw error }
    let diagnostics = planningDiagnostics + outcome.diagnostics.sorted { $0.location < $1.location }
    var result = WriteResult(
      written: outcome.written, diagnostics: diagnostics, removedLeftovers: writer.removedLeftovers)
    result.skipped = skipped
    return result
  }

  /// What became of one packet.
  enum PacketResult: Sendable {
    case written(WrittenPacket)
    case refused(Diagnostic)
    case failed(Error)
    case skipped
  }

  /// Renders and writes one packet; `recordedSteps` are the step ids the ledger records (a
  /// delta packet's are those of the seller's full plan; by default the packet's own).
  private func process(
    _ plan: PacketPlan, recordedSteps: [String]? = nil, renderer: PacketRenderer, writer: PacketWriter
  ) -> PacketResult {
    let seller = plan.seller
    do {
      var leftOut: [PacketZipWriter.LeftOut] = []
      if options.zip {
        // A zip never carries a secret: credential files holding one are left out, and the
        // manifest lists what the zip holds.
        var files = try renderFiles(plan, renderer: renderer)
        leftOut = PacketZipWriter.secretFiles(files, known: seller.knownCredentials, specs: guide.credentials)
        let left = Set(leftOut.map(\.path))
        files.removeAll { left.contains($0.path) }
        files.append(manifestFile(plan, files: files))
        try PacketZipWriter(outputDirectory: options.outputDirectory, force: options.force).write(
          id: seller.id, files: files)
      } else {
        try writer.write(id: seller.id, files: try render(plan, renderer: renderer))
      }
      return .written(
        WrittenPacket(
          sellerID: seller.id, sellerName: seller.name, account: seller.account,
          steps: recordedSteps ?? plan.steps.map(\.step.id), leftOut: leftOut))
    } catch PacketZipWriter.WriteError.foreignFile(let path) {
      return .refused(
        Diagnostic(
          severity: .error, ruleID: Self.foreignZipRule,
          message: "Row \(seller.row): the file \(path) exists and was not written by onboard, so it is left alone.",
          location: seller.location, fix: "Move the file away, or pass --force to replace it."))
    } catch PacketWriter.WriteError.foreignFolder(let folder) {
      return .refused(
        Diagnostic(
          severity: .error, ruleID: Self.foreignFolderRule,
          message:
            "Row \(seller.row): the folder \(folder) exists and was not written by onboard, so it is left alone.",
          location: seller.location, fix: "Move the folder away, or pass --force to replace it."))
    } catch PacketWriter.WriteError.changedPacket(let folder, let changed, let extra) {
      return .refused(
        Diagnostic(
          severity: .warning, ruleID: Self.changedPacketRule,
          message:
            "Row \(seller.row): the packet \(folder) was changed since onboard wrote it (\(PacketWriter.WriteError.listing(changed: changed, extra: extra))), so it is left as it is.",
          location: seller.location,
          fix: "Copy out what you want to keep, or pass --force to replace the packet."))
    } catch let refused as MarkdownFiller.UnsafeLink {
      return .refused(
        Diagnostic(
          severity: .error, ruleID: RosterRules.unsafeLink,
          message: "Row \(seller.row): the variable '\(refused.variable)' cannot be a link: \(refused.reason).",
          location: seller.location))
    } catch {
      return .failed(error)
    }
  }

  /// Renders one packet's files (templates, extras, images and packet.json).
  /// - Throws: ``MarkdownFiller/UnsafeLink`` or an extra's error.
  public func render(_ plan: PacketPlan) throws -> [PacketFile] {
    try render(plan, renderer: renderer)
  }

  private func render(_ plan: PacketPlan, renderer: PacketRenderer) throws -> [PacketFile] {
    let files = try renderFiles(plan, renderer: renderer)
    return files + [manifestFile(plan, files: files)]
  }

  /// A packet's files without packet.json: templates, extras and images.
  private func renderFiles(_ plan: PacketPlan, renderer: PacketRenderer) throws -> [PacketFile] {
    let context = try renderer.render(plan)
    var files: [PacketFile] = []
    // A delta packet carries the credential templates only when a step to redo needs them.
    let credentialFiles = plan.delta.map(\.needsCredentialFiles) ?? true
    for (output, bytes) in zip(templates.outputs, context.outputs) {
      if output.format.isCredentialFormat && !credentialFiles { continue }
      let mode: mode_t = output.format.isCredentialFormat ? 0o600 : 0o644
      files.append(PacketFile(path: output.fileName(account: plan.seller.account), content: .bytes(bytes), mode: mode))
    }
    for extra in options.extras {
      files += try extra.files(for: RenderedPacket(plan: plan, files: files))
    }
    for asset in context.usedScreenshots {
      guard let source = asset.sourcePath, let digest = imageDigests[source] else { continue }
      files.append(PacketFile(path: asset.packetPath, content: .image(sourcePath: source, sha256: digest)))
    }
    return files
  }

  /// packet.json, the manifest of `files`.
  private func manifestFile(_ plan: PacketPlan, files: [PacketFile]) -> PacketFile {
    var entries: [PacketManifest.Entry] = []
    for file in files {
      let digest: String
      switch file.content {
      case .bytes(let bytes): digest = OnboardSupport.SHA256.hexDigest(bytes)
      case .image(_, let sha256): digest = sha256
      }
      entries.append(PacketManifest.Entry(path: file.path, sha256: digest, mode: UInt32(file.mode)))
    }
    let manifest = PacketManifest(
      guideID: guide.metadata.id, guideVersion: guide.metadata.version, guideTitle: guide.title,
      sellerID: plan.seller.id, sellerName: plan.seller.name, account: plan.seller.account,
      steps: plan.steps.map(\.step.id), files: entries, deltaFromVersion: plan.delta?.oldVersion)
    return PacketFile(path: PacketManifest.fileName, text: manifest.json())
  }

  /// Plans one seller (for callers that render a single packet).
  public func plan(_ seller: Seller) -> Result<PacketPlan, DiagnosticList> {
    planner.plan(seller)
  }

  private func isSelected(_ seller: Seller) -> Bool {
    options.sellerIDs?.contains(seller.id) ?? true
  }
}
