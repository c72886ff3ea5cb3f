import GuideKit

/// The run-marked code blocks of one step as the walk offers them: it shows the command,
/// runs it (on `y`, or at once with `--run`), shows its output as it comes, and says how it
/// ended. A failed run can be run again. When every block the walk offered ran and exited 0,
/// the run answers all of the step's checks.
final class StepRuns {
  private let io: any WalkIO
  private let options: RunOptions
  private let variables: [String: String]
  private let context: () -> (environment: RunEnvironment, secrets: [String])
  private var offered: [Block] = []
  private var results: [Bool] = []

  /// Creates the runs of one step.
  /// - Parameters:
  ///   - io: the conversation.
  ///   - options: when to run, the timeout.
  ///   - variables: the seller's variables, filled into the code quoted for its language.
  ///   - context: the run's environment and the secret values its output must not show, asked
  ///     for at each run (values are collected as the walk goes).
  init(
    io: any WalkIO, options: RunOptions, variables: [String: String],
    context: @escaping () -> (environment: RunEnvironment, secrets: [String])
  ) {
    self.io = io
    self.options = options
    self.variables = variables
    self.context = context
  }

  /// Whether every block offered so far ran and exited 0 (and at least one did): the step's
  /// checks are then answered.
  var answered: Bool { !results.isEmpty && results.allSatisfy { $0 } }

  /// Whether `block` was offered already.
  func hasOffered(_ block: Block) -> Bool { offered.contains(block) }

  /// Shows `block` and offers to run it, once. The command shown is the code that runs, with
  /// the seller's values quoted; `asText` (the block as the walk shows guide text) is shown
  /// instead when the walk does not run it (`--no-run`, `--yes`, a variable it cannot quote).
  func offer(_ block: Block, asText: String) throws {
    guard !hasOffered(block) else { return }
    offered.append(block)
    guard let code = RunnableCode(block), options.mode != .never else {
      io.show(asText)
      return
    }
    let filled: String
    do {
      filled = try code.filled(variables)
    } catch {
      io.show(asText)
      io.show("  The walk does not run this block: \(TerminalText.inert(error.description)). Do it yourself.\n")
      results.append(false)
      return
    }
    let how = code.language == .sh ? "sh -c" : "python3, the code on standard input"
    let lines = TerminalText.inert(filled).split(separator: "\n", omittingEmptySubsequences: false)
    var shown = "\n  onboard walk can run this (\(how); stopped after \(options.timeout) s):\n"
    for (index, line) in lines.enumerated() where !(index == lines.count - 1 && line.isEmpty) {
      shown += line.isEmpty ? "\n" : (index == 0 ? "    $ " : "      ") + line + "\n"
    }
    io.show(shown)
    if options.mode == .ask, try !io.askYesNo("  Run it now?") {
      results.append(false)
      return
    }
    while true {
      let outcome = run(code, filled)
      if outcome.succeeded {
        io.show("  It worked (exit status 0).\n")
        results.append(true)
        return
      }
      io.show("  It did not work: \(outcome.description).\n")
      guard options.mode == .ask, try io.askYesNo("  Run it again?") else {
        results.append(false)
        return
      }
    }
  }

  private func run(_ code: RunnableCode, _ filled: String) -> RunOutcome {
    let (environment, secrets) = context()
    io.show("  Running…\n")
    let relay = OutputRelay(secrets: secrets) { [io] in io.show($0) }
    let runner = ProcessRunner(
      arguments: code.language.arguments(code: filled), input: code.language.standardInput(code: filled),
      environment: environment.entries, timeout: options.timeout)
    let outcome = runner.run { relay.take($0) }
    relay.finish()
    return outcome
  }
}
