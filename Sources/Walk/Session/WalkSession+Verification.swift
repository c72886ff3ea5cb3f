import CredentialSpecs
import Foundation
import Verification

/// `onboard walk --verify`: the guide's `verify:` check, made as soon as the values it sends
/// are collected and before anything is written. Nothing shown holds a value or unredacted
/// server text: results are described by the verifier's summary, the suspected credential keys
/// and the guide's fix.
extension WalkSession {
  /// Rounds of rejected values after which the walk stops.
  static let verificationRounds = 3

  /// Runs the check when `--verify` asked for it, it has not settled yet, and every value the
  /// check sends is collected (`final`: at the write, whatever is missing; the check says so).
  /// - Throws: ``Failure/credentialsRejected(_:)`` when a value stays wrong or the person stops;
  ///   ``Failure/credentialsUnchecked(_:)`` when the check could not be made and the person
  ///   does not write anyway.
  func verifyIfReady(final: Bool) throws {
    guard let verification = options.verification, !verificationSettled,
      let spec = guide.credentials.verification
    else { return }
    guard final || spec.roleKeys.allSatisfy({ values[$0] != nil }) else { return }
    let verifier = CredentialVerifier(spec: spec, options: verification, order: guide.credentials.keys)
    let variables = dataTableRow
    let host = Self.hostWords(verification.tokenURL ?? spec.tokenURL, variables: variables)
    var round = 1
    while true {
      io.show("\n  Checking the credentials with \(host)…\n")
      var sent: [String: String] = [:]
      for key in spec.roleKeys { sent[key] = values[key] }
      let result = verifier.verify(values: sent, variables: variables)
      events(
        .verified(
          result,
          values: spec.roleKeys.compactMap { key in sent[key].map { WalkEvent.CollectedValue(key: key, value: $0) } }
        ))
      let said = result.serverDescription.map { " The server said: “\(TerminalText.inert($0))”." } ?? ""
      switch result.outcome {
      case .passed:
        let skipped = result.probeSkipped.map { "; the probe did not run: \(TerminalText.inert($0))" } ?? ""
        io.show("  Passed: the credentials work (\(TerminalText.inert(result.summary))\(skipped)).\n")
        verificationSettled = true
        return
      case .notChecked:
        io.show(
          "  Not checked: \(TerminalText.inert(result.summary)). This says nothing about the values.\(said)\n")
        if let fix = result.fix { io.show("    \(TerminalText.inert(fix))\n") }
        if options.acceptChecks {
          io.show("  Warning: the credentials are written without the check (--yes).\n")
        } else if try !io.askYesNo("  Write the credentials anyway?") {
          throw Failure.credentialsUnchecked(
            "the credentials could not be checked with \(host), and were not written")
        }
        verificationSettled = true
        return
      case .wrong:
        let suspected = result.suspected.isEmpty ? spec.roleKeys : result.suspected
        let named = suspected.joined(separator: " and ")
        io.show("  Wrong: \(TerminalText.inert(result.summary)), which points at \(named).\(said)\n")
        let fix = result.fix ?? "Copy \(named) again from where the guide says it comes from."
        io.show("    \(TerminalText.inert(fix))\n")
        guard round < Self.verificationRounds else {
          throw Failure.credentialsRejected(
            "\(host) rejected the credentials \(Self.verificationRounds) times (\(named)); nothing was written")
        }
        guard try io.askYesNo("  Check again? (y: paste \(named) again; n: stop without writing)") else {
          throw Failure.credentialsRejected("\(host) rejected the credentials (\(named)); nothing was written")
        }
        for key in suspected {
          guard let credential = guide.credentials[key: key] else { continue }
          try collect(credential, again: true)
        }
        round += 1
      }
    }
  }

  /// The seller's data-table row: the only source of the addresses' `{{variables}}`, as for
  /// `onboard verify` (never a roster field, so no roster row can send secrets elsewhere).
  var dataTableRow: [String: String] {
    guard let table = guide.dataTable, let dataKey = guide.metadata.dataKey,
      let key = plan.seller.fields[dataKey], let row = table.row(key)
    else { return [:] }
    return row.values
  }

  /// The token endpoint's host (and port) for messages; its `{{variables}}` filled from `variables`.
  static func hostWords(_ address: String, variables: [String: String]) -> String {
    var filled = address
    for (name, value) in variables { filled = filled.replacingOccurrences(of: "{{\(name)}}", with: value) }
    guard let components = URLComponents(string: filled), let host = components.host, !host.isEmpty else {
      return "the token endpoint"
    }
    return TerminalText.inert(components.port.map { "\(host):\($0)" } ?? host)
  }
}
