/// Where the ledger is: `--ledger PATH`, else `ONBOARD_LEDGER`, else
/// `$XDG_STATE_HOME/onboard/ledger.sqlite` (`~/.local/state/onboard/ledger.sqlite` when
/// `XDG_STATE_HOME` is unset or not absolute); `nil` with `--no-ledger`.
public enum LedgerLocation {
  /// The environment variable that names the ledger.
  public static let environmentVariable = "ONBOARD_LEDGER"

  /// The ledger's path, or `nil` when nothing is to be recorded.
  public static func path(explicit: String?, disabled: Bool, environment: [String: String]) -> String? {
    if disabled { return nil }
    if let explicit, !explicit.isEmpty { return explicit }
    if let named = environment[environmentVariable], !named.isEmpty { return named }
    if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
      return state + "/onboard/ledger.sqlite"
    }
    let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "."
    return home + "/.local/state/onboard/ledger.sqlite"
  }
}
