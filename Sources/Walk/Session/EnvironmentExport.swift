import CredentialSpecs
import Foundation

/// The `export NAME=value` lines of a service's environment layout for one account, as
/// `--print-env` prints them: names from the specs' `env` with the layout's account suffix,
/// values single-quoted for a POSIX shell (a `'` inside becomes `'\''`).
///
/// These lines necessarily contain the values; they are printed only on explicit request.
public enum EnvironmentExport {
  /// The lines, one per value whose spec has an environment name, in spec order, each ending
  /// with a line break.
  public static func lines(
    _ values: [(key: String, value: String)], specs: CredentialSpecSet, layout: ServiceLayout, account: String
  ) -> String {
    var output = ""
    for (key, value) in values {
      guard let env = specs[key: key]?.env else { continue }
      output += "export \(layout.envName(env, account: account))=\(shellQuoted(value))\n"
    }
    return output
  }

  /// The keys that have no environment name, so cannot be exported.
  public static func keysWithoutEnvironmentName(_ keys: [String], specs: CredentialSpecSet) -> [String] {
    keys.filter { specs[key: $0]?.env == nil }
  }

  /// `value` as one single-quoted POSIX shell word.
  public static func shellQuoted(_ value: String) -> String {
    "'" + value.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }
}
