import ArgumentParser

extension OnboardCommand {
  /// Placeholder while the command is written.
  struct Graph: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "(being written)")

    func run() throws {
      throw ValidationError("not implemented yet")
    }
  }
}
