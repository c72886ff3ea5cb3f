import ArgumentParser
import CredentialLint
import CredentialSpecs
import Foundation
import GuideKit
import GuideLocating
import Ledger
import OnboardDiagnostics
import OnboardSupport
import Roster
import Verification

extension OnboardCommand {
  /// `onboard verify`: proves credentials with the service, as the guide's `verify:` declares.
  struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "verify",
      abstract: "Prove that filled-in credentials work, with the service's own token endpoint.",
      discussion: """
        For each account in the files (a credentials.yml account section, a .env file's \
        suffixed names, a JSON file), runs the check the guide's credentials block declares \
        under verify: an OAuth 2.0 refresh-token exchange with the account's client id, \
        client secret and refresh token, then, when the guide declares a probe, one read-only \
        API call with the access token. A rejected credential is reported at its value's \
        file:line:column with the guide's words for the fix; no value, access token or \
        unredacted server text is ever shown.

        Addresses come from the guide, its data table (the seller's row, with --roster) and \
        --token-url / --api-endpoint only, never from a roster field. https:// always; \
        http:// only to 127.0.0.1, ::1 or localhost. No redirect is followed. HTTPS_PROXY and \
        NO_PROXY are honoured. Each request has a timeout; 429 and 5xx answers are retried at \
        most twice, after Retry-After (up to 30 s) or a short backoff. At most --jobs accounts \
        are checked at a time.

        Each account's result is recorded in the ledger (docs/ledger.md): per credential the \
        check sent, the result, the credential's verdict and its value's fingerprint (never the \
        value), in one transaction; --no-ledger records nothing.

        Exit codes: 0 every account passed; 1 a credential is shown to be wrong; 2 usage \
        error, or an account that could not be checked (no answer, rate limited, server error, \
        a value missing), or a ledger that cannot be opened or written.
        """)

    @Argument(help: "Credential files: credentials.yml, .env or JSON.", completion: .file())
    var files: [String] = []

    @OptionGroup var credentialSetup: CredentialSetupOptions

    @Option(name: .long, help: ArgumentHelp("Check only this account; repeatable.", valueName: "name"))
    var account: [String] = []

    @Option(
      name: .long,
      help: ArgumentHelp(
        "A roster: each account is checked against its seller's data-table row (the probe's endpoint).",
        valueName: "file"))
    var roster: String?

    @OptionGroup var report: ReportOptions

    @Flag(name: .customLong("no-probe"), help: "Skip the guide's read-only API call; only exchange the token.")
    var noProbe = false

    @Option(
      name: .customLong("token-url"),
      help: ArgumentHelp("Use this token endpoint instead of the guide's (a sandbox, a test server).", valueName: "url")
    )
    var tokenURL: String?

    @Option(
      name: .customLong("api-endpoint"),
      help: ArgumentHelp("Use this scheme, host and port for the probe instead of the guide's.", valueName: "url"))
    var apiEndpoint: String?

    @Option(
      name: [.customLong("timeout"), .customLong("verify-timeout")],
      help: ArgumentHelp("Seconds one request may take.", valueName: "seconds"))
    var timeout: Double = 10

    @Option(name: .long, help: ArgumentHelp("Accounts checked at a time (1-16).", valueName: "n"))
    var jobs: Int = 4

    @OptionGroup var ledgerOptions: LedgerOptions

    func validate() throws {
      guard !files.isEmpty else { throw ValidationError("Name at least one credential file.") }
      guard timeout > 0, timeout <= 300 else { throw ValidationError("--timeout must be between 0 and 300 seconds.") }
      guard (1...16).contains(jobs) else { throw ValidationError("--jobs must be between 1 and 16.") }
      for (name, value) in [("--token-url", tokenURL), ("--api-endpoint", apiEndpoint)] {
        if let value, let problem = VerificationAddress.problem(value) {
          throw ValidationError("\(name) cannot be used: \(problem).")
        }
      }
    }

    /// One account to check: where its values are, and what fills the addresses.
    struct AccountCheck: Sendable {
      var file: String
      var name: String
      var values: [String: String]
      var locations: [String: DiagnosticLocation]
      var location: DiagnosticLocation
      var variables: [String: String]
      var problem: String?
    }

    func run() throws {
      let setup: CredentialSetup
      do {
        setup = try credentialSetup.load()
      } catch {
        throw UsageError(message: "onboard verify: \(error.description)")
      }
      guard let spec = setup.credentials.credentials.verification else {
        throw UsageError(
          message:
            "onboard verify: the guide \(setup.guideLocation.path) declares no check (a verify: key in its credentials block); docs/guide-format.md shows one"
        )
      }
      let rows = try rosterRows(guidePath: setup.guideLocation.path, setup: setup)
      let linter = setup.linter(checkPermissions: false)
      var diagnostics: [Diagnostic] = []
      var checks: [AccountCheck] = []
      var unreadable = false
      for file in files {
        let (found, problem) = readAccounts(file, linter: linter, layout: setup.layout)
        checks += found
        if let problem {
          diagnostics.append(problem)
          unreadable = true
        }
      }
      if !account.isEmpty {
        let present = Set(checks.map(\.name))
        if let absent = account.first(where: { !present.contains($0) }) {
          throw UsageError(message: "onboard verify: no file has the account '\(absent)'")
        }
        checks = checks.filter { account.contains($0.name) }
      }
      if let rows {
        for index in checks.indices {
          if let row = rows[checks[index].name] {
            checks[index].variables = row
          } else {
            checks[index].problem = "no seller in \(roster ?? "the roster") has the account '\(checks[index].name)'"
          }
        }
      }
      // A ledger that cannot be opened stops the command before any request, as for packets.
      let ledger = try ledgerOptions.open(command: "verify")
      let verifier = CredentialVerifier(
        spec: spec,
        options: VerificationOptions(
          timeout: timeout, probe: !noProbe, tokenURL: tokenURL, apiEndpoint: apiEndpoint),
        order: setup.credentials.credentials.keys)
      let results = VerificationBatch.run(checks, jobs: jobs) { check -> VerificationResult? in
        check.problem == nil ? verifier.verify(values: check.values, variables: check.variables) : nil
      }
      var wrongRules: [String] = []
      var anyWrong = false
      var anyUnchecked = unreadable
      for (check, result) in zip(checks, results) {
        guard let result else {
          anyUnchecked = true
          diagnostics.append(
            Diagnostic(
              severity: .error, ruleID: VerificationRules.couldNotCheck,
              message: "Account '\(check.name)' could not be checked: \(check.problem ?? "")",
              location: check.location, fix: "Add the seller to the roster, or leave out --roster."))
          continue
        }
        switch result.outcome {
        case .wrong:
          anyWrong = true
          wrongRules.append(result.ruleID)
        case .notChecked: anyUnchecked = true
        case .passed: break
        }
        diagnostics += Self.diagnostics(for: result, check: check)
      }
      if let ledger {
        try record(
          zip(checks, results).compactMap { check, result in result.map { (check, $0) } }, spec: spec, into: ledger)
      }
      let format = report.format ?? ReportFormat.automatic(environment: ProcessInfo.processInfo.environment)
      let sorted = Diagnostic.sortedForReport(diagnostics)
      let reporter = format.makeReporter(color: Terminal.current().colorStdout)
      StandardOutput.write(reporter.report(sorted, rules: VerificationRules.descriptors(wrong: wrongRules)))
      if anyWrong { throw ExitStatus.findings.exitCode }
      if anyUnchecked { throw ExitStatus.usage.exitCode }
    }

    /// Records each account's result in the ledger, in one transaction.
    private func record(_ checked: [(AccountCheck, VerificationResult)], spec: VerificationSpec, into ledger: Ledger)
      throws
    {
      let now = LedgerOptions.now
      let by = LedgerOptions.currentUser
      let events = checked.flatMap { check, result in
        VerificationRecord.events(
          result, account: check.name, values: check.values, roleKeys: spec.roleKeys, ledger: ledger, source: "verify",
          by: by, at: now)
      }
      do {
        try ledger.record(events)
      } catch {
        StandardError.write("onboard verify: the accounts were checked, but \(error)\n")
        throw ExitStatus.usage.exitCode
      }
    }

    // MARK: - Results as diagnostics

    static func diagnostics(for result: VerificationResult, check: AccountCheck) -> [Diagnostic] {
      let said = result.serverDescription.map { " The server said: “\($0)”." } ?? ""
      switch result.outcome {
      case .passed:
        let skipped = result.probeSkipped.map { " The probe did not run: \($0)." } ?? ""
        return [
          Diagnostic(
            severity: .note, ruleID: result.ruleID,
            message: "Account '\(check.name)': the credentials work (\(result.summary)).\(skipped)",
            location: check.location)
        ]
      case .notChecked:
        let words =
          result.ruleID == VerificationRules.missingCredential
          ? "Account '\(check.name)' cannot be checked: \(result.summary)."
          : "Account '\(check.name)' could not be checked: \(result.summary). This says nothing about the values.\(said)"
        return [
          Diagnostic(
            severity: .error, ruleID: result.ruleID, message: words, location: check.location,
            fix: result.fix ?? "Try again later, or check the address, the network and HTTPS_PROXY.")
        ]
      case .wrong:
        return result.suspected.map { key in
          let others = result.suspected.filter { $0 != key }
          let with = others.isEmpty ? "" : " (with \(others.joined(separator: " and ")))"
          return Diagnostic(
            severity: .error, ruleID: result.ruleID,
            message:
              "Account '\(check.name)': \(result.summary), which points at \(key)\(with).\(said)",
            location: check.locations[key] ?? check.location,
            fix: result.fix ?? "Copy \(key) again from where the guide says it comes from.")
        }
      }
    }

    // MARK: - Reading

    /// Each account of a file, with its values and where they are.
    private func readAccounts(_ path: String, linter: CredentialLinter, layout: ServiceLayout) -> (
      checks: [AccountCheck], problem: Diagnostic?
    ) {
      let fileStart = DiagnosticLocation(file: path, line: 1, column: 1)
      let document: CredentialDocument
      do {
        let contents = try InputFile.readWithMode(path, limits: .credentialFile)
        let fileLayout = try linter.chooseLayout(path: path, bytes: contents.bytes, as: credentialSetup.layoutName)
        document = linter.parse(bytes: contents.bytes, file: path, layout: fileLayout)
      } catch let error as InputFile.ReadError {
        return (
          [],
          Diagnostic(
            severity: .error, ruleID: VerificationRules.unreadableFile,
            message: "Cannot read \(path): \(error.reason).", location: fileStart)
        )
      } catch {
        return (
          [],
          Diagnostic(
            severity: .error, ruleID: VerificationRules.unreadableFile,
            message: "Cannot tell the layout of \(path).", location: fileStart, fix: "Give --as yaml, env or json.")
        )
      }
      if document.isUnreadable {
        return (
          [],
          Diagnostic(
            severity: .error, ruleID: VerificationRules.unreadableFile,
            message: "\(path) cannot be read as credentials (onboard lint says why).", location: fileStart,
            fix: "Run onboard lint \(path).")
        )
      }
      let source = document.source
      var order: [String] = []
      var found: [String: AccountCheck] = [:]
      let perAccountYAML = document.format == .yaml && document.layout.kind == .accountsYAML
      for entry in document.effectiveEntries {
        guard let key = entry.specKey, entry.loadedType == .string else { continue }
        if perAccountYAML && entry.account == nil { continue }
        let name = entry.account ?? layout.defaultAccount
        if found[name] == nil {
          let declared = document.accounts.first { ($0.name ?? layout.defaultAccount) == name }
          order.append(name)
          found[name] = AccountCheck(
            file: path, name: name, values: [:], locations: [:],
            location: source.location(declared?.span ?? entry.keySpan), variables: [:])
        }
        found[name]?.values[key] = entry.value
        found[name]?.locations[key] = source.location(entry.valueOrKeySpan)
      }
      return (order.compactMap { found[$0] }, nil)
    }

    /// With --roster: each account's data-table row (the only source of address variables).
    private func rosterRows(guidePath: String, setup: CredentialSetup) throws -> [String: [String: String]]? {
      guard let roster else { return nil }
      let loaded = GuideLoader().load(file: guidePath)
      guard let guide = loaded.guide else {
        throw UsageError(message: "onboard verify: cannot load the guide \(guidePath) (run onboard check)")
      }
      let source: any RosterSource
      do {
        source = try RosterReader.open(roster)
      } catch {
        throw UsageError(message: "onboard verify: cannot read the roster \(roster): \(error)")
      }
      let decoder = SellerDecoder(credentials: guide.credentials)
      var rows: [String: [String: String]] = [:]
      while let item = source.next() {
        guard case .record(let record) = item, let seller = decoder.decode(record).seller else { continue }
        guard rows[seller.account] == nil else { continue }
        var values: [String: String] = [:]
        if let table = guide.dataTable, let dataKey = guide.metadata.dataKey, let key = seller.fields[dataKey],
          let row = table.row(key)
        {
          values = row.values
        }
        rows[seller.account] = values
      }
      return rows
    }
  }
}
