import Foundation

/// The folders searched for guides and template sets, in order: the current folder's
/// checkout, the checkout that holds the binary, `$XDG_DATA_HOME/onboard`, each of
/// `$XDG_DATA_DIRS` plus `/onboard`, and `share/onboard` beside the binary's `bin/`.
/// Only folders that exist are listed, each once (the first origin wins).
public struct DataRoots: Sendable {
  /// The folders, in search order.
  public var roots: [DataRoot]

  public init(roots: [DataRoot]) {
    self.roots = roots
  }

  /// How many folders above the binary are searched for the checkout that holds it
  /// (`<clone>/.build/<triple>/release/onboard` is four).
  static let checkoutDepth = 6

  /// The folders for this process.
  /// - Parameters:
  ///   - environment: the environment (`HOME`, `XDG_DATA_HOME`, `XDG_DATA_DIRS`).
  ///   - executable: the binary's path, symbolic links resolved.
  ///   - currentFolder: the folder the command runs in.
  public static func discover(
    environment: [String: String] = ProcessInfo.processInfo.environment,
    executable: String = DataRoots.currentExecutable(),
    currentFolder: String = FileManager.default.currentDirectoryPath
  ) -> DataRoots {
    var candidates: [DataRoot] = []
    if isFolder((currentFolder as NSString).appendingPathComponent("guides"))
      || isFolder((currentFolder as NSString).appendingPathComponent("templates"))
    {
      candidates.append(DataRoot(path: currentFolder, origin: .currentCheckout))
    }
    let binaryFolder = (executable as NSString).deletingLastPathComponent
    if let checkout = checkout(above: binaryFolder) {
      candidates.append(DataRoot(path: checkout, origin: .binaryCheckout))
    }
    let home = environment["HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
    if let dataHome = absolute(environment["XDG_DATA_HOME"]) ?? home.map({ $0 + "/.local/share" }) {
      candidates.append(DataRoot(path: dataHome + "/onboard", origin: .dataHome))
    }
    let dataDirectories =
      (environment["XDG_DATA_DIRS"].flatMap { $0.isEmpty ? nil : $0 }
      ?? "/usr/local/share:/usr/share").split(separator: ":").map(String.init).filter { $0.hasPrefix("/") }
    for folder in dataDirectories {
      candidates.append(DataRoot(path: folder + "/onboard", origin: .dataDirectories))
    }
    if (binaryFolder as NSString).lastPathComponent == "bin" {
      let prefix = (binaryFolder as NSString).deletingLastPathComponent
      candidates.append(
        DataRoot(path: (prefix as NSString).appendingPathComponent("share/onboard"), origin: .installPrefix))
    }
    var seen = Set<String>()
    var roots: [DataRoot] = []
    for candidate in candidates where isFolder(candidate.path) {
      let key = (candidate.path as NSString).standardizingPath
      if seen.insert(key).inserted { roots.append(candidate) }
    }
    return DataRoots(roots: roots)
  }

  /// The running binary's path with symbolic links resolved (`/proc/self/exe` on Linux, so a
  /// binary found through `PATH` is located too), else the first command-line argument.
  public static func currentExecutable() -> String {
    if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
    if let path = Bundle.main.executableURL?.resolvingSymlinksInPath().path { return path }
    return URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().path
  }

  /// The nearest folder above `folder` that is a checkout of this project: it holds
  /// `Package.swift` and a `guides/` folder.
  static func checkout(above folder: String) -> String? {
    var current = folder
    for _ in 0..<checkoutDepth {
      let parent = (current as NSString).deletingLastPathComponent
      if parent == current || parent.isEmpty { return nil }
      current = parent
      if FileManager.default.fileExists(atPath: (current as NSString).appendingPathComponent("Package.swift")),
        isFolder((current as NSString).appendingPathComponent("guides"))
      {
        return current
      }
    }
    return nil
  }

  static func absolute(_ value: String?) -> String? {
    guard let value, value.hasPrefix("/") else { return nil }
    return value
  }

  static func isFolder(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
  }
}
