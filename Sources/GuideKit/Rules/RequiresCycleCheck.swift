import OnboardDiagnostics

/// `guide/requires-cycle`: steps that require each other in a loop, so none can be done first.
struct RequiresCycleCheck: GuideCheck {
  static let ruleIDs = [GuideRules.requiresCycle]

  func check(_ context: GuideCheckContext) -> [Diagnostic] {
    let graph = RequiresGraph(context.guide)
    return graph.cycles().map { cycle in
      let shown = cycle.steps.prefix(8).joined(separator: ", ")
      let more = cycle.steps.count > 8 ? " and \(cycle.steps.count - 8) more" : ""
      return Diagnostic(
        severity: .error, ruleID: GuideRules.requiresCycle,
        message: "These steps require each other in a cycle, so none can be done first: \(shown)\(more).",
        location: cycle.location,
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

  /// One cycle per strongly connected group of steps (Tarjan's algorithm, iterative), so a
  /// tangle of requirements is reported once, in time linear in the number of steps and links.
  func cycles() -> [Cycle] {
    var index: [String: Int] = [:]
    var lowLink: [String: Int] = [:]
    var onStack: Set<String> = []
    var stack: [String] = []
    var counter = 0
    var result: [Cycle] = []
    for start in order where index[start] == nil {
      var work: [(node: String, nextEdge: Int)] = [(start, 0)]
      index[start] = counter
      lowLink[start] = counter
      counter += 1
      stack.append(start)
      onStack.insert(start)
      while let top = work.last {
        let node = top.node
        let targets = edges[node] ?? []
        if top.nextEdge < targets.count {
          work[work.count - 1].nextEdge += 1
          let target = targets[top.nextEdge]
          guard edges[target] != nil else { continue }
          if index[target] == nil {
            index[target] = counter
            lowLink[target] = counter
            counter += 1
            stack.append(target)
            onStack.insert(target)
            work.append((target, 0))
          } else if onStack.contains(target) {
            lowLink[node] = min(lowLink[node] ?? 0, index[target] ?? 0)
          }
          continue
        }
        work.removeLast()
        if let parent = work.last?.node {
          lowLink[parent] = min(lowLink[parent] ?? 0, lowLink[node] ?? 0)
        }
        guard lowLink[node] == index[node] else { continue }
        var component: [String] = []
        while let member = stack.popLast() {
          onStack.remove(member)
          component.append(member)
          if member == node { break }
        }
        let selfLoop = component.count == 1 && (edges[node] ?? []).contains(node)
        guard component.count > 1 || selfLoop else { continue }
        let members = Set(component)
        let ordered = order.filter { members.contains($0) }
        let first = ordered.first ?? node
        result.append(
          Cycle(
            steps: ordered,
            location: edgeLocations[first] ?? DiagnosticLocation(file: "", line: 1, column: 1)))
      }
    }
    return result
  }
}
