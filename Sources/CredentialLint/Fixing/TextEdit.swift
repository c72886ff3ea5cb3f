/// A replacement of a byte range, for `--fix`.
struct TextEdit: Hashable, Sendable {
  /// The bytes replaced.
  var span: SourceSpan
  /// What replaces them.
  var replacement: [UInt8]
  /// The change, as reported.
  var change: FixChange

  /// Applies non-overlapping edits (later ones first); an edit that overlaps one already
  /// applied is dropped.
  static func apply(_ edits: [TextEdit], to bytes: [UInt8]) -> (bytes: [UInt8], applied: [TextEdit]) {
    var output = bytes
    var applied: [TextEdit] = []
    var lowestStart = Int.max
    for edit in edits.sorted(by: { $0.span.start > $1.span.start }) {
      guard edit.span.end <= lowestStart, edit.span.end <= output.count else { continue }
      output.replaceSubrange(edit.span.start..<edit.span.end, with: edit.replacement)
      lowestStart = edit.span.start
      applied.append(edit)
    }
    return (output, applied.reversed())
  }
}
