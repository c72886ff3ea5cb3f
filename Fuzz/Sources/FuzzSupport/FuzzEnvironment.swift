import CFuzzDriver
import CredentialLint
import CredentialSpecs
import Foundation
import GuideKit
import Packets

/// What every fuzz target shares: the repository's bundled guide, layout and templates (loaded
/// once per process), a scratch file for readers that only take paths, and libFuzzer's driver.
public enum FuzzEnvironment {
  /// The repository root (Fuzz/Sources/FuzzSupport/ is three folders below it).
  public static let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }
    return url.path
  }()

  /// A folder that does not exist, so that a fuzzed guide's `data:` and screenshot paths can
  /// never reach a real file (Linux resolves `..` only through folders that exist).
  public static let sandboxFolder = "/nonexistent-onboard-fuzz"

  /// The bundled guide, loaded with the real builder.
  public static let bundledGuide: Guide = {
    let path = repositoryRoot + "/guides/sp-api-self-authorisation.md"
    guard let guide = GuideLoader().load(file: path).guide else {
      fatalError("fuzz set-up: the bundled guide does not load (\(path))")
    }
    return guide
  }()

  /// The sp-api service layout.
  public static let layout: ServiceLayout = {
    let path = repositoryRoot + "/templates/sp-api/layout.yml"
    guard let text = try? String(contentsOfFile: path, encoding: .utf8),
      case .success(let layout) = ServiceLayout.parse(text, file: path)
    else {
      fatalError("fuzz set-up: the sp-api layout does not parse (\(path))")
    }
    return layout
  }()

  /// The linter the CLI would build for the bundled guide (permissions are not checked: the
  /// input has no file mode).
  public static let linter = CredentialLinter(
    specs: bundledGuide.credentials, layout: layout, options: CredentialLinter.Options(checkPermissions: false))

  /// The sp-api template set.
  public static let templates: TemplateSet = {
    do {
      return try TemplateSet.load(directory: repositoryRoot + "/templates/sp-api")
    } catch {
      fatalError("fuzz set-up: the sp-api templates do not load")
    }
  }()

  /// Copies libFuzzer's input into an array (an empty input may come with no pointer).
  public static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
  }

  /// Writes `bytes` to this process's scratch file with the given extension and returns its
  /// path. One file per process and extension, overwritten for every input.
  public static func scratchFile(_ bytes: [UInt8], extension pathExtension: String) -> String {
    let folder = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    let path = "\(folder)/onboard-fuzz-\(getpid()).\(pathExtension)"
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
      fatalError("fuzz set-up: cannot write the scratch file \(path)")
    }
    return path
  }

  /// Loads the shared set-up, then hands control to libFuzzer. Call it from the target's
  /// `<Module>_main`.
  public static func run(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    loadSharedSetUp()
    return onboard_fuzz_main(argc, argv)
  }

  /// Loads the bundled guide, layout, linter and templates before the first input.
  ///
  /// LeakSanitizer cannot follow pointers that Swift keeps in an enum's spare bits, so these
  /// globals look leaked: libFuzzer would blame the first input that touched them, and the
  /// check at exit reports them. Loading them here keeps them out of every input's accounting,
  /// and scripts/fuzz.sh suppresses leaks allocated under this function (by its name) and
  /// nothing else.
  @inline(never)
  static func loadSharedSetUp() {
    _ = linter
    _ = templates
    _ = RosterFuzzing.generator
  }
}
