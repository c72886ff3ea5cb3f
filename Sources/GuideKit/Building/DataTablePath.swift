/// Where a guide's data table (front matter `data:`) may lie: inside the guide's folder. A name
/// that is absolute, climbs out with `..` parts, or is a symbolic link (or lies in a linked
/// folder) that leads out is never read, so a guide cannot make onboard read any file of the
/// machine as its data table.
public enum DataTablePath {
  /// Why the data table `name` is not read, or `nil` when it stays inside `guideFolder` (a name
  /// that does not exist stays inside: reading it then reports it missing).
  public static func problem(of name: String, guideFolder: String) -> String? {
    if name.isEmpty { return "it is empty" }
    if name.hasPrefix("/") { return "it is an absolute path" }
    if ContainedPath.climbsOut(name) { return "its '..' parts lead out of the guide's folder" }
    let folder = guideFolder.isEmpty ? "." : guideFolder
    guard let realFile = ContainedPath.real(folder + "/" + name) else { return nil }
    guard let realFolder = ContainedPath.real(folder), ContainedPath.isInside(realFile, root: realFolder) else {
      return "it is a symbolic link (or lies in a linked folder) that leads out of the guide's folder"
    }
    return nil
  }
}
