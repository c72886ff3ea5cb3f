/// Why a screenshot path the guide names is not read.
public enum ScreenshotProblem: Hashable, Sendable {
  /// The path leads outside the guide's folder and every `--screenshots` folder (by `..`
  /// parts, as an absolute path, or through a symbolic link). It is never read.
  case outside(reason: String)
  /// The path names something that is not a regular file (a FIFO, a device, a socket).
  case notRegularFile(path: String)
}
