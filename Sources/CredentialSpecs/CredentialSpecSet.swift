/// All the credentials a guide specifies, in the order it lists them.
public struct CredentialSpecSet: Hashable, Sendable {
  /// The specs, in guide order.
  public private(set) var specs: [CredentialSpec]
  private var byKey: [String: Int]
  private var byEnv: [String: Int]
  /// How the credentials are proved to work with the service (the block's `verify:`), if the
  /// guide declares it.
  public var verification: VerificationSpec?

  /// Creates a set; later duplicates of a key are ignored (the parser reports them).
  public init(_ specs: [CredentialSpec] = []) {
    self.specs = []
    self.byKey = [:]
    self.byEnv = [:]
    for spec in specs where byKey[spec.key] == nil {
      byKey[spec.key] = self.specs.count
      if let env = spec.env { byEnv[env] = self.specs.count }
      self.specs.append(spec)
    }
  }

  /// The spec for a key such as `lwa_app_id`.
  public subscript(key key: String) -> CredentialSpec? {
    byKey[key].map { specs[$0] }
  }

  /// The spec whose environment name is `env`, such as `LWA_APP_ID`.
  public subscript(env env: String) -> CredentialSpec? {
    byEnv[env].map { specs[$0] }
  }

  /// The specs that are in use (not deprecated).
  public var active: [CredentialSpec] { specs.filter { !$0.isDeprecated } }

  /// The keys, in order.
  public var keys: [String] { specs.map(\.key) }

  /// Whether the set is empty.
  public var isEmpty: Bool { specs.isEmpty }
}
