import GuideLocating

/// A command's guide argument or option, resolved by ``GuideResolver``: a file, an installed
/// guide's id, or (when `nil`) the default guide.
enum GuideArgument {
  /// The guide file; a usage error (exit 2) that names the command when there is none.
  static func resolve(_ name: String?, command: String, resolver: GuideResolver = GuideResolver()) throws
    -> LocatedPath
  {
    do {
      return try resolver.guide(name)
    } catch {
      throw UsageError(message: "onboard \(command): \(error.description)")
    }
  }
}
