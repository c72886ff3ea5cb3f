import Foundation
import GuideKit
import OnboardDiagnostics
import Roster

/// The paper a runbook is printed on.
///
/// `--paper` chooses it; without the option a seller's runbook takes the seller's `paper`
/// variable (a data-table column or a roster field, such as `letter` for the marketplaces that
/// use Letter), and anything else, a generic runbook included, is A4. Which places use which
/// paper is data of the guide, never of onboard.
public enum RunbookPaper: String, CaseIterable, Sendable {
  /// ISO A4, 210 × 297 mm.
  case a4
  /// US Letter, 8.5 × 11 in.
  case letter

  /// The variable a seller's data may set to choose the paper.
  public static let variable = "paper"

  /// The CSS `@page` size.
  var cssSize: String {
    switch self {
    case .a4: return "A4"
    case .letter: return "letter"
    }
  }

  /// The width the page's content may take on screen, the paper less its side margins.
  var screenWidth: String {
    switch self {
    case .a4: return "190mm"
    case .letter: return "186mm"
    }
  }

  /// A value of the `paper` variable that names no paper onboard prints on.
  public struct UnknownPaper: Error, Sendable, CustomStringConvertible {
    /// The value as the data gives it.
    public var value: String
    public var description: String {
      "the seller's '\(RunbookPaper.variable)' variable is '\(value)', which is not a paper onboard prints on: use a4 or letter (in the data table or the roster), or pass --paper"
    }
  }

  /// The paper to print a runbook on: `explicit` (`--paper`) when given, else the seller's
  /// `paper` variable (compared without regard to case; an empty value counts as not given),
  /// else A4.
  /// - Throws: ``UnknownPaper`` when the variable names another paper and `explicit` is `nil`.
  public static func choose(explicit: RunbookPaper?, variables: [String: String]) throws -> RunbookPaper {
    if let explicit { return explicit }
    guard let raw = variables[variable] else { return .a4 }
    let value = raw.trimmingCharacters(in: .whitespaces)
    if value.isEmpty { return .a4 }
    guard let paper = RunbookPaper(rawValue: value.lowercased()) else { throw UnknownPaper(value: raw) }
    return paper
  }

  /// The rule id of a `paper` value that names no paper.
  public static let unknownPaperRule = "runbook/unknown-paper"

  /// The error for a seller whose `paper` names no paper, at the place the value is written:
  /// the roster field when the row gives it, else the data-table row the seller's data key
  /// picks, else the roster row.
  public static func diagnostic(_ error: UnknownPaper, seller: Seller, guide: Guide) -> Diagnostic {
    var location = seller.fieldLocations[variable] ?? seller.location
    var source = "the roster"
    if seller.fields[variable] == nil, let key = guide.metadata.dataKey, let value = seller.fields[key],
      let row = guide.dataTable?.row(value)
    {
      location = row.location
      source = "the data table's row \(row.key)"
    }
    return Diagnostic(
      severity: .error, ruleID: unknownPaperRule,
      message:
        "Row \(seller.row) ('\(seller.id)'): the '\(variable)' variable is '\(error.value)' (from \(source)), which is not a paper onboard prints on.",
      location: location,
      fix: "Write a4 or letter, or pass --paper a4 or --paper letter.")
  }
}
