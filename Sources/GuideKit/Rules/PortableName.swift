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
    let stem = id.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? id
    if reservedDeviceNames.contains(stem.lowercased()) {
      return "'\(stem.uppercased())' is a device name on Windows, with or without an extension"
    }
    return nil
  }
}
