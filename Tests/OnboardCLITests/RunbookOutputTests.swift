import Foundation
import Testing

/// Issue 19: `runbook -o x.docx` wrote HTML and exited 0. An extension that is neither known nor
/// backed by --format is refused, and a known one must agree with --format.
@Suite struct RunbookOutputTests {
  static let guide = OnboardProcess.repositoryRoot + "/guides/sp-api-self-authorisation.md"

  @Test("an unknown extension is a usage error naming the known ones, and nothing is written")
  func unknownExtension() throws {
    let folder = try OnboardProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let result = try OnboardProcess.run(["runbook", Self.guide, "-o", folder + "/x.docx"])
    #expect(result.status == 2)
    #expect(result.stderr.contains(".docx"))
    #expect(result.stderr.contains(".html, .htm, .pdf"))
    #expect(!FileManager.default.fileExists(atPath: folder + "/x.docx"))
  }

  @Test("--format names what to write under an unknown extension; a contradicting one is refused")
  func explicitFormat() throws {
    let folder = try OnboardProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let written = try OnboardProcess.run(["runbook", Self.guide, "--format", "md", "-o", folder + "/runbook.txt"])
    #expect(written.status == 0, "\(written.stderr)")
    #expect(try String(contentsOfFile: folder + "/runbook.txt", encoding: .utf8).hasPrefix("# "))
    let refused = try OnboardProcess.run(["runbook", Self.guide, "--format", "html", "-o", folder + "/x.pdf"])
    #expect(refused.status == 2)
    #expect(refused.stderr.contains("--format"))
    #expect(!FileManager.default.fileExists(atPath: folder + "/x.pdf"))
  }

  @Test("--paper is in the help of runbook and packets; another paper is a usage error")
  func paperOption() throws {
    let help = try OnboardProcess.run(["runbook", "--help"])
    #expect(help.stdout.contains("--paper"))
    let packets = try OnboardProcess.run(["packets", "--help"])
    #expect(packets.stdout.contains("--paper"))
    let bad = try OnboardProcess.run(["runbook", Self.guide, "--paper", "legal", "-o", "-"])
    #expect(bad.status == 2)
  }

  @Test("a paper value in the roster that names no paper is an error at its place; the runbook is not written")
  func unknownPaper() throws {
    let folder = try OnboardProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let roster = folder + "/r.yml"
    try "- id: x\n  name: X\n  marketplace: DE\n  paper: legal\n".write(
      toFile: roster, atomically: true, encoding: .utf8)
    let result = try OnboardProcess.run(
      ["runbook", Self.guide, "--roster", roster, "--seller", "x", "-o", folder + "/x.html"])
    #expect(result.status == 1)
    #expect(result.stderr.contains("r.yml:4:10: error:"), "\(result.stderr)")
    #expect(result.stderr.contains("'legal'"))
    #expect(result.stderr.contains("[runbook/unknown-paper]"))
    #expect(!FileManager.default.fileExists(atPath: folder + "/x.html"))
    // --paper overrides the value.
    let chosen = try OnboardProcess.run(
      ["runbook", Self.guide, "--roster", roster, "--seller", "x", "--paper", "a4", "-o", folder + "/x.html"])
    #expect(chosen.status == 0, "\(chosen.stderr)")
    #expect(try String(contentsOfFile: folder + "/x.html", encoding: .utf8).contains("size: A4;"))
  }

  @Test("packets --pdf reports a paper that names no paper as runbook does: a roster error, exit 1, nothing written")
  func unknownPaperInPackets() throws {
    let folder = try OnboardProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let roster = folder + "/r.yml"
    try "- id: x\n  name: X\n  marketplace: DE\n  paper: legal\n- id: y\n  name: Y\n  marketplace: XX\n".write(
      toFile: roster, atomically: true, encoding: .utf8)
    // The problems are found before any printing, so a browser that cannot print does not matter.
    let result = try OnboardProcess.run([
      "packets", Self.guide, "--roster", roster, "--out", folder + "/out", "--pdf", "--browser", "/bin/false",
    ])
    #expect(result.status == 1, "\(result.stderr)")
    #expect(result.stderr.contains("r.yml:4:10: error:"), "\(result.stderr)")
    #expect(result.stderr.contains("[runbook/unknown-paper]"))
    // Reported with the roster's other problems (a marketplace the data table lacks), in one list.
    #expect(result.stderr.contains("r.yml:7:"), "\(result.stderr)")
    #expect(result.stderr.contains("error: 2 problems in \(roster); no packets written"), "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: folder + "/out/x"))
    // The same roster with only the paper wrong: runbook exits 1 too (see unknownPaper).
    let paperOnly = folder + "/p.yml"
    try "- id: x\n  name: X\n  marketplace: DE\n  paper: legal\n".write(
      toFile: paperOnly, atomically: true, encoding: .utf8)
    let packets = try OnboardProcess.run([
      "packets", Self.guide, "--roster", paperOnly, "--out", folder + "/out", "--pdf", "--browser", "/bin/false",
    ])
    let runbook = try OnboardProcess.run([
      "runbook", Self.guide, "--roster", paperOnly, "--seller", "x", "-o", folder + "/x.pdf", "--browser", "/bin/false",
    ])
    #expect(packets.status == 1 && runbook.status == 1, "\(packets.stderr) \(runbook.stderr)")
    #expect(runbook.stderr.contains("p.yml:4:10: error:") && packets.stderr.contains("p.yml:4:10: error:"))
    // Without --pdf the value is not read, so packets are written.
    let plain = try OnboardProcess.run(["packets", Self.guide, "--roster", paperOnly, "--out", folder + "/plain"])
    #expect(plain.status == 0, "\(plain.stderr)")
  }
}
