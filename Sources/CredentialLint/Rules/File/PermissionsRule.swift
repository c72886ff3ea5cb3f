import OnboardDiagnostics

/// `file/permissions`: other users can read (or write) the file.
struct PermissionsRule: LintRule {
  let descriptor = RuleDescriptor(
    id: "file/permissions", summary: "Other users can read or change the file.", defaultSeverity: .warning,
    help:
      "A credential file should be readable by its owner only (mode 0600). Readable by group or others is a warning; writable by them is an error. Run chmod 600 on it (--fix does). Switch the check off with --no-permissions where modes mean nothing."
  )
  var isFixable: Bool { true }

  var examples: [RuleExample] {
    [
      .triggering(".env", "↓DEMO_CLIENT_ID=cid.0123abcd\nDEMO_CLIENT_SECRET=cs.0123456789abcdef\n", mode: 0o644),
      .triggering(".env", "↓DEMO_CLIENT_ID=cid.0123abcd\nDEMO_CLIENT_SECRET=cs.0123456789abcdef\n", mode: 0o666),
      .passing(".env", "DEMO_CLIENT_ID=cid.0123abcd\nDEMO_CLIENT_SECRET=cs.0123456789abcdef\n", mode: 0o600),
      .passing(".env", "DEMO_CLIENT_ID=cid.0123abcd\nDEMO_CLIENT_SECRET=cs.0123456789abcdef\n", mode: 0o400),
    ]
  }

  func check(_ context: LintContext) -> [Diagnostic] {
    guard let mode = context.permissions, mode & 0o077 != 0 else { return [] }
    let octal = String(mode & 0o7777, radix: 8)
    let shown = String(repeating: "0", count: max(0, 4 - octal.count)) + octal
    let writable = mode & 0o022 != 0
    let who = writable ? "other users can change it" : "other users can read it"
    return [
      diagnostic(
        context, "Permissions \(shown) are too open for a credential file: \(who).",
        at: .point(context.document.source.bomLength), severity: writable ? .error : .warning,
        fix: "chmod 600 \(context.document.source.path)")
    ]
  }
}
