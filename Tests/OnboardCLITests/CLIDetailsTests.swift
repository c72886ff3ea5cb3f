import Foundation
import Testing

/// Issue 19's CLI details: a command group without its subcommand, and a seller id that is not
/// in the roster.
@Suite struct CLIDetailsTests {
  @Test func credentialsWithoutASubcommandPrintsUsageAndExitsTwo() throws {
    let result = try OnboardProcess.run(["credentials"])
    #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
    #expect(result.stderr.contains("USAGE: "))
    #expect(result.stderr.contains("merge"))
    #expect(result.stdout.isEmpty)
  }

  @Test func anUnknownSellerListsTheIdsAndTheClosest() throws {
    let folder = try OnboardProcess.temporaryFolder()
    let result = try OnboardProcess.run([
      "runbook", "guides/sp-api-self-authorisation.md", "--roster", "examples/sellers.yml", "--seller",
      "Maple-Leaf-Home", "-o", folder + "/r.html",
    ])
    #expect(result.status == 2, "\(result.stderr)")
    #expect(
      result.stderr.contains("has the id 'Maple-Leaf-Home'; the closest to 'Maple-Leaf-Home' is 'maple-leaf-home'"))
    #expect(result.stderr.contains("The roster's ids: maple-leaf-home, north-trail-outfitters,"))
    let packets = try OnboardProcess.run([
      "packets", "guides/sp-api-self-authorisation.md", "--roster", "examples/sellers.yml", "--seller",
      "north-trail", "--out", folder + "/p",
    ])
    #expect(packets.status == 2, "\(packets.stderr)")
    #expect(packets.stderr.contains("the closest to 'north-trail' is 'north-trail-outfitters'"), "\(packets.stderr)")
  }

  @Test func anUnknownSellerInAWalkListsTheIdsAndTheClosest() throws {
    let result = try OnboardProcess.run(
      [
        "walk", "guides/sp-api-self-authorisation.md", "--roster", "examples/sellers.yml", "--seller",
        "Thames-Tea",
      ], stdin: "")
    #expect(result.status == 1, "\(result.stderr)")
    #expect(result.stderr.contains("the closest to 'Thames-Tea' is 'thames_tea'"), "\(result.stderr)")
    #expect(result.stderr.contains("The roster's ids: maple-leaf-home,"))
  }
}
