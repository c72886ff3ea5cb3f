import Packets
import Roster

/// The roster targets' shared body: the input is a roster file; it is read row by row (every
/// item's location checked) and then checked the way `onboard packets` checks it before
/// writing anything (decoding, validation against the bundled guide, planning).
public enum RosterFuzzing {
  /// The generator for the bundled guide; nothing is written (only `check` runs).
  static let generator = PacketGenerator(
    guide: FuzzEnvironment.bundledGuide, templates: FuzzEnvironment.templates,
    options: PacketGenerator.Options(outputDirectory: FuzzEnvironment.sandboxFolder + "/packets"))

  /// Reads and checks `bytes` as a roster with the given extension (`yml` or `csv`).
  public static func run(_ bytes: [UInt8], extension pathExtension: String) {
    let path = FuzzEnvironment.scratchFile(bytes, extension: pathExtension)
    let lineCount = Invariants.lineCount(bytes)
    do {
      let source = try RosterReader.open(path, displayPath: "roster.\(pathExtension)")
      while let item = source.next() {
        switch item {
        case .problem(let diagnostic):
          Invariants.checkLocations([diagnostic], lineCount: lineCount, context: "roster")
        case .record(let record):
          Invariants.require(
            record.location.line >= 1 && record.location.line <= lineCount + 1,
            "roster: row at line \(record.location.line)")
        }
      }
      let checked = try generator.check(roster: path, displayPath: "roster.\(pathExtension)")
      Invariants.checkLocations(checked.diagnostics, lineCount: lineCount, context: "roster check")
    } catch {
      fatalError("roster: the scratch file could not be read")
    }
  }
}
