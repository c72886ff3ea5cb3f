import Foundation
import Testing

/// Issue 19 (polish): the bundled guide said "your onboarding packet already holds …" in every
/// output, also in a runbook printed without a packet. The standard variable `output` (packet,
/// runbook, walk) lets each output say what it really has; these tests read each output's text.
@Suite struct OutputWordingTests {
  static let guide = OnboardProcess.repositoryRoot + "/guides/sp-api-self-authorisation.md"
  static let packetClaim = "packet already holds"
  static let runbookWords = "An onboarding packet from `onboard packets` holds this file"
  static let walkWords = "The walk writes the section"

  /// A file seller and an env seller in DE.
  static func roster(in folder: String) throws -> String {
    let roster = folder + "/r.yml"
    try """
    - id: file-shop
      name: File Shop
      marketplace: DE
      credential_source: file
    - id: env-shop
      name: Env Shop
      marketplace: DE
      credential_source: env

    """.write(toFile: roster, atomically: true, encoding: .utf8)
    return roster
  }

  @Test("a packet's checklist says the packet holds the credential files")
  func packetChecklist() throws {
    let folder = try OnboardProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let roster = try Self.roster(in: folder)
    let result = try OnboardProcess.run(["packets", Self.guide, "--roster", roster, "--out", folder + "/out"])
    #expect(result.status == 0, "\(result.stderr)")
    let file = try String(contentsOfFile: folder + "/out/file-shop/checklist.md", encoding: .utf8)
    #expect(file.contains("Your onboarding packet already holds this file, `credentials.yml`"))
    #expect(!file.contains(Self.runbookWords) && !file.contains(Self.walkWords))
    let env = try String(contentsOfFile: folder + "/out/env-shop/checklist.md", encoding: .utf8)
    #expect(env.contains("Your onboarding packet already holds that dotenv file, `env_shop.env`"))
    #expect(FileManager.default.fileExists(atPath: folder + "/out/env-shop/env_shop.env"))
  }

  @Test("a seller's runbook and a generic runbook claim no packet; the generic one prints no output condition")
  func runbooks() throws {
    let folder = try OnboardProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let roster = try Self.roster(in: folder)
    for seller in ["file-shop", "env-shop"] {
      let result = try OnboardProcess.run([
        "runbook", Self.guide, "--roster", roster, "--seller", seller, "--format", "md", "-o", "-",
      ])
      #expect(result.status == 0, "\(result.stderr)")
      #expect(!result.stdout.contains(Self.packetClaim), "\(seller)")
      #expect(!result.stdout.contains(Self.walkWords), "\(seller)")
      #expect(!result.stdout.contains("this checklist"), "\(seller)")
      #expect(result.stdout.contains(Self.runbookWords) == (seller == "file-shop"), "\(seller)")
    }
    for format in ["md", "html"] {
      let generic = try OnboardProcess.run(["runbook", Self.guide, "--format", format, "-o", "-"])
      #expect(generic.status == 0, "\(generic.stderr)")
      #expect(!generic.stdout.contains(Self.packetClaim), "\(format)")
      #expect(!generic.stdout.contains(Self.walkWords), "\(format)")
      #expect(!generic.stdout.contains("this checklist"), "\(format)")
      #expect(generic.stdout.contains("An onboarding packet from"), "\(format)")
      // The region's condition is decided (output is runbook), so none is printed for it.
      #expect(!generic.stdout.contains("the output is"), "\(format)")
      #expect(!generic.stdout.contains("output =="), "\(format)")
    }
  }
}
