import ArgumentParser
import Foundation
import GuideKit
import GuideLocating
import Ledger
import OnboardDiagnostics
import OnboardSupport
import PacketPlanning
import Packets
import Roster
import Runbook

extension OnboardCommand {
  /// `onboard packets`: one onboarding packet per seller of a roster.
  struct Packets: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "packets",
      abstract: "Write one onboarding packet per seller from a guide and a roster.",
      discussion: """
        Reads the roster (YAML list or CSV with a header row; docs/roster.md) and writes \
        <out>/<id>/ for each seller: checklist.md, checklist.html, prompts.md, the credential \
        files of the guide's template set (filled with the values the roster knows, mode 0600) \
        and packet.json (with the SHA-256 of every file). A guide that names no template set \
        (front matter 'templates:') uses templates/generic, which writes one credential file: \
        the layout the guide's 'layout:' or --layout names (dotenv or yaml), dotenv by default. Each packet is written atomically; a \
        re-run with the same input writes the same bytes. A folder onboard did not write is not \
        replaced without --force, and neither is a packet whose files were changed since \
        (compared with its packet.json) or that holds files packet.json does not list: it is \
        left as it is and named in a warning with those files (exit 1).

        Screenshots not found are warned about, once per file; the checklists show a box naming \
        each. A screenshot path that leads outside the guide's folder and the --screenshots \
        folders is a guide error and is never read.

        A run that is killed can leave .onboard-tmp-<id>-<pid>-<n>/ folders (which may hold \
        credential files) in the output folder. The next run removes those whose process is \
        gone, and says so; those of a run still going are left alone.

        With --since OLD.md (an older version of the guide) or --since-ledger (the version each \
        seller last received, per the ledger), each packet is a delta: only the steps new or \
        changed for that seller, each with a note saying what changed, and packet.json names the \
        versions. Sellers with nothing to redo get no packet and are listed on stderr \
        (docs/ledger.md).

        Exit codes: 0 written; 1 roster or guide errors (nothing is written) or a packet refused; \
        2 usage or I/O error.
        """)

    @Argument(help: "The guide: a file, or an installed guide's id.", completion: .file(extensions: ["md"]))
    var guide: String

    @Option(name: .long, help: ArgumentHelp("The roster: a .yml/.yaml list or a .csv file.", valueName: "file"))
    var roster: String

    @Option(name: .long, help: ArgumentHelp("The folder to write packets into.", valueName: "dir"))
    var out: String = "packets"

    @Option(name: .long, help: ArgumentHelp("A template set folder instead of the guide's own.", valueName: "dir"))
    var templates: String?

    @Option(
      name: .long,
      help: ArgumentHelp(
        "The one credential file to write: a name from the template set's layout.yml (dotenv or yaml for the generic set), instead of the guide's front matter 'layout:'.",
        valueName: "name"))
    var layout: String?

    @Option(name: .long, help: ArgumentHelp("A folder to look for screenshots in (repeatable).", valueName: "dir"))
    var screenshots: [String] = []

    @Flag(name: .long, help: "Embed screenshots into checklist.html as data: URIs.")
    var embedScreenshots = false

    @Flag(name: .long, help: "Replace packet folders that onboard did not write, or that were changed since.")
    var force = false

    @Option(name: .customLong("seller"), help: ArgumentHelp("Only this seller id (repeatable).", valueName: "id"))
    var sellers: [String] = []

    @Flag(name: .long, help: "Print nothing but errors.")
    var quiet = false

    @Flag(name: .long, help: "Treat warnings (a value the roster does not give) as errors: write no packets.")
    var strict = false

    @Flag(
      name: .long,
      help:
        "Add runbook.pdf (the seller's printed runbook) to each packet; needs headless Chromium and takes a second or two per packet."
    )
    var pdf = false

    @Option(
      name: .long, help: ArgumentHelp("The browser that prints --pdf, a path or a name on PATH.", valueName: "path"))
    var browser: String?

    @Option(
      name: .long,
      help: ArgumentHelp(
        "The paper --pdf prints on: a4 or letter.",
        discussion: "Default: each seller's 'paper' variable (a data-table column or roster field), else a4."))
    var paper: RunbookPaper?

    // `--zip` (issue 19): one file per packet, for sending.
    @Flag(
      name: .long,
      help:
        "Write <out>/<id>.zip per packet instead of the folder (deterministic; packet.json inside). A credential file holding a secret value from the roster is left out and named."
    )
    var zip = false

    @OptionGroup var ledgerOptions: LedgerOptions

    // Delta packets (docs/ledger.md, "Delta packets").
    @Option(
      name: .long,
      help: ArgumentHelp(
        "Write delta packets: per seller only the steps that changed since this older version of the guide (or are new for them), each saying what changed.",
        valueName: "old.md"), completion: .file(extensions: ["md"]))
    var since: String?

    @Flag(
      name: .long,
      help:
        "Write delta packets against the guide version each seller last received, as the ledger records it.")
    var sinceLedger = false

    func run() throws {
      let started = Date()
      let terminal = Terminal.current()
      let reporter = TextReporter(color: terminal.colorStderr)
      func fail(_ message: String) -> ExitCode {
        StandardError.write("error: \(message)\n")
        return ExitStatus.usage.exitCode
      }
      if let problem = deltaOptionsProblem { throw fail(problem) }

      var folders: [String] = []
      for folder in screenshots {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue {
          folders.append(folder)
        } else if !quiet {
          StandardError.write(
            "warning: the screenshot folder \(folder) does not exist; packets will link to screenshots they cannot include\n"
          )
        }
      }

      let resolver = GuideResolver()
      let guide = try GuideArgument.resolve(self.guide, command: "packets", resolver: resolver).path
      guard FileManager.default.isReadableFile(atPath: guide) else { throw fail("cannot read the guide \(guide)") }
      let loaded = GuideLoader(screenshotFolders: folders).load(file: guide)
      let guideErrors = loaded.diagnostics.filter { $0.severity == .error }
      guard let model = loaded.guide, guideErrors.isEmpty else {
        StandardError.write(reporter.report(Diagnostic.sortedForReport(guideErrors), rules: []))
        StandardError.write("error: the guide has errors; run 'onboard check \(guide)' for details\n")
        throw ExitStatus.findings.exitCode
      }
      let missingScreenshots = loaded.missingScreenshotWarnings
      if !missingScreenshots.isEmpty && !quiet {
        StandardError.write(reporter.report(missingScreenshots, rules: []))
      }

      let templateFolder: String
      do {
        templateFolder = try resolver.templateSet(
          explicit: templates, name: model.metadata.templates.first, guideFile: guide
        ).path
      } catch {
        throw fail(error.description)
      }
      let templateSet: TemplateSet
      do {
        templateSet = try TemplateSet.load(directory: templateFolder).choosingLayout(layout ?? model.metadata.layout)
      } catch {
        throw fail("\(error)")
      }

      let (deltaSource, deltaLedger) = try delta(guide: model, file: guide, templates: templateSet, folders: folders)
      var options = PacketGenerator.Options(
        outputDirectory: out, embedScreenshots: embedScreenshots, force: force,
        sellerIDs: sellers.isEmpty ? nil : Set(sellers),
        extras: try packetExtras(guide: model, templateFolder: templateFolder, reporter: reporter),
        delta: deltaSource)
      options.zip = zip
      let generator = PacketGenerator(guide: model, templates: templateSet, options: options)

      let checked: PacketGenerator.CheckResult
      do {
        checked = try generator.check(roster: roster)
      } catch {
        throw fail("\(error)")
      }
      if !checked.diagnostics.isEmpty {
        StandardError.write(reporter.report(checked.diagnostics, rules: RosterRules.descriptors))
      }
      if checked.diagnostics.contains(where: { $0.severity == .error || (strict && $0.severity == .warning) }) {
        let errors = checked.diagnostics.filter { $0.severity == .error || (strict && $0.severity == .warning) }.count
        StandardError.write("error: \(errors) problem\(errors == 1 ? "" : "s") in \(roster); no packets written\n")
        throw ExitStatus.findings.exitCode
      }
      if !checked.missingSellerIDs.isEmpty {
        throw fail(SellerIDHint.message(missing: checked.missingSellerIDs, roster: roster))
      }
      if !checked.deltaProblems.isEmpty {
        for problem in checked.deltaProblems { StandardError.write("error: \(problem)\n") }
        StandardError.write("error: no packets written\n")
        throw ExitStatus.usage.exitCode
      }

      let recorder = try PacketRecorder(
        ledger: deltaLedger ?? ledgerOptions.open(command: "packets"), guide: model, file: guide)
      let bar = ProgressBar(total: checked.selectedCount, label: "packets", terminal: terminal)
      let result: PacketGenerator.WriteResult
      do {
        result = try generator.write(
          roster: roster, progress: { bar.update($0) },
          onWritten: { packet in
            recorder.add(packet)
            let zipPath = PacketZipWriter(outputDirectory: out, force: force).path(id: packet.sellerID)
            for file in packet.leftOut { StandardError.write("warning: \(file.message(zip: zipPath))\n") }
          })
        try recorder.flush()
      } catch {
        bar.finish()
        throw fail("\(error)")
      }
      bar.finish()
      if !quiet {
        for name in result.removedLeftovers {
          StandardError.write(
            "note: removed \(out.hasSuffix("/") ? out : out + "/")\(name), left behind by an earlier run that was killed\n"
          )
        }
      }
      if !result.diagnostics.isEmpty {
        StandardError.write(reporter.report(result.diagnostics, rules: RosterRules.descriptors))
      }
      if !quiet && !result.skipped.isEmpty { StandardError.write(Self.skippedNote(result.skipped)) }
      if !quiet && (terminal.stdoutIsTerminal || terminal.stderrIsTerminal) {
        let seconds = Date().timeIntervalSince(started)
        let folder = out.hasSuffix("/") ? out : out + "/"
        let line =
          "wrote \(result.written) packet\(result.written == 1 ? "" : "s") to \(folder) in \(String(format: "%.2f", seconds)) s\n"
        if terminal.stdoutIsTerminal { StandardOutput.write(line) } else { StandardError.write(line) }
      }
      if !result.diagnostics.isEmpty { throw ExitStatus.findings.exitCode }
    }

    /// The delta source of `--since` or `--since-ledger` (`nil`: full packets), and the ledger
    /// `--since-ledger` opened (the same one records the packets).
    func delta(
      guide: Guide, file: String, templates: TemplateSet, folders: [String]
    ) throws -> ((any DeltaSource)?, Ledger?) {
      func fail(_ message: String) -> ExitCode {
        StandardError.write("error: \(message)\n")
        return ExitStatus.usage.exitCode
      }
      if let since {
        guard FileManager.default.isReadableFile(atPath: since) else {
          throw fail("cannot read the old guide \(since)")
        }
        let loaded = GuideLoader(screenshotFolders: folders).load(file: since)
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        guard let old = loaded.guide, errors.isEmpty else {
          StandardError.write(TextReporter(color: false).report(Diagnostic.sortedForReport(errors), rules: []))
          throw fail("the old guide \(since) has errors; run 'onboard check \(since)' for details")
        }
        guard old.metadata.id == guide.metadata.id else {
          throw fail(
            "\(since) is the guide '\(old.metadata.id)', not '\(guide.metadata.id)'; --since needs an older version of the same guide"
          )
        }
        return (DeltaPlanner(old: old, new: guide, layout: templates.layout), nil)
      }
      guard sinceLedger, let ledger = try ledgerOptions.open(command: "packets") else { return (nil, nil) }
      guard let bytes = FileManager.default.contents(atPath: file) else { throw fail("cannot read the guide \(file)") }
      let sent: SentGuides
      do {
        sent = try SentGuides(ledger: ledger)
      } catch {
        throw fail("\(error)")
      }
      let source = LedgerDeltaSource(
        guide: guide, guideFile: file, guideSHA256: OnboardSupport.SHA256.hexDigest([UInt8](bytes)),
        layout: templates.layout, sent: sent, loader: GuideLoader(screenshotFolders: folders))
      return (source, ledger)
    }

    /// Why `--since` and `--since-ledger` cannot be used as given, if they cannot.
    var deltaOptionsProblem: String? {
      if since != nil && sinceLedger {
        return
          "--since and --since-ledger cannot be used together: compare with one old guide file, or with what the ledger says each seller received"
      }
      if sinceLedger && ledgerOptions.path == nil {
        return "--since-ledger reads the ledger, and --no-ledger turns it off"
      }
      return nil
    }

    /// The sellers a delta run wrote no packet for, one line per reason.
    static func skippedNote(_ skipped: [(reason: String, sellers: [String])]) -> String {
      var text = ""
      for group in skipped {
        let count = group.sellers.count
        text +=
          "note: no packet for \(count) seller\(count == 1 ? "" : "s") \(group.reason): "
          + group.sellers.joined(separator: ", ") + "\n"
      }
      return text
    }

    /// Extra files for every packet: the extension point for options such as `--pdf`. Each
    /// `PacketExtras` returned here adds files that the generator writes into the same atomic
    /// packet folder and lists in packet.json.
    func packetExtras(guide: Guide, templateFolder: String, reporter: TextReporter) throws -> [any PacketExtras] {
      guard pdf else { return [] }
      var cover: RunbookCover?
      switch RunbookCover.load(templateSet: templateFolder) {
      case .success(let read): cover = read
      case .failure(let list):
        StandardError.write(reporter.report(list.diagnostics, rules: []))
        StandardError.write("error: the template set's \(RunbookCover.fileName) has errors; no packets written\n")
        throw ExitStatus.findings.exitCode
      case nil: break
      }
      do {
        let printer = ChromiumPrinter(browser: try BrowserLocator.locate(explicit: browser))
        return [RunbookPDFExtra(guide: guide, printer: printer, date: RunbookDate.today(), paper: paper, cover: cover)]
      } catch {
        StandardError.write("error: \(error)\n")
        throw ExitStatus.usage.exitCode
      }
    }
  }
}
