import FuzzSupport
import OnboardSupport

/// Fuzz target: `PathParts`, the path splitting behind `--out`, `-o`, `--write` and `--into`
/// (and every place a guide's or an output's folder is taken). The input is a path. Besides not
/// trapping (Foundation's `deletingLastPathComponent` did, on a one-character last part), the
/// parts must fit together: the last part has no slash (unless it is the root), the folder has
/// no trailing slash (unless it is the root), and joining them and splitting again gives them back.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPaths(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let path = String(decoding: FuzzEnvironment.bytes(data, size), as: UTF8.self)
  let folder = PathParts.folder(of: path)
  let last = PathParts.lastPart(of: path)
  let slash = UInt8(ascii: "/")
  Invariants.require(
    last == "/" || !last.utf8.contains(slash), "the last part of a path holds a slash")
  Invariants.require(
    folder == "/" || folder.utf8.last != slash, "the folder of a path ends in a slash")
  Invariants.require(folder.utf8.count <= path.utf8.count, "the folder is longer than the path")
  Invariants.require(last.utf8.count <= path.utf8.count, "the last part is longer than the path")
  Invariants.require(
    PathParts.folderOrCurrent(of: path) == (folder.isEmpty ? "." : folder), "folderOrCurrent disagrees with folder")
  if path.utf8.contains(where: { $0 != slash }) {
    Invariants.require(!last.isEmpty && last != "/", "a path with a name has an empty last part")
    let rejoined = PathParts.joined(folder, last)
    Invariants.require(PathParts.lastPart(of: rejoined) == last, "joining and splitting changes the last part")
    Invariants.require(PathParts.folder(of: rejoined) == folder, "joining and splitting changes the folder")
    // The folder is itself a path: splitting it again never grows it.
    Invariants.require(
      PathParts.folder(of: folder).utf8.count <= folder.utf8.count, "the folder of a folder is longer")
  } else {
    Invariants.require(folder == (path.isEmpty ? "" : "/"), "a path of slashes has another folder")
    Invariants.require(last == folder, "a path of slashes has another last part")
  }
  return 0
}

@_cdecl("FuzzPaths_main")
public func fuzzPathsMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
  FuzzEnvironment.run(argc, argv)
}
