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

  /// The manifest as JSON text, keys in a fixed order, files sorted by path.
  public func json() -> String {
    let escape = JSONEscaper()
    var text = "{\n"
    text += "  \"generator\": \(escape.escape(Self.generator)),\n"
    text += "  \"onboard_version\": \(escape.escape(OnboardVersion.current)),\n"
    text +=
      "  \"guide\": {\"id\": \(escape.escape(guideID)), \"version\": \(escape.escape(guideVersion)), \"title\": \(escape.escape(guideTitle))},\n"
    text +=
      "  \"seller\": {\"id\": \(escape.escape(sellerID)), \"name\": \(escape.escape(sellerName)), \"account\": \(escape.escape(account))},\n"
    text += "  \"steps\": [" + steps.map { escape.escape($0) }.joined(separator: ", ") + "],\n"
    text += "  \"files\": [\n"
    let sorted = files.sorted { $0.path < $1.path }
    for (index, file) in sorted.enumerated() {
      let mode = String(file.mode, radix: 8)
      text +=
        "    {\"path\": \(escape.escape(file.path)), \"sha256\": \(escape.escape(file.sha256)), \"mode\": \(escape.escape("0" + mode))}"
      text += index == sorted.count - 1 ? "\n" : ",\n"
    }
    text += "  ]\n}\n"
    return text
  }

  /// Whether `data` is a manifest onboard wrote (it has the generator marker).
  public static func isOnboardManifest(_ data: [UInt8]) -> Bool {
    let text = String(decoding: data.prefix(4096), as: UTF8.self)
    return text.contains("\"generator\": \"\(generator)\"")
  }
}
