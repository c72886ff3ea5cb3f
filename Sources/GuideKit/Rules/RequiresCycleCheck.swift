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
///
/// Steps are numbered once, so the cycle search works on arrays of integers rather than on
/// dictionaries keyed by id strings.
public struct RequiresGraph: Sendable {
  /// The distinct step ids, in guide order.
  private var stepIDs: [String] = []
  private var indexByID: [String: Int] = [:]
  /// Each distinct step's targets that are steps, as a range of `targetList` (a repeated step
  /// id keeps the last step's).
  private var targetRanges: [Range<Int>] = []
  private var targetList: [Int] = []
  /// Each distinct step's targets as written (step ids, stage ids expanded to their steps, or
  /// unknown ids), with the same "last step wins" rule.
  private var writtenRanges: [Range<Int>] = []
  private var writtenList: [String] = []
  /// Where each distinct step's first requirement is.
  private var edgeLocations: [DiagnosticLocation?] = []
  /// Every step in guide order, as indexes into `stepIDs` (a repeated id appears again).
  private var order: [Int] = []

  /// The step ids each step requires (directly), in guide order.
  public var edges: [String: [String]] {
    var result: [String: [String]] = [:]
    for (index, id) in stepIDs.enumerated() { result[id] = Array(writtenList[writtenRanges[index]]) }
    return result
  }

  /// Builds the graph of a guide.
  public init(_ guide: Guide) {
    var stageSteps: [String: [Int]] = [:]
    for stage in guide.stages {
      var nodes: [Int] = []
      nodes.reserveCapacity(stage.steps.count)
      for index in stage.steps.indices {
        let id = stage.steps[index].id
        let node: Int
        if let known = indexByID[id] {
          node = known
        } else {
          node = stepIDs.count
          indexByID[id] = node
          stepIDs.append(id)
        }
        nodes.append(node)
        order.append(node)
      }
      stageSteps[stage.id] = nodes
    }
    targetRanges = Array(repeating: 0..<0, count: stepIDs.count)
    writtenRanges = Array(repeating: 0..<0, count: stepIDs.count)
    edgeLocations = Array(repeating: nil, count: stepIDs.count)
    var position = 0
    for stage in guide.stages {
      for index in stage.steps.indices {
        let node = order[position]
        position += 1
        let targetStart = targetList.count
        let writtenStart = writtenList.count
        for reference in stage.steps[index].requires {
          add(reference, from: node, in: stage.id, stageSteps: stageSteps)
        }
        for reference in stage.requires { add(reference, from: node, in: stage.id, stageSteps: stageSteps) }
        targetRanges[node] = targetStart..<targetList.count
        writtenRanges[node] = writtenStart..<writtenList.count
      }
    }
  }

  /// Adds the targets of one requirement of step `node` (in stage `stageID`).
  private mutating func add(_ reference: Reference, from node: Int, in stageID: String, stageSteps: [String: [Int]]) {
    if let steps = stageSteps[reference.target] {
      if reference.target != stageID {
        for step in steps where step != node {
          targetList.append(step)
          writtenList.append(stepIDs[step])
        }
      }
    } else {
      if let step = indexByID[reference.target] { targetList.append(step) }
      writtenList.append(reference.target)
    }
    if edgeLocations[node] == nil { edgeLocations[node] = reference.location }
  }

  /// The step ids `id` requires, directly or through others, in a stable order.
  public func closure(of ids: [String]) -> [String] {
    var seen: Set<String> = []
    var stack = ids.reversed().map { $0 }
    var result: [String] = []
    while let next = stack.popLast() {
      guard seen.insert(next).inserted else { continue }
      result.append(next)
      let nextTargets = indexByID[next].map { writtenList[writtenRanges[$0]] } ?? []
      for target in nextTargets.reversed() where !seen.contains(target) { stack.append(target) }
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
    let count = stepIDs.count
    var index = Array(repeating: -1, count: count)
    var lowLink = Array(repeating: 0, count: count)
    var onStack = Array(repeating: false, count: count)
    var stack: [Int] = []
    var counter = 0
    var result: [Cycle] = []
    // Each distinct step's positions in `order`, to list a cycle's steps in guide order.
    var positions: [[Int]] = []
    for start in order where index[start] < 0 {
      var work: [(node: Int, nextEdge: Int)] = [(start, 0)]
      index[start] = counter
      lowLink[start] = counter
      counter += 1
      stack.append(start)
      onStack[start] = true
      while let top = work.last {
        let node = top.node
        let targets = targetRanges[node]
        if top.nextEdge < targets.count {
          work[work.count - 1].nextEdge += 1
          let target = targetList[targets.lowerBound + top.nextEdge]
          if index[target] < 0 {
            index[target] = counter
            lowLink[target] = counter
            counter += 1
            stack.append(target)
            onStack[target] = true
            work.append((target, 0))
          } else if onStack[target] {
            lowLink[node] = min(lowLink[node], index[target])
          }
          continue
        }
        work.removeLast()
        if let parent = work.last?.node {
          lowLink[parent] = min(lowLink[parent], lowLink[node])
        }
        guard lowLink[node] == index[node] else { continue }
        var component: [Int] = []
        while let member = stack.popLast() {
          onStack[member] = false
          component.append(member)
          if member == node { break }
        }
        let selfLoop = component.count == 1 && targetList[targetRanges[node]].contains(node)
        guard component.count > 1 || selfLoop else { continue }
        if positions.isEmpty {
          positions = Array(repeating: [], count: count)
          for (position, step) in order.enumerated() { positions[step].append(position) }
        }
        let ordered = component.flatMap { positions[$0] }.sorted().map { stepIDs[order[$0]] }
        let first = ordered.first.flatMap { indexByID[$0] } ?? node
        result.append(
          Cycle(
            steps: ordered,
            location: edgeLocations[first] ?? DiagnosticLocation(file: "", line: 1, column: 1)))
      }
    }
    return result
  }
}
