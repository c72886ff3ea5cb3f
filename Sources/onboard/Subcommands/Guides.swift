import ArgumentParser
import Foundation
import GuideLocating
import OnboardSupport

extension OnboardCommand {
  /// `onboard guides`: lists the installed guides.
  struct Guides: ParsableCommand {
    /// How the list is printed.
    enum Format: String, ExpressibleByArgument, CaseIterable {
      case text, json
    }

    static let configuration = CommandConfiguration(
      commandName: "guides",
      abstract: "List the installed guides: id, version, title and path.",
      discussion: """
        Guides are looked for in guides/ of: the current folder, the checkout that holds the \
        binary, $XDG_DATA_HOME/onboard (default ~/.local/share/onboard), each of \
        $XDG_DATA_DIRS (default /usr/local/share:/usr/share) plus /onboard, and share/onboard \
        beside the binary's bin/ folder, in that order. A guide whose id an earlier folder \
        already has is not listed. Any command that takes a guide takes one of these ids; a \
        file of that name wins.

        Exit codes: 0 listed; 1 a file in a guides/ folder cannot be read as a guide; 2 usage \
        or I/O error.
        """)

    @Option(name: .long, help: "Output format: text or json.")
    var format: Format = .text

    @Flag(name: .long, help: "Print only the default guide and its template set, with where each came from.")
    var `default` = false

    func run() throws {
      if `default` {
        StandardOutput.write(GuideSources.describeDefault())
        return
      }
      let (guides, problems) = GuideResolver().installedGuides()
      switch format {
      case .text:
        let idWidth = guides.map(\.id.count).max() ?? 0
        let versionWidth = guides.map(\.version.count).max() ?? 0
        for guide in guides {
          let id = guide.id.padding(toLength: idWidth, withPad: " ", startingAt: 0)
          let version = guide.version.padding(toLength: versionWidth, withPad: " ", startingAt: 0)
          StandardOutput.write("\(id)  \(version)  \(guide.title)  \(guide.location.path)\n")
        }
      case .json:
        let entries: [[String: String]] = guides.map {
          [
            "id": $0.id, "version": $0.version, "title": $0.title, "path": $0.location.path,
            "origin": "\($0.location.origin)",
          ]
        }
        let data = try JSONSerialization.data(withJSONObject: entries, options: [.sortedKeys, .prettyPrinted])
        StandardOutput.write(String(decoding: data, as: UTF8.self) + "\n")
      }
      for problem in problems { StandardError.write("onboard guides: warning: \(problem.description)\n") }
      if !problems.isEmpty { throw ExitStatus.findings.exitCode }
    }
  }
}
