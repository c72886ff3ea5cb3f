/// Where one seller stands, as `onboard status` reports it. docs/ledger.md names each field.
public struct SellerStatus: Sendable, Equatable {
  /// A credential's rotation: when its value was set, how old it is and when it is due.
  public struct Rotation: Sendable, Equatable {
    /// Due soon (within the warning), overdue, fine, or unknown (no date for the value).
    public enum State: String, Sendable {
      case ok
      case dueSoon = "due-soon"
      case overdue
      case unknown
    }

    /// The credential key.
    public var credential: String
    /// The day the current value was collected or last rotated, when known.
    public var setOn: Int64?
    /// Its age in days on the report's day, when known.
    public var ageDays: Int64?
    /// The day the rotation is due, when known.
    public var dueOn: Int64?
    /// The day the warning starts, when known.
    public var warnFrom: Int64?
    /// The state on the report's day.
    public var state: State
  }

  /// The seller id.
  public var seller: String
  /// The seller's name and account.
  public var name: String?
  public var account: String?
  /// The guide and version of the last packet sent, and when (Unix seconds).
  public var guideID: String?
  public var guideVersion: String?
  public var sentAt: Int64?
  /// The packet's steps, and how many of them are confirmed.
  public var stepsTotal: Int
  public var stepsDone: Int
  /// The last step confirmed, by whom and when.
  public var lastStep: String?
  public var lastBy: String?
  public var lastAt: Int64?
  /// The last thing recorded for the seller.
  public var lastActivity: Int64?
  /// The credential keys recorded for the seller's account.
  public var credentials: [String]
  /// The account's last verification result and time.
  public var verification: String?
  public var verifiedAt: Int64?
  /// The rotations the guide asks for.
  public var rotations: [Rotation]
  /// Not done and nothing recorded for more than the stale days.
  public var stale: Bool

  /// A seller the ledger knows nothing about (no packet sent).
  public static func notSent(_ seller: String) -> SellerStatus {
    SellerStatus(seller: seller, stepsTotal: 0, stepsDone: 0, credentials: [], rotations: [], stale: false)
  }

  /// Every step of the packet is confirmed.
  public var isDone: Bool { stepsTotal > 0 && stepsDone >= stepsTotal }
}
