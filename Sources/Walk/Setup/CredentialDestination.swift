import CredentialSpecs
import Foundation
import Roster

/// Where a walk writes a seller's credentials when `--write` is not given: the `destination:`
/// of the layout's file for the seller's `credential_source`, with `{{account}}` filled in and
/// a leading `~` expanded against `$HOME` (or, when `HOME` is unset, the user's home folder from
/// the system's user database, so that no folder named `~` is ever created).
public enum CredentialDestination {
  /// The default path for a seller, or `nil` when the layout has no file for their source.
  public static func defaultPath(for seller: Seller, layout: ServiceLayout, environment: [String: String]) -> String? {
    guard let file = layout.file(forSource: seller.credentialSource) else { return nil }
    var environment = environment
    if environment["HOME", default: ""].isEmpty {
      environment["HOME"] = FileManager.default.homeDirectoryForCurrentUser.path
    }
    return expandingHome(layout.destination(file, account: seller.account), environment: environment)
  }

  /// `path` with a leading `~` or `~/` replaced by `$HOME` (unchanged when `HOME` is unset or
  /// empty, or the path names another user's home, `~name`).
  public static func expandingHome(_ path: String, environment: [String: String]) -> String {
    guard let home = environment["HOME"], !home.isEmpty else { return path }
    if path == "~" { return home }
    guard path.hasPrefix("~/") else { return path }
    let base = home.hasSuffix("/") ? String(home.dropLast()) : home
    return base + path.dropFirst()
  }
}
