import ArgumentParser
import GuideLocating

/// Options shared by the commands that read filled-in credential files against a guide (`lint`,
/// `verify`): the guide that declares the credentials, its template set, and the layout to read
/// every file as.
struct CredentialSetupOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "The guide whose credentials block applies: a file, or an installed guide's id (default: the default guide, as 'onboard guides --default' names it).",
      valueName: "guide"))
  var guide: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "A template set folder (with layout.yml), or a folder of template sets (default: the guide's own).",
      valueName: "dir"))
  var templates: String?

  @Option(
    name: .customLong("as"),
    help: ArgumentHelp("Read every file as this layout: yaml, env or json.", valueName: "format"))
  var layoutName: String?

  /// The guide's credentials and its template set's layout (see ``GuideLocating/CredentialSetup``).
  /// - Throws: ``GuideLocating/ResolutionError`` when the guide or the template set cannot be used.
  func load() throws(ResolutionError) -> CredentialSetup {
    try CredentialSetup.load(guide: guide, templates: templates)
  }
}
