import OnboardDiagnostics

/// `guide/requires-cycle`: steps that require each other in a loop, so none can be done first.
struct RequiresCycleCheck: GuideCheck {
  static let ruleIDs = [GuideRules.requiresCycle]

  func check(_ context: GuideCheckContext) -> [Diagnostic] {
    let graph = RequiresGraph(context.guide)
    return graph.cycles().map { cycle in
      let names = (cycle.steps + [cycle.steps[0]]).joined(separator: " → ")
      return Diagnostic(
        severity: .error, ruleID: GuideRules.requiresCycle,
        message: "These steps require each other in a cycle: \(names).", location: cycle.location,
        fix: "Remove one of the **Requires:** links so that one step can be done first.")
    }
  }
}

/// Step-to-step requirements, with stage requirements expanded to the stage's steps.
public struct RequiresGraph: Sendable {
  /// The step ids each step requires (directly), in guide order.
  public private(set) var edges: [String: [String]] = [:]
  private var edgeLocations: [String: DiagnosticLocation] = [:]
  private var order: [String] = []

  /// Builds the graph of a guide.
  public init(_ guide: Guide) {
    var stageSteps: [String: [String]] = [:]
    for stage in guide.stages { stageSteps[stage.id] = stage.steps.map(\.id) }
    for stage in guide.stages {
      for step in stage.steps {
        order.append(step.id)
        var targets: [String] = []
        for reference in step.requires + stage.requires {
          if let steps = stageSteps[reference.target] {
            targets += steps.filter { $0 != step.id && reference.target != stage.id }
          } else {
            targets.append(reference.target)
          }
          if edgeLocations[step.id] == nil { edgeLocations[step.id] = reference.location }
        }
        edges[step.id] = targets
      }
    }
  }

  /// The step ids `id` requires, directly or through others, in a stable order.
  public func closure(of ids: [String]) -> [String] {
    var seen: Set<String> = []
    var stack = ids.reversed().map { $0 }
    var result: [String] = []
    while let next = stack.popLast() {
      guard seen.insert(next).inserted else { continue }
      result.append(next)
      for target in (edges[next] ?? []).reversed() where !seen.contains(target) { stack.append(target) }
    }
    return result
  }

  struct Cycle {
    var steps: [String]
    var location: DiagnosticLocation
  }

  /// Every cycle, found with an iterative depth-first search (one report per strongly
  /// connected loop found).
  func cycles() -> [Cycle] {
    enum Mark { case visiting, done }
    var marks: [String: Mark] = [:]
    var result: [Cycle] = []
    for start in order where marks[start] == nil {
      var path: [String] = []
      var stack: [(node: String, nextEdge: Int)] = [(start, 0)]
      marks[start] = .visiting
      path.append(start)
      while !stack.isEmpty {
        let top = stack.count - 1
        let node = stack[top].node
        let targets = edges[node] ?? []
        if stack[top].nextEdge < targets.count {
          let target = targets[stack[top].nextEdge]
          stack[top].nextEdge += 1
          guard edges[target] != nil else { continue }
          switch marks[target] {
          case .none:
            marks[target] = .visiting
            path.append(target)
            stack.append((target, 0))
          case .visiting:
            if let index = path.firstIndex(of: target) {
              let steps = Array(path[index...])
              result.append(
                Cycle(steps: steps, location: edgeLocations[node] ?? DiagnosticLocation(file: "", line: 1, column: 1)))
            }
          case .done:
            break
          }
        } else {
          marks[node] = .done
          path.removeLast()
          stack.removeLast()
        }
      }
    }
    return result
  }
}
