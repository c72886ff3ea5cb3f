import Verification

/// How a walk runs and where its values go.
public struct WalkOptions: Sendable {
  /// Where the values go at the end of the walk.
  public enum Destination: Sendable, Equatable {
    /// Merged into this credential file as the seller's account, in the layout of the seller's
    /// `credential_source` (`credential-sources:` in layout.yml): an accounts-yaml section, the
    /// account-suffixed names of a dotenv file, or a python-dict file.
    case file(String)
    /// Printed as `export NAME=value` lines of the environment layout (the explicit
    /// `--print-env` request); nothing is written.
    case printEnvironment
  }

  /// Where the values go.
  public var destination: Destination
  /// `--yes`: accept every check without asking.
  public var acceptChecks: Bool
  /// `--replace`: replace the seller's account in the file without asking.
  public var replaceExisting: Bool
  /// `--restart`: forget the saved progress and walk from the first step.
  public var restart: Bool
  /// Whether to show screenshots as OSC 8 hyperlinks (a terminal whose `TERM` is not `dumb`).
  public var hyperlinks: Bool
  /// The path the guide's `{{credentials_destination}}` shows (`--write PATH` as given);
  /// `nil`: the layout's `destination:` for the seller's credential source.
  public var namedDestination: String?
  /// Whether the walk runs a step's run-marked code blocks (`--run`, `--no-run`,
  /// `--run-timeout`); by default here, never (the command line asks).
  public var run = RunOptions(mode: .never)
  /// Whether to style text with ANSI (bold, code): a terminal, `NO_COLOR` unset, `TERM` not `dumb`.
  public var styled = false
  /// `--verify`: prove the credentials with the guide's `verify:` check before they are
  /// written (timeout, probe, address overrides); `nil`: no check.
  public var verification: VerificationOptions?

  /// Creates options.
  public init(
    destination: Destination, acceptChecks: Bool = false, replaceExisting: Bool = false,
    restart: Bool = false, hyperlinks: Bool = false, namedDestination: String? = nil
  ) {
    self.namedDestination = namedDestination
    self.destination = destination
    self.acceptChecks = acceptChecks
    self.replaceExisting = replaceExisting
    self.restart = restart
    self.hyperlinks = hyperlinks
  }
}
