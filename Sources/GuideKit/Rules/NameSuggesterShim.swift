import CredentialSpecs

/// Did-you-mean for ids and variable names (shared with the credential specs).
enum NameSuggesterShim {
  static func suggest(_ name: String, among candidates: [String]) -> String? {
    NameSuggester.suggest(name, among: candidates)
  }
}
