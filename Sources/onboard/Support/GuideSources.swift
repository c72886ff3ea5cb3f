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
      if let name = metadata.templates.first {
        do {
          let folder = try resolver.templateSet(explicit: nil, name: name, guideFile: guide.path)
          text += "template set: \(name): \(folder)\n"
        } catch {
          text += "template set: \(name): not found (\(error.description))\n"
        }
      } else {
        text += "template set: none (the guide names none)\n"
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
