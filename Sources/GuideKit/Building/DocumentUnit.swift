import CommonMark

/// A top-level part of the document: the title heading, a block before the first section (or
/// after a later `#` heading), or a `##` section with its blocks.
enum DocumentUnit {
  case title(MarkdownNode)
  case introduction(MarkdownNode)
  case section(heading: MarkdownNode, blocks: [MarkdownNode], omitted: Bool)

  /// Whether a block is the marker that leaves the next `##` section out of generated outputs:
  /// an HTML comment `<!-- onboard: omit -->` on its own.
  static func isOmitMarker(_ block: MarkdownNode) -> Bool {
    guard block.type == .htmlBlock, case .htmlBlock(let html) = block.kind else { return false }
    let trimmed = html.trimmingCharacters(in: " \t\n\r")
    guard trimmed.hasPrefix("<!--"), trimmed.hasSuffix("-->") else { return false }
    let words = trimmed.dropFirst(4).dropLast(3).split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
    return words == ["onboard:", "omit"]
  }

  /// The document's top-level units, in order (the blocks being the children of `roots`). The
  /// first `#` heading is the title; a later `#` heading ends the section it is in.
  /// - Parameter laterPart: the roots are a part of a guide after its first part, which starts
  ///   at a `##` heading: any `#` heading in it is read as a later one (``DocumentReader/join(_:)`` reads the
  ///   guide again in the rare case that the first part has no title).
  static func units(of roots: [MarkdownNode], laterPart: Bool = false) -> [DocumentUnit] {
    var units: [DocumentUnit] = []
    var sectionHeading: MarkdownNode?
    var sectionOmitted = false
    var sectionBlocks: [MarkdownNode] = []
    var pendingOmit: MarkdownNode?
    var sawFirstSection = laterPart
    var sawTitle = laterPart
    func place(_ block: MarkdownNode) {
      if sawFirstSection && sectionHeading != nil {
        sectionBlocks.append(block)
      } else {
        units.append(.introduction(block))
      }
    }
    for block in roots.lazy.flatMap(\.children) {
      if case .heading(let level) = block.kind, level <= 2 {
        if level == 1 && !sawTitle {
          if let marker = pendingOmit { place(marker) }
          pendingOmit = nil
          sawTitle = true
          units.append(.title(block))
          continue
        }
        if let heading = sectionHeading {
          units.append(.section(heading: heading, blocks: sectionBlocks, omitted: sectionOmitted))
        }
        sectionBlocks = []
        if level == 2 {
          sectionHeading = block
          sectionOmitted = pendingOmit != nil
          sawFirstSection = true
        } else {
          if let marker = pendingOmit { place(marker) }
          sectionHeading = nil
        }
        pendingOmit = nil
        continue
      }
      if let marker = pendingOmit { place(marker) }
      pendingOmit = Self.isOmitMarker(block) ? block : nil
      if pendingOmit == nil { place(block) }
    }
    if let marker = pendingOmit { place(marker) }
    if let heading = sectionHeading {
      units.append(.section(heading: heading, blocks: sectionBlocks, omitted: sectionOmitted))
    }
    return units
  }
}
