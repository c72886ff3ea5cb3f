import Foundation

/// What a walk remembers between runs for one guide and one seller: which steps were
/// confirmed, and when. It never holds a credential value.
public struct WalkProgress: Codable, Equatable, Sendable {
  /// One confirmed step.
  public struct ConfirmedStep: Codable, Equatable, Sendable {
    /// When it was confirmed (ISO 8601).
    public var confirmed: String
    /// A digest of the step's title and checks when it was confirmed; a step whose digest no
    /// longer matches has changed in the guide and is walked again.
    public var digest: String

    /// Creates a record.
    public init(confirmed: String, digest: String) {
      self.confirmed = confirmed
      self.digest = digest
    }
  }

  /// The format of this file.
  public var format: Int = 1
  /// The guide's id.
  public var guide: String
  /// The guide's version when the walk started.
  public var guideVersion: String
  /// The seller's id.
  public var seller: String
  /// The account name.
  public var account: String
  /// Confirmed steps, by step id.
  public var steps: [String: ConfirmedStep] = [:]
  /// When the walk was finished (its values written or printed), if it was.
  public var completed: String?

  /// Creates empty progress.
  public init(guide: String, guideVersion: String, seller: String, account: String) {
    self.guide = guide
    self.guideVersion = guideVersion
    self.seller = seller
    self.account = account
  }

  /// Whether `stepID` was confirmed with the same title and checks (`digest`).
  public func isConfirmed(_ stepID: String, digest: String) -> Bool {
    steps[stepID]?.digest == digest
  }

  /// The current time as ISO 8601, for the records.
  static func now() -> String {
    ISO8601DateFormatter().string(from: Date())
  }
}
