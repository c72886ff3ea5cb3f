import Foundation
import Testing

@testable import Walk

/// Issue 19 (polish): a walk, which may start from the guide alone, never says "your onboarding
/// packet already holds …"; the bundled guide's text for `output == "walk"` says what the walk does.
@Suite struct OutputWordingWalkTests {
  @Test func aFileSellersWalkSaysTheWalkWritesTheSectionAndClaimsNoPacket() throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    let path = folder.file("credentials.yml")
    let run = try runWalk(
      fileSellerAnswers(), setup: try loadSetup(), destination: .file(path), state: folder.file("state"))
    let text = run.transcript.text
    #expect(text.contains("The walk writes the section shop_de into"), "\(text)")
    #expect(!text.contains("packet already holds"))
    #expect(!text.contains("An onboarding packet from"))
    #expect(!text.contains("this checklist"))
    #expect(!Canary.appears(in: text))
  }

  @Test func anEnvSellersWalkClaimsNoPacket() throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    var settings = germanSeller
    settings["credential_source"] = "env"
    let run = try runWalk(
      fileSellerAnswers(), setup: try loadSetup(), settings: settings, destination: .file(folder.file("shop_de.env")),
      state: folder.file("state"))
    let text = run.transcript.text
    #expect(text.contains("-- Step 2.2"), "\(text)")
    #expect(text.contains("Set environment variables"))
    #expect(!text.contains("packet already holds"))
    #expect(!text.contains("Your onboarding packet"))
  }
}
