import GuideKit
import GuideLocating

/// The lines that say which guide and template set a command uses and where they came from,
/// for `onboard guides --default` and `onboard check --verbose`.
enum GuideSources {
  /// `guide: <id> <version>: <path> (from <origin>)` and `template set: <path> (from <origin>)`,
  /// or what was missing.
  static func describe(guide: LocatedPath, resolver: GuideResolver) -> String {
    switch GuideLoader().loadCredentials(file: guide.path) {
    case .failure:
      return "guide: \(guide) (cannot be read)\n"
    case .success(let loaded):
      let metadata = loaded.metadata
      var text = "guide: \(metadata.id) version \(metadata.version): \(guide)\n"
      let name = metadata.templates.first ?? GuideResolver.fallbackTemplateSet
      do {
        let folder = try resolver.templateSet(explicit: nil, name: metadata.templates.first, guideFile: guide.path)
        text += "template set: \(name)\(metadata.templates.isEmpty ? " (the guide names none)" : ""): \(folder)\n"
      } catch {
        text += "template set: \(name): not found (\(error.description))\n"
      }
      return text
    }
  }

  /// The default guide and its template set, or why there is none.
  static func describeDefault(resolver: GuideResolver = GuideResolver()) -> String {
    do {
      return describe(guide: try resolver.guide(nil), resolver: resolver)
    } catch {
      return "guide: none (\(error.description))\n"
    }
  }
}
