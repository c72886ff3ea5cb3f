import OnboardSupport

/// SHA-256 through OnboardSupport, named so tests read clearly.
enum OnboardSupportDigest {
  static func hex(_ bytes: [UInt8]) -> String { SHA256.hexDigest(bytes) }
}
