import ArgumentParser
import Foundation
import GuideLocating
import OnboardSupport

extension OnboardCommand {
  /// `onboard init`: starts a new guide, the way `cargo new` starts a crate.
  struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "init",
      abstract: "Start a new guide: DIR/NAME/NAME.md, a placeholder screenshot and roster.yml.",
      discussion: """
        Writes DIR/NAME/NAME.md, a guide skeleton that uses each element of the format once \
        (front matter, one stage, two steps, one screenshot, a check, a warning and a \
        credentials block with one credential), with comments naming the section of \
        docs/guide-format.md that explains each; DIR/NAME/images/NAME.png, a placeholder \
        screenshot; and DIR/NAME/roster.yml, a one-row roster. The skeleton passes \
        'onboard check --strict' and makes packets at once with the generic template set: \
        onboard packets DIR/NAME/NAME.md --roster DIR/NAME/roster.yml

        --with-templates also copies the generic template set and the shared checklist \
        partials to DIR/NAME/templates/generic and DIR/NAME/templates/shared, for customising; \
        the guide uses that copy when no templates/generic is in the current folder.

        Files that exist are never replaced without --force.

        Exit codes: 0 written; 2 usage or I/O error (nothing written when a file exists).
        """)

    @Argument(help: "The guide's name: its id, folder and file name (letters, digits, - and _).")
    var name: String

    @Option(name: .long, help: ArgumentHelp("The folder to create NAME/ in.", valueName: "dir"))
    var dir: String = "."

    @Flag(name: .long, help: "Also copy the generic template set next to the guide, for customising.")
    var withTemplates = false

    @Flag(name: .long, help: "Replace the skeleton's files where they exist.")
    var force = false

    func run() throws {
      do {
        let skeleton = try GuideSkeleton(name: name)
        var templateSet: String?
        if withTemplates {
          let folder = (dir as NSString).appendingPathComponent(name)
          templateSet = try GuideResolver().templateSet(
            explicit: nil, name: GuideResolver.fallbackTemplateSet,
            guideFile: (folder as NSString).appendingPathComponent("\(name).md"), holding: "layout.yml"
          ).path
        }
        let written = try skeleton.write(into: dir, templateSet: templateSet, force: force)
        let folder = dir == "." ? name : (dir as NSString).appendingPathComponent(name)
        let guide = (folder as NSString).appendingPathComponent("\(name).md")
        let roster = (folder as NSString).appendingPathComponent("roster.yml")
        StandardOutput.write(
          "wrote \(written.count) files; next: onboard check \(guide) && onboard packets \(guide) --roster \(roster)\n")
      } catch {
        StandardError.write("error: \(error)\n")
        throw ExitStatus.usage.exitCode
      }
    }
  }
}
