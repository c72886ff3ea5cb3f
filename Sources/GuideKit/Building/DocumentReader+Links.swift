import CommonMark
import Foundation
import OnboardDiagnostics

// Collecting what cross-cutting checks need: `#id` links, images and `{{variable}}` uses.

extension DocumentReader {
  /// Collects a step block's `#id` links (as ``collectLinks(_:)``) and its images (as the step's
  /// screenshots), in one walk over its nodes.
  mutating func collectLinksAndImages(_ block: MarkdownNode, into step: inout Step) {
    if block.type == .image { collectImage(block, stepID: step.id, into: &step) }
    block.forEachDescendant(ofType: .link, or: .image) { node in
      if node.type == .link {
        collectLink(node)
      } else {
        collectImage(node, stepID: step.id, into: &step)
      }
    }
  }

  /// Keeps an image of a step as one of its screenshots (and as a screenshot use).
  private mutating func collectImage(_ node: MarkdownNode, stepID: String, into step: inout Step) {
    guard case .image(let sourcePath, _) = node.kind else { return }
    let caption = node.plainText.trimmingCharacters(in: " \t")
    if caption.isEmpty { problems.append(.imageWithoutAlt(at: location(node.range))) }
    step.screenshots.append(ScreenshotReference(path: sourcePath, caption: caption, location: location(node.range)))
    step.parts.append(.screenshot(step.screenshots.count - 1))
    screenshotUses.append(
      ScreenshotUse(path: sourcePath, caption: caption, location: location(node.range), stepID: stepID))
  }

  /// Keeps the images of a block outside steps as screenshot uses of no step (a gallery).
  mutating func collectGallery(_ block: MarkdownNode) {
    if block.type == .image { collectGalleryImage(block) }
    block.forEachDescendant(ofType: .image) { collectGalleryImage($0) }
  }

  /// Keeps one gallery image (see ``collectGallery(_:)``).
  private mutating func collectGalleryImage(_ node: MarkdownNode) {
    guard case .image(let sourcePath, _) = node.kind else { return }
    let caption = node.plainText.trimmingCharacters(in: " \t")
    if caption.isEmpty { problems.append(.imageWithoutAlt(at: location(node.range))) }
    screenshotUses.append(
      ScreenshotUse(path: sourcePath, caption: caption, location: location(node.range), stepID: nil))
  }

  /// Keeps every `#id` link in a block, for the link-target check.
  mutating func collectLinks(_ block: MarkdownNode) {
    block.forEachDescendant(ofType: .link) { collectLink($0) }
  }

  /// Keeps a link to an `#id`.
  private mutating func collectLink(_ node: MarkdownNode) {
    // Most links are not `#id` links: look at the first byte before making strings.
    guard node.withLiteralUTF8({ $0.first == UInt8(ascii: "#") }) else { return }
    if case .link(let destination, _) = node.kind, destination.hasPrefix("#"), destination.count > 1 {
      links.append(Reference(target: String(destination.dropFirst()), location: location(node.range)))
    }
  }

  /// Keeps every `{{variable}}` in the guide outside its credentials blocks, for the variable
  /// check (one scan of the source bytes, after all blocks are read).
  mutating func collectVariables() {
    let excluded = credentialsBlocks.map { $0.range.start.line...$0.range.end.line }
    for occurrence in VariableText.occurrences(inUTF8: source.bytes) {
      let at = source.location(ofOffset: occurrence.offset)
      if excluded.contains(where: { $0.contains(at.line) }) { continue }
      variableUses.append((occurrence.name, DiagnosticLocation(file: file, line: at.line, column: at.column)))
    }
  }
}
