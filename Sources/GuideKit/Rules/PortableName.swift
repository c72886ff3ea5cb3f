/// Whether an id can safely name a file or folder on every common system. Ids name packet
/// folders, files and anchors, and are passed on command lines.
public enum PortableName {
  /// Windows device names, refused with any extension and in any case (`CON`, `aux.txt`).
  public static let reservedDeviceNames: Set<String> = {
    var names: Set<String> = ["con", "prn", "aux", "nul", "conin$", "conout$"]
    for digit in 0...9 {
      names.insert("com\(digit)")
      names.insert("lpt\(digit)")
    }
    return names
  }()

  /// Why `id` cannot name a file or folder everywhere, or `nil` when it can: it starts with
  /// `-` (a command line reads it as an option), ends with `.` (Windows drops it), or is a
  /// Windows device name with or without an extension.
  public static func problem(_ id: String) -> String? {
    if id.hasPrefix("-") { return "it starts with '-', which a command line reads as an option" }
    if id.hasSuffix(".") { return "it ends with '.', which Windows drops from file names" }
    let stem: String
    if id.utf8.allSatisfy({ $0 < 0x80 }) {
      // ASCII (nearly every id): a character is a byte, and the stem is the bytes before the
      // first '.', found without walking characters; no device name is shorter than 3 or
      // longer than 7.
      let stemBytes = id.utf8.prefix { $0 != UInt8(ascii: ".") }
      guard (3...7).contains(stemBytes.count) else { return nil }
      stem = String(decoding: stemBytes, as: UTF8.self)
    } else {
      stem = id.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? id
    }
    if reservedDeviceNames.contains(stem.lowercased()) {
      return "'\(stem.uppercased())' is a device name on Windows, with or without an extension"
    }
    return nil
  }
}
