import ArgumentParser
import CredentialSpecs
import Foundation
import GuideKit
import GuideLocating
import OnboardDiagnostics
import OnboardSupport
import PacketPlanning
import Roster
import Runbook

extension RunbookFormat: ExpressibleByArgument {}
extension RunbookPaper: ExpressibleByArgument {}

extension OnboardCommand {
  /// `onboard runbook`: a printed runbook for one seller, or a generic one.
  struct Runbook: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "runbook",
      abstract: "Write a runbook to print: HTML, PDF (through headless Chromium) or Markdown.",
      discussion: """
        The runbook has a cover (guide title and version, the seller, the date and a sign-off \
        table), a table of contents, and each stage on a new page. Every step has its number and \
        a tick box, its notes and warnings set apart, its screenshots scaled to the page width \
        with captions (a frame names a screenshot that was not found), a box for writing where \
        each credential it produces is stored (never the value), and each check with "confirmed \
        by / date" lines, kept on one page with the part just before it. Code breaks only at its \
        spaces, never inside a value. The footer shows the guide's id and version and the page \
        number. A PDF's contents give the page each stage and \
        step starts on (it is printed twice to find them; needs pdftotext from poppler-utils).

        With --roster and --seller the runbook is that seller's: only the steps that apply to \
        them (the same plan as their packet), with their values filled in. Without them it is \
        generic: every step, with its conditions printed in words and each variable as a \
        labelled blank to fill in by hand.

        The paper is A4, or Letter for a seller whose 'paper' variable (a data-table column or \
        roster field) says letter; --paper chooses it for any runbook.

        PDF needs headless Chromium 131 or later (Debian: sudo apt-get install chromium), found \
        on PATH as chromium, chromium-headless-shell, chromium-browser or google-chrome, or \
        given with --browser. Screenshots are embedded, so the HTML and PDF need no other file.

        Examples:
          onboard runbook GUIDE.md -o runbook.pdf
          onboard runbook GUIDE.md --roster sellers.yml --seller shop-de -o shop-de.pdf
          onboard runbook GUIDE.md --format md -o runbook.md

        Exit codes: 0 written; 1 guide or roster errors; 2 usage or I/O error, or no browser.
        """)

    @Argument(help: "The guide: a file, or an installed guide's id.", completion: .file(extensions: ["md"]))
    var guide: String

    @Option(name: .long, help: ArgumentHelp("The roster to take the seller from (with --seller).", valueName: "file"))
    var roster: String?

    @Option(name: .long, help: ArgumentHelp("The seller's id in the roster (with --roster).", valueName: "id"))
    var seller: String?

    @Option(
      name: .long,
      help: ArgumentHelp(
        "Output format: html, pdf or md.",
        discussion:
          "Defaults to the output file's extension (.html, .htm, .pdf, .md, .markdown), else html. Another extension needs --format, and a known one must agree with it."
      ))
    var format: RunbookFormat?

    @Option(
      name: [.short, .customLong("output")],
      help: ArgumentHelp(
        "The file to write; '-' or none writes HTML or Markdown to standard output.", valueName: "file"))
    var output: String?

    @Option(name: .long, help: ArgumentHelp("A folder to look for screenshots in (repeatable).", valueName: "dir"))
    var screenshots: [String] = []

    @Option(
      name: .long, help: ArgumentHelp("The browser that prints the PDF, a path or a name on PATH.", valueName: "path"))
    var browser: String?

    @Option(
      name: .long,
      help: ArgumentHelp(
        "The paper to print on: a4 or letter.",
        discussion: "Default: the seller's 'paper' variable (a data-table column or roster field), else a4."))
    var paper: RunbookPaper?

    @Flag(name: .long, help: "Treat warnings (a value the roster does not give) as errors: write no runbook.")
    var strict = false

    @Option(name: .long, help: ArgumentHelp("The date on the cover, YYYY-MM-DD (default: today).", valueName: "date"))
    var date: String?

    func validate() throws {
      if (roster == nil) != (seller == nil) {
        throw ValidationError(
          "--roster and --seller go together: give both for one seller's runbook, or neither for a generic one.")
      }
      if let date, RunbookDate(date) == nil {
        throw ValidationError("--date takes a date written YYYY-MM-DD, such as 2025-03-31.")
      }
      let format: RunbookFormat
      do {
        format = try RunbookFormat.resolve(explicit: self.format, output: output)
      } catch {
        throw ValidationError("\(error).")
      }
      if format == .pdf && (output == nil || output == "-") {
        throw ValidationError("a PDF needs an output file: pass -o FILE.pdf.")
      }
    }

    private var resolvedFormat: RunbookFormat {
      (try? RunbookFormat.resolve(explicit: format, output: output)) ?? .html
    }

    func run() throws {
      let started = Date()
      let terminal = Terminal.current()
      let reporter = TextReporter(color: terminal.colorStderr)
      func fail(_ message: String) -> ExitCode {
        StandardError.write("error: \(message)\n")
        return ExitStatus.usage.exitCode
      }
      let format = resolvedFormat
      let runbookDate = date.flatMap { RunbookDate($0) } ?? RunbookDate.today()

      // Find the browser before the work, so a missing one fails at once.
      var printer: ChromiumPrinter?
      if format == .pdf {
        do {
          printer = ChromiumPrinter(browser: try BrowserLocator.locate(explicit: browser))
        } catch {
          throw fail("\(error)")
        }
      }

      var folders: [String] = []
      for folder in screenshots {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue {
          folders.append(folder)
        } else {
          StandardError.write("warning: the screenshot folder \(folder) does not exist\n")
        }
      }
      let resolver = GuideResolver()
      let guide = try GuideArgument.resolve(self.guide, command: "runbook", resolver: resolver).path
      guard FileManager.default.isReadableFile(atPath: guide) else { throw fail("cannot read the guide \(guide)") }
      let loaded = GuideLoader(screenshotFolders: folders).load(file: guide)
      let guideErrors = loaded.diagnostics.filter { $0.severity == .error }
      guard let model = loaded.guide, guideErrors.isEmpty else {
        StandardError.write(reporter.report(Diagnostic.sortedForReport(guideErrors), rules: []))
        StandardError.write("error: the guide has errors; run 'onboard check \(guide)' for details\n")
        throw ExitStatus.findings.exitCode
      }
      let missingScreenshots = loaded.missingScreenshotWarnings
      if !missingScreenshots.isEmpty {
        StandardError.write(reporter.report(missingScreenshots, rules: []))
      }

      // The cover's lines about the seller are data of the guide's template set (runbook.yml).
      var cover: RunbookCover?
      if let set = try? resolver.templateSet(
        explicit: nil, name: model.metadata.templates.first, guideFile: guide, holding: RunbookCover.fileName),
        let loaded = RunbookCover.load(templateSet: set.path)
      {
        switch loaded {
        case .success(let read): cover = read
        case .failure(let list):
          StandardError.write(reporter.report(list.diagnostics, rules: []))
          StandardError.write("error: the template set's \(RunbookCover.fileName) has errors; no runbook written\n")
          throw ExitStatus.findings.exitCode
        }
      }

      var document: RunbookDocument
      if let roster, let seller {
        let outcome: SellerRunbookPlanner.Outcome
        do {
          // The missing-value marker is data of the guide's template set (its layout.yml).
          // A guide without a usable template set still has a runbook, with the default marker.
          let layout = try? resolver.layout(
            templateSet: resolver.templateSet(
              explicit: nil, name: model.metadata.templates.first, guideFile: guide, holding: "layout.yml"
            ).path
          ).layout.chosen(model.metadata.layout)
          outcome = try SellerRunbookPlanner(guide: model, layout: layout)
            .plan(sellerID: seller, roster: roster)
        } catch {
          throw fail("\(error)")
        }
        switch outcome {
        case .planned(let plan):
          if !plan.warnings.isEmpty {
            StandardError.write(reporter.report(plan.warnings, rules: RosterRules.descriptors))
            if strict {
              StandardError.write("error: no runbook written for '\(seller)' (--strict)\n")
              throw ExitStatus.findings.exitCode
            }
          }
          document = RunbookDocument(plan: plan, guide: model, date: runbookDate)
        case .problems(let diagnostics):
          StandardError.write(reporter.report(diagnostics, rules: RosterRules.descriptors))
          StandardError.write("error: no runbook written for '\(seller)'\n")
          throw ExitStatus.findings.exitCode
        case .notFound:
          throw fail(SellerIDHint.message(missing: [seller], roster: roster))
        }
      } else {
        document = RunbookDocument(genericFor: model, date: runbookDate)
      }
      document.cover = cover
      do {
        document.paper = try RunbookPaper.choose(explicit: paper, variables: document.variables)
      } catch let unknown as RunbookPaper.UnknownPaper {
        if let seller = document.seller {
          StandardError.write(
            reporter.report([RunbookPaper.diagnostic(unknown, seller: seller, guide: model)], rules: []))
          StandardError.write("error: no runbook written for '\(seller.id)'\n")
        } else {
          StandardError.write("error: \(unknown)\n")
        }
        throw ExitStatus.findings.exitCode
      }

      let destination = output == "-" ? nil : output
      let bytes: [UInt8]
      do {
        switch format {
        case .html:
          bytes = Array(try HTMLRunbookRenderer(images: RunbookImages(guide: model)).render(document).utf8)
        case .md:
          let folder = destination.map { PathParts.folder(of: $0) } ?? "."
          bytes = Array(
            try MarkdownRunbookRenderer(outputDirectory: folder.isEmpty ? "." : folder).render(document).utf8)
        case .pdf:
          guard let printer else { throw fail("no browser to print with") }
          if let major = printer.majorVersion(), major < ChromiumPrinter.marginBoxesSince {
            StandardError.write(
              "warning: \(printer.browser) is version \(major); the footer (page numbers, guide id) needs Chromium \(ChromiumPrinter.marginBoxesSince) or later\n"
            )
          }
          defer { printer.close() }
          let printed = try PaginatedRunbookPrinter(
            printer: printer, pageText: PDFPageText.locate(), images: RunbookImages(guide: model)
          ).print(document)
          for warning in printed.warnings { StandardError.write("warning: \(warning)\n") }
          bytes = printed.pdf
        }
      } catch let refused as MarkdownFiller.UnsafeLink {
        StandardError.write("error: the variable '\(refused.variable)' cannot be a link: \(refused.reason)\n")
        throw ExitStatus.findings.exitCode
      } catch let exit as ExitCode {
        throw exit
      } catch {
        throw fail("\(error)")
      }

      guard let destination else {
        StandardOutput.write(bytes: bytes)
        return
      }
      do {
        try AtomicFile.write(bytes, to: destination)
      } catch {
        throw fail("\(error)")
      }
      if terminal.stderrIsTerminal {
        let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
        let who = document.seller.map { "'\($0.id)'" } ?? "generic"
        StandardError.write(
          "wrote \(destination) (\(format.rawValue), \(who), \(document.steps.count) steps) in \(seconds) s\n")
      }
    }
  }
}
