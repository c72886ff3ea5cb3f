import OnboardDiagnostics

// Being written: turns a guide's bytes into a Guide and diagnostics.
struct GuideBuilder {
  var file: String
  var bytes: [UInt8]
  var screenshotFolders: [String]

  func build() -> GuideLoadResult { GuideLoadResult(guide: nil, diagnostics: []) }
}
