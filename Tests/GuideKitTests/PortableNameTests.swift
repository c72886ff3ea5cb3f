import Testing

@testable import GuideKit

/// `PortableName.problem` finds an ASCII id's stem by bytes (issue 15); its answers are those
/// of the character-by-character split, kept here as the reference.
@Suite struct PortableNameTests {
  static func referenceProblem(_ id: String) -> String? {
    if id.hasPrefix("-") { return "it starts with '-', which a command line reads as an option" }
    if id.hasSuffix(".") { return "it ends with '.', which Windows drops from file names" }
    let stem = id.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? id
    if PortableName.reservedDeviceNames.contains(stem.lowercased()) {
      return "'\(stem.uppercased())' is a device name on Windows, with or without an extension"
    }
    return nil
  }

  @Test func devicesAndSafeIDs() {
    #expect(PortableName.problem("CON")?.contains("'CON' is a device name") == true)
    #expect(PortableName.problem("aux.txt")?.contains("'AUX'") == true)
    #expect(PortableName.problem("conout$.log.gz")?.contains("'CONOUT$'") == true)
    #expect(PortableName.problem("lpt9") != nil)
    #expect(PortableName.problem("console") == nil)
    #expect(PortableName.problem("co") == nil)
    #expect(PortableName.problem("create-app") == nil)
    #expect(PortableName.problem("-x") != nil)
    #expect(PortableName.problem("x.") != nil)
  }

  @Test func asTheReference() {
    let ids = [
      "", ".", "..", "con.", ".con", "con..x", "Nul.tar.gz", "com0", "COM1.", "lpt10", "prn.x.y", "auxiliary",
      "con\u{301}", "con.\u{301}x", "cön", "nul.é", "é.con", "conin$", "CONIN$.a", "a.b.c", "step-1",
    ]
    for id in ids {
      #expect(PortableName.problem(id) == Self.referenceProblem(id), "\(id.debugDescription)")
    }
  }
}
