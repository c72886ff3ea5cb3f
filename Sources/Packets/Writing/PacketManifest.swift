import Escaping
import OnboardDiagnostics
import OnboardSupport

/// `packet.json`: what a packet is and holds. Its `generator` marker tells a later run that
/// onboard wrote the folder (and may replace it). It holds no credential value and no time,
/// so a re-run with the same input writes the same bytes.
public struct PacketManifest: Sendable {
  /// The marker value of `generator`.
  public static let generator = "onboard"
  /// The file name.
  public static let fileName = "packet.json"

  /// One file entry.
  public struct Entry: Sendable {
    /// The path inside the packet.
    public var path: String
    /// Its SHA-256, hex.
    public var sha256: String
    /// Its permissions.
    public var mode: UInt32
  }

  /// The guide's id.
  public var guideID: String
  /// The guide's version.
  public var guideVersion: String
  /// The guide's title.
  public var guideTitle: String
  /// The seller's id.
  public var sellerID: String
  /// The seller's name.
  public var sellerName: String
  /// The seller's account.
  public var account: String
  /// The step ids, in order.
  public var steps: [String]
  /// The files (not packet.json itself).
  public var files: [Entry]
  /// For a delta packet (`packets --since`): the guide version it is a delta from (to
  /// ``guideVersion``); `nil` for a full packet.
  public var deltaFromVersion: String? = nil

  /// The manifest as JSON text, keys in a fixed order, files sorted by path.
  public func json() -> String {
    var text: [UInt8] = []
    text.reserveCapacity(1024 + 64 * steps.count + 160 * files.count)
    func raw(_ piece: String) { text.append(contentsOf: piece.utf8) }
    func string(_ value: String) {
      if UTF8Scan.isPlainASCII(value, avoiding: JSONEscaper.special) {
        text.append(UInt8(ascii: "\""))
        text.append(contentsOf: value.utf8)
        text.append(UInt8(ascii: "\""))
      } else {
        raw(JSONEscaper().escape(value))
      }
    }
    raw("{\n  \"generator\": ")
    string(Self.generator)
    raw(",\n  \"onboard_version\": ")
    string(OnboardVersion.current)
    raw(",\n  \"guide\": {\"id\": ")
    string(guideID)
    raw(", \"version\": ")
    string(guideVersion)
    raw(", \"title\": ")
    string(guideTitle)
    raw("},\n")
    if let deltaFromVersion {
      raw("  \"delta\": {\"from_version\": ")
      string(deltaFromVersion)
      raw(", \"to_version\": ")
      string(guideVersion)
      raw("},\n")
    }
    raw("  \"seller\": {\"id\": ")
    string(sellerID)
    raw(", \"name\": ")
    string(sellerName)
    raw(", \"account\": ")
    string(account)
    raw("},\n  \"steps\": [")
    for (index, step) in steps.enumerated() {
      if index > 0 { raw(", ") }
      string(step)
    }
    raw("],\n  \"files\": [\n")
    let sorted = files.sorted { $0.path < $1.path }
    for (index, file) in sorted.enumerated() {
      raw("    {\"path\": ")
      string(file.path)
      raw(", \"sha256\": ")
      string(file.sha256)
      raw(", \"mode\": ")
      string("0" + String(file.mode, radix: 8))
      raw(index == sorted.count - 1 ? "}\n" : "},\n")
    }
    raw("  ]\n}\n")
    return String(decoding: text, as: UTF8.self)
  }

  /// Whether `data` is a manifest onboard wrote (it has the generator marker).
  public static func isOnboardManifest(_ data: [UInt8]) -> Bool {
    let text = String(decoding: data.prefix(4096), as: UTF8.self)
    return text.contains("\"generator\": \"\(generator)\"")
  }
}
