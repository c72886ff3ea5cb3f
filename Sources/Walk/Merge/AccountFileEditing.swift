import CredentialLint
import CredentialSpecs
import OnboardDiagnostics

/// A credential file that one account's values are merged into, whatever the layout kind:
/// ``AccountsYAMLFile`` (accounts-yaml), ``DotenvAccountFile`` (dotenv), ``FlatYAMLFile``
/// (flat-yaml) and ``PythonDictFile`` (python-dict). Each keeps what belongs to other accounts exactly as it
/// was and refuses files it cannot edit with ``AccountsYAMLFile/EditError``.
public protocol AccountFileEditing {
  /// The path shown in messages.
  var file: String { get }
  /// Where the file already holds the account, if it does.
  func account(named name: String) -> AccountsYAMLFile.ExistingAccount?
  /// Puts the account's values in, replacing the account's old values.
  mutating func upsert(_ account: AccountCredentials)
  /// The edited file's bytes, after checking that they read back as intended.
  /// - Throws: ``AccountsYAMLFile/EditError``.
  func verifiedBytes() throws -> [UInt8]
}

extension AccountsYAMLFile: AccountFileEditing {}

/// Opens a credential file for editing as the layout kind says.
public enum AccountFileEditor {
  /// The editor for `bytes` (`nil`: the file does not exist) read as `fileLayout`.
  /// - Parameters:
  ///   - specs: the guide's credential specs (environment names for dotenv).
  ///   - layout: the service layout (the account suffix for dotenv).
  /// - Throws: ``AccountsYAMLFile/EditError`` when the file cannot be edited.
  public static func open(
    bytes: [UInt8]?, file: String, as fileLayout: ServiceLayout.FileLayout, specs: CredentialSpecSet,
    layout: ServiceLayout
  ) throws -> any AccountFileEditing {
    switch fileLayout.kind {
    case .accountsYAML:
      return try AccountsYAMLFile(bytes: bytes, file: file)
    case .dotenv:
      return try DotenvAccountFile(bytes: bytes, file: file, fileLayout: fileLayout, specs: specs, layout: layout)
    case .pythonDict:
      return try PythonDictFile(bytes: bytes, file: file)
    case .flatYAML:
      return try FlatYAMLFile(bytes: bytes, file: file, fileLayout: fileLayout, specs: specs, layout: layout)
    case .flatJSON:
      throw AccountsYAMLFile.EditError.unsupported(
        location: DiagnosticLocation(file: file, line: 1, column: 1),
        reason:
          "onboard writes accounts-yaml, dotenv, flat-yaml and python-dict files, not \(fileLayout.kind.rawValue) files"
      )
    }
  }
}
