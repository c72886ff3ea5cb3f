import Foundation
import GuideKit
import Testing

@testable import Runbook

#if canImport(Glibc)
  import Glibc
#endif

/// Issue 13 item 1: a runbook never embeds a file outside the guide's and --screenshots folders.
@Suite("Runbook image safety")
struct RunbookImageSafetyTests {
  @Test("A screenshot linked to a file outside the guide's folder is not embedded")
  func linkedOutside() throws {
    let base = NSTemporaryDirectory() + "onboard-runbook-images-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: base + "/guide/images", withIntermediateDirectories: true)
    try FileManager.default.createDirectory(atPath: base + "/outside", withIntermediateDirectories: true)
    try Data("PNG secret bytes".utf8).write(to: URL(fileURLWithPath: base + "/outside/secret.png"))
    try Data("PNG fine bytes".utf8).write(to: URL(fileURLWithPath: base + "/guide/images/fine.png"))
    #expect(symlink(base + "/outside/secret.png", base + "/guide/images/linked.png") == 0)
    let text = """
      ---
      id: example
      title: Example
      version: 1
      ---

      # Example

      ## <a id="s"></a>Stage

      1. <a id="a"></a>Do the thing.

         ![Linked](images/linked.png)

         ![Fine](images/fine.png)
      """
    try text.write(toFile: base + "/guide/guide.md", atomically: true, encoding: .utf8)
    let guide = try #require(GuideLoader().load(file: base + "/guide/guide.md").guide)
    let images = RunbookImages(guide: guide)
    #expect(images.image(for: "images/linked.png") == .missing(fileName: "linked.png"))
    let fine = Data("PNG fine bytes".utf8).base64EncodedString()
    #expect(images.image(for: "images/fine.png") == .embedded(dataURI: "data:image/png;base64," + fine))
  }
}
