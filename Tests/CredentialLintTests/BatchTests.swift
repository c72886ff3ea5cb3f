import CredentialLint
import Foundation
import OnboardDiagnostics
import Testing

/// `lintFiles` lints on several threads and returns exactly what linting one by one returns,
/// in the same order.
@Suite struct BatchTests {
  @Test func parallelBatchEqualsSequentialLinting() throws {
    let folder = try temporaryFolder()
    var paths: [String] = []
    let examples = LintRuleCatalogue.all.flatMap(\.examples)
    for (index, example) in examples.enumerated() {
      let sub = (folder as NSString).appendingPathComponent("f\(index)")
      try FileManager.default.createDirectory(atPath: sub, withIntermediateDirectories: true)
      paths.append(try writeFile(example.text, named: example.fileName, in: sub, mode: Int(example.mode)))
    }
    paths.insert(folder + "/missing.yml", at: 7)
    let batch = demoLinter.lintFiles(paths, workers: 4)
    #expect(batch.count == paths.count)
    for (path, result) in zip(paths, batch) {
      switch result {
      case .success(let found):
        #expect(found == (try demoLinter.lint(file: path)), "\(path)")
      case .failure(let error):
        #expect(error is CredentialLinter.ReadError)
        #expect(path.hasSuffix("missing.yml"))
      }
    }
  }
}
