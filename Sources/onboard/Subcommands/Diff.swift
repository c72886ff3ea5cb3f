import ArgumentParser
import Foundation
import GuideKit
import OnboardDiagnostics
import OnboardSupport

extension OnboardCommand {
  /// `onboard diff OLD NEW`: what changed between two versions of a guide, step by step id.
  struct Diff: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable {
      case text, json
    }

    static let configuration = CommandConfiguration(
      commandName: "diff",
      abstract: "Compare two versions of a guide step by step id.",
      discussion: """
        Lists the steps that were added, removed, moved (to another stage, or to another place \
        among the steps both versions have) or changed in text (title, body, notes), checks, \
        conditions, credentials or screenshots, with each step's line in both files. A step that \
        only shifted down the file is not a change.

        Exit codes, as diff(1): 0 no differences; 1 differences; 2 usage error, or a guide that \
        cannot be read or has errors.
        """)

    @Argument(help: "The old version of the guide.", completion: .file(extensions: ["md"]))
    var old: String

    @Argument(help: "The new version of the guide.", completion: .file(extensions: ["md"]))
    var new: String

    @Option(name: .long, help: "Output format: text or json.")
    var format: Format = .text

    func run() throws {
      let reporter = TextReporter(color: Terminal.current().colorStderr)
      func load(_ path: String) throws -> Guide {
        guard FileManager.default.isReadableFile(atPath: path) else {
          StandardError.write("onboard diff: cannot read \(path)\n")
          throw ExitStatus.usage.exitCode
        }
        let loaded = GuideLoader().load(file: path)
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        guard let guide = loaded.guide, errors.isEmpty else {
          StandardError.write(reporter.report(Diagnostic.sortedForReport(errors), rules: []))
          StandardError.write("onboard diff: \(path) has errors; run 'onboard check \(path)'\n")
          throw ExitStatus.usage.exitCode
        }
        return guide
      }
      let diff = GuideDiff(old: try load(old), new: try load(new))
      StandardOutput.write(format == .json ? json(diff) : text(diff))
      if !diff.isEmpty { throw ExitStatus.findings.exitCode }
    }

    func text(_ diff: GuideDiff) -> String {
      guard !diff.isEmpty else { return "" }
      var lines: [String] = []
      for change in diff.changes {
        var line = "\(change.kind.rawValue) \(change.step)"
        if let oldLine = change.oldLine { line += " \(old):\(oldLine)" }
        if let newLine = change.newLine { line += " \(new):\(newLine)" }
        if change.kind == .moved, let from = change.oldStage, let to = change.newStage, from != to {
          line += " (stage \(from) -> \(to))"
        }
        if !change.aspects.isEmpty { line += ": " + change.aspects.map(\.rawValue).joined(separator: ", ") }
        lines.append(line)
      }
      return lines.joined(separator: "\n") + "\n"
    }

    func json(_ diff: GuideDiff) -> String {
      func quoted(_ text: String?) -> String {
        guard let text else { return "null" }
        var output = "\""
        for scalar in text.unicodeScalars {
          switch scalar {
          case "\"": output += "\\\""
          case "\\": output += "\\\\"
          default:
            if scalar.value < 0x20 {
              output += String(format: "\\u%04x", scalar.value)
            } else {
              output.unicodeScalars.append(scalar)
            }
          }
        }
        return output + "\""
      }
      let changes = diff.changes.map { change in
        "    {\"step\": \(quoted(change.step)), \"change\": \(quoted(change.kind.rawValue)), "
          + "\"old_line\": \(change.oldLine.map(String.init) ?? "null"), "
          + "\"new_line\": \(change.newLine.map(String.init) ?? "null"), "
          + "\"old_stage\": \(quoted(change.oldStage)), \"new_stage\": \(quoted(change.newStage)), "
          + "\"aspects\": [\(change.aspects.map { quoted($0.rawValue) }.joined(separator: ", "))]}"
      }
      return "{\n  \"old\": \(quoted(old)),\n  \"new\": \(quoted(new)),\n  \"changes\": [\n"
        + changes.joined(separator: ",\n") + (changes.isEmpty ? "" : "\n") + "  ]\n}\n"
    }
  }
}
