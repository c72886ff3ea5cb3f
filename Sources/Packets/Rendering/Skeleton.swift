/// One output rendered for a shape: its fixed bytes, and the per-seller pieces between them.
struct Skeleton {
  /// A per-seller piece: a slot's text as it is (`format == nil`) or escaped for a format.
  struct Piece: Hashable {
    /// The slot.
    var slot: Int
    /// The format whose escaper applies, or `nil` for the text as it is.
    var format: OutputFormat?
  }

  /// The fixed text, all parts in order.
  private(set) var fixed: [UInt8] = []
  /// For each piece in order: where in `fixed` it goes, and which piece it is.
  private(set) var insertions: [(offset: Int, piece: Piece)] = []

  /// Reads the markers out of a shape render. `nil` when the text holds a marker byte that is
  /// not part of a well-formed marker (the guide or template held one).
  init?(rendered text: String) {
    var bytes = Array(text.utf8)
    bytes.append(0)
    fixed.reserveCapacity(bytes.count)
    var index = 0
    let end = bytes.count - 1
    while index < end {
      let byte = bytes[index]
      if byte == SlotMarker.close || byte == SlotMarker.escaped { return nil }
      guard byte == SlotMarker.open else {
        fixed.append(byte)
        index += 1
        continue
      }
      index += 1
      var slot = 0
      var digits = 0
      while index < end, bytes[index] >= 0x30 && bytes[index] <= 0x39, digits < 9 {
        slot = slot * 10 + Int(bytes[index] - 0x30)
        digits += 1
        index += 1
      }
      guard digits > 0, index < end else { return nil }
      var format: OutputFormat?
      if bytes[index] == SlotMarker.escaped {
        index += 1
        guard index < end, bytes[index] >= 0x30 && bytes[index] <= 0x39 else { return nil }
        let position = Int(bytes[index] - 0x30)
        guard position < OutputFormat.allCases.count else { return nil }
        format = OutputFormat.allCases[position]
        index += 1
      }
      guard index < end, bytes[index] == SlotMarker.close else { return nil }
      index += 1
      insertions.append((fixed.count, Piece(slot: slot, format: format)))
    }
  }

  /// The pieces this output uses.
  var pieces: [Piece] { insertions.map(\.piece) }

  /// The output for one seller: the fixed text with, at each insertion, the text of its piece,
  /// given as the piece's position in `order` (see ``positions(in:)``).
  func fill(_ positions: [Int], texts: [String]) -> [UInt8] {
    var total = fixed.count
    for position in positions { total += texts[position].utf8.count }
    var output: [UInt8] = []
    output.reserveCapacity(total)
    fixed.withUnsafeBufferPointer { buffer in
      var copied = 0
      for (insertion, position) in zip(insertions, positions) {
        output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[copied..<insertion.offset]))
        output.append(contentsOf: texts[position].utf8)
        copied = insertion.offset
      }
      output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[copied...]))
    }
    return output
  }

  /// Each insertion's piece as its position in `order`.
  func positions(in order: [Piece: Int]) -> [Int] {
    insertions.map { order[$0.piece] ?? 0 }
  }
}
