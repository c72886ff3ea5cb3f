import OnboardSupport
import Testing

/// `PathParts` splits the paths people give (`--out`, `-o`, `--write`, `--into`), including
/// the one-character parts on which `NSString.deletingLastPathComponent` traps (issue 13,
/// item 10).
struct PathPartsTests {
  @Test(
    arguments: [
      ("o", "", "o"),
      ("x/o", "x", "o"),
      ("/o", "/", "o"),
      ("./o", ".", "o"),
      ("x//o", "x", "o"),
      ("x/o/", "x", "o"),
      ("o/", "", "o"),
      ("/", "/", "/"),
      ("//", "/", "/"),
      ("", "", ""),
      (".", "", "."),
      ("..", "", ".."),
      ("../g/x.md", "../g", "x.md"),
      ("guides/sp-api.md", "guides", "sp-api.md"),
      ("/tmp/a b/é/ü.yml", "/tmp/a b/é", "ü.yml"),
      ("a/\u{301}", "a", "\u{301}"),
    ])
  func splits(path: String, folder: String, last: String) {
    #expect(PathParts.folder(of: path) == folder, "folder of '\(path)'")
    #expect(PathParts.lastPart(of: path) == last, "last part of '\(path)'")
  }

  @Test func folderOrCurrentNamesAFolderThatCanBeOpened() {
    #expect(PathParts.folderOrCurrent(of: "o") == ".")
    #expect(PathParts.folderOrCurrent(of: "x/o") == "x")
    #expect(PathParts.folderOrCurrent(of: "/o") == "/")
  }

  @Test func joinedPutsOneSlashBetween() {
    #expect(PathParts.joined("x", "o") == "x/o")
    #expect(PathParts.joined("x/", "o") == "x/o")
    #expect(PathParts.joined("/", "o") == "/o")
    #expect(PathParts.joined("", "o") == "o")
    #expect(PathParts.joined("x", "") == "x")
  }

  @Test func joiningTheFolderAndTheLastPartLeadsBackToTheSameFile() {
    for path in ["o", "x/o", "/o", "a/b/c.yml", "x//o", "o/", "./o"] {
      let rejoined = PathParts.joined(PathParts.folder(of: path), PathParts.lastPart(of: path))
      #expect(PathParts.lastPart(of: rejoined) == PathParts.lastPart(of: path), "\(path) -> \(rejoined)")
      #expect(PathParts.folder(of: rejoined) == PathParts.folder(of: path), "\(path) -> \(rejoined)")
    }
  }
}
