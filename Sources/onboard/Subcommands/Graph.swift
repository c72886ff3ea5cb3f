import ArgumentParser
import Foundation
import GuideKit
import GuideLocating
import OnboardDiagnostics
import OnboardSupport

extension GraphFormat: ExpressibleByArgument {}

extension OnboardCommand {
  /// `onboard graph`: prints a guide's step graph.
  struct Graph: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "graph",
      abstract: "Print a guide's step graph as JSON, Graphviz DOT or Mermaid.",
      discussion: """
        Nodes are stages, steps, credentials, screenshots, checks, notes and preconditions; \
        edges are next, contains, requires, produces, consumes, illustrates and checks. \
        Stages, steps and notes carry their conditions, and alternative steps are drawn as \
        branches labelled with their condition. Render DOT with `dot -Tsvg`; paste Mermaid into \
        a ```mermaid block on GitHub.

        Errors in the guide are printed to standard error; the graph is still printed when the \
        guide could be read. Exit code 1 if the guide has errors, 2 if it cannot be read.
        """)

    @Argument(help: "The guide: a file, or an installed guide's id.", completion: .file(extensions: ["md"]))
    var guide: String

    @Option(name: .long, help: "Output format: json, dot or mermaid.")
    var format: GraphFormat = .json

    @Option(name: .long, help: ArgumentHelp("A folder to look for screenshots in (repeatable).", valueName: "dir"))
    var screenshots: [String] = []

    func run() throws {
      let guide = try GuideArgument.resolve(self.guide, command: "graph").path
      let result = GuideLoader(screenshotFolders: screenshots).load(file: guide)
      let errors = result.diagnostics.filter { $0.severity == .error }
      if !errors.isEmpty {
        StandardError.write(TextReporter(color: Terminal.current().colorStderr).report(errors, rules: []))
      }
      guard let loaded = result.guide else { throw ExitStatus.usage.exitCode }
      let graph = StepGraph(guide: loaded)
      if format == .json {
        JSONGraphRenderer().write(graph) { Self.writeStandardOutput($0) }
      } else {
        format.renderer.renderUTF8(graph).withUnsafeBytes { Self.writeStandardOutput($0) }
      }
      // A large guide's tree takes a noticeable share of the run to free; the process is about
      // to end, so end it while the values are still alive.
      withExtendedLifetime((result, graph)) {
        Foundation.exit(errors.isEmpty ? ExitStatus.clean.rawValue : ExitStatus.findings.rawValue)
      }
    }

    /// Writes the bytes to standard output as they are (no copy into `Data`); a failed write
    /// ends the command (``StandardOutput``).
    static func writeStandardOutput(_ buffer: UnsafeRawBufferPointer) {
      StandardOutput.write(buffer)
    }
  }
}
