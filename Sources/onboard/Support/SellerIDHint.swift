import CredentialSpecs
import Foundation
import Roster

/// The words for a `--seller` id a roster does not have: the ids it has (the first
/// ``maxListed``, sorted) and the closest one, compared without case and with `-` and `_` alike
/// (so `Maple-Leaf-Home` finds `maple_leaf_home`).
enum SellerIDHint {
  /// How many ids the message lists.
  static let maxListed = 20

  /// "no seller in R has the id 'X'; the closest is 'y'. The roster's ids: a, b, y."
  static func message(missing ids: [String], roster: String) -> String {
    let quoted = ids.map { "'\($0)'" }.joined(separator: ", ")
    var text = "no seller in \(roster) has the id \(quoted)"
    let known = rosterIDs(roster)
    guard !known.isEmpty else { return text }
    for id in ids {
      if let closest = closest(to: id, among: known) {
        text += "; the closest to '\(id)' is '\(closest)'"
      }
    }
    let listed = known.prefix(maxListed).joined(separator: ", ")
    let more = known.count > maxListed ? " and \(known.count - maxListed) more" : ""
    return text + ". The roster's ids: \(listed)\(more)."
  }

  /// The closest id: an exact match once case and `-`/`_` are ignored, else the first id that
  /// starts with it, else the smallest edit distance within half the id's length.
  static func closest(to id: String, among known: [String]) -> String? {
    func folded(_ text: String) -> String { text.lowercased().replacingOccurrences(of: "_", with: "-") }
    let target = folded(id)
    if let same = known.first(where: { folded($0) == target }) { return same }
    if target.count >= 3, let start = known.first(where: { folded($0).hasPrefix(target) }) { return start }
    var best: (id: String, distance: Int)?
    for candidate in known {
      let distance = NameSuggester.editDistance(target, folded(candidate))
      if best == nil || distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
    }
    guard let best, best.distance <= max(2, target.count / 2) else { return nil }
    return best.id
  }

  /// The roster's seller ids, sorted; empty when it cannot be read.
  static func rosterIDs(_ roster: String) -> [String] {
    guard let source = try? RosterReader.open(roster) else { return [] }
    var ids: Set<String> = []
    while let item = source.next() {
      guard case .record(let record) = item, case .text(let id)? = record.field("id")?.value else { continue }
      ids.insert(id)
    }
    return ids.sorted()
  }
}
