import CredentialSpecs
import Escaping
import GuideKit
import OnboardDiagnostics
import OnboardSupport
import PacketPlanning
import Roster

/// Builds the generic Mustache context of one packet from its plan.
///
/// Nothing here knows a service: the context holds the guide, the seller's variables, the
/// planned stages and steps (with bodies rendered to safe HTML and to filled Markdown), checks,
/// notes, screenshots, and the guide's credentials. docs/roster.md lists every field.
///
/// Field conventions: plain fields (`name`, `title`, `text`, `value`, ...) are raw values that
/// `{{field}}` escapes for the output's format. Fields ending in `_html` are safe HTML, in
/// `_markdown` safe Markdown (values already escaped), in `_comment` one line safe after a
/// comment marker, in `_url` percent-encoded; emit those with `{{{field}}}`. Credential
/// `value`s are present only when rendering a credential file.
///
/// Every field is described once as a ``SlotText`` (the same for every seller, or computed from
/// the seller), so the builder gives either a concrete context for one seller (``build(_:)``)
/// or a shape context, where per-seller fields are slot markers (``buildShape(_:)``).
final class PacketContextBuilder {
  let guide: Guide
  let layout: ServiceLayout?
  let screenshots: ScreenshotCatalog
  let embedScreenshots: Bool
  let cache = MarkdownHTMLCache()
  let placeholderContexts = PlaceholderContextCache()
  /// The variables that sentinels in spliced Markdown stand for (see ``SentinelSplice``).
  let sentinelNames = SentinelSplice.Names()
  /// Whether per-seller guide Markdown may be spliced into a render of its form (off only to
  /// test that splicing changes no byte).
  var splicesMarkdown = true
  private let comment = CommentEscaper()
  private var producersByKey: [String: [Step]] = [:]
  /// The layout's environment suffix cut at each `{{account}}`.
  private let envSuffixParts: [String]

  init(guide: Guide, layout: ServiceLayout?, screenshots: ScreenshotCatalog, embedScreenshots: Bool) {
    self.guide = guide
    self.layout = layout
    self.screenshots = screenshots
    self.embedScreenshots = embedScreenshots
    var parts: [String] = []
    var rest = Substring(layout?.envSuffix ?? "")
    while let range = rest.range(of: "{{account}}") {
      parts.append(String(rest[..<range.lowerBound]))
      rest = rest[range.upperBound...]
    }
    parts.append(String(rest))
    self.envSuffixParts = parts
  }

  /// `layout.envName(env, account:)`, without searching the suffix for each seller.
  private static func envName(_ env: String, account: String, layout: ServiceLayout?, suffixParts: [String]) -> String {
    guard let layout, !layout.envSuffix.isEmpty else { return env }
    if account == layout.defaultAccount && !layout.suffixDefaultAccount { return env }
    return env + suffixParts.joined(separator: account)
  }

  /// A packet's context, ready to specialise per output format.
  struct Context {
    /// Everything but the credentials.
    var base: [String: Any]
    /// The credentials without values.
    var credentials: [[String: Any]]
    /// The credentials with values (for credential files).
    var credentialsWithValues: [[String: Any]]
    /// The screenshots the packet uses, in first-use order.
    var usedScreenshots: [ScreenshotCatalog.Asset]

    /// The dictionary for one output format: credential values only for credential files.
    func dictionary(for format: OutputFormat) -> [String: Any] {
      var dictionary = base
      dictionary["credentials"] = format.isCredentialFormat ? credentialsWithValues : credentials
      return dictionary
    }
  }

  /// A shape context: the context with slot markers, and what each slot and flag stands for.
  struct ShapeContext {
    /// The context, with markers for per-seller text and ``ContextEmitter/DeferredFlag``s.
    var context: Context
    /// The per-seller fields, by slot.
    var slots: [SlotNode]
    /// For each deferred flag, the slot whose emptiness decides it.
    var flagSlots: [Int]
    /// How many nodes the description made (for evaluating them per seller).
    var nodeCount: Int
  }

  /// What per-seller fields are computed from.
  func input(for plan: PacketPlan) -> SlotInput {
    SlotInput(seller: plan.seller, variables: plan.variables)
  }

  /// Builds the concrete context of one seller.
  /// - Throws: ``MarkdownFiller/UnsafeLink`` when a link variable holds a dangerous link.
  func build(_ plan: PacketPlan) throws -> Context {
    let graph = SlotGraph()
    let emitter = ContextEmitter(concrete: SlotEvaluator(input: input(for: plan), nodeCount: 0))
    return try assemble(plan, graph: graph, emitter: emitter)
  }

  /// Builds the shape context of a plan: the same context with every per-seller field left as
  /// a slot marker. Only the plan's structure is read (see ``PacketShape``).
  func buildShape(_ plan: PacketPlan) -> ShapeContext? {
    let graph = SlotGraph()
    let emitter = ContextEmitter()
    guard let context = try? assemble(plan, graph: graph, emitter: emitter) else { return nil }
    return ShapeContext(
      context: context, slots: emitter.slots, flagSlots: emitter.flagSlots, nodeCount: graph.nodes.count)
  }

  // MARK: - Field descriptions

  /// Guide Markdown filled with the seller's values.
  private func markdown(_ text: String, in graph: SlotGraph) -> SlotText {
    guard UTF8Scan.mayHavePlaceholder(text) else { return .constant(text) }
    let mayThrow = placeholderContexts.contexts(of: text).values.contains(.linkDestination(startsDestination: true))
    let prepared = PreparedText(markdown: text, contexts: placeholderContexts)
    let names = sentinelNames
    return graph.node(
      mayThrow: mayThrow, memoKeys: prepared.variableNames,
      template: splicesMarkdown ? { prepared.sentinelTemplate($0.input.variables, names: names) } : nil
    ) { try prepared.markdown($0.input.variables) }
  }

  /// Guide text with the seller's values as they are (for fields the template escapes).
  private func plain(_ text: String, in graph: SlotGraph) -> SlotText {
    guard UTF8Scan.mayHavePlaceholder(text) else { return .constant(text) }
    let prepared = PreparedText(plain: text)
    return graph.node(mayThrow: false, memoKeys: prepared.variableNames) { prepared.plain($0.input.variables) }
  }

  /// cmark's safe HTML of filled Markdown; `empty` gives "" for empty Markdown.
  private func html(_ markdown: SlotText, emptyIsEmpty: Bool = false, in graph: SlotGraph) -> SlotText {
    if let value = markdown.constantValue { return .constant(emptyIsEmpty && value.isEmpty ? "" : cache.html(value)) }
    guard case .node(let parent) = markdown.storage else { return markdown }
    let cache = MarkdownHTMLCache(limit: Self.nodeCacheLimit, giveUpWhenFull: true)
    let names = sentinelNames
    return graph.node(mayThrow: parent.mayThrow, memoKeys: parent.memoKeys) { evaluator in
      let template = parent.template?(evaluator)
      if emptyIsEmpty {
        let isEmpty = try template.map { $0.markdown.isEmpty } ?? evaluator.value(of: parent).isEmpty
        if isEmpty { return "" }
      }
      return try cache.html(
        template: template, inline: false, value: { names.name($0).flatMap { evaluator.input.variables[$0] } },
        markdown: { try evaluator.value(of: parent) })
    }
  }

  /// The HTML of one filled paragraph without its `<p>` wrapper.
  private func inlineHTML(_ markdown: SlotText, in graph: SlotGraph) -> SlotText {
    if let value = markdown.constantValue { return .constant(cache.inlineHTML(value)) }
    guard case .node(let parent) = markdown.storage else { return markdown }
    let cache = MarkdownHTMLCache(limit: Self.nodeCacheLimit, giveUpWhenFull: true)
    let names = sentinelNames
    return graph.node(mayThrow: parent.mayThrow, memoKeys: parent.memoKeys) { evaluator in
      try cache.html(
        template: parent.template?(evaluator), inline: true,
        value: { names.name($0).flatMap { evaluator.input.variables[$0] } },
        markdown: { try evaluator.value(of: parent) })
    }
  }

  /// How many different renders each per-seller HTML field remembers; a field that takes more
  /// values than this (it holds a per-seller value such as the name) stops remembering.
  static let nodeCacheLimit = 64

  /// A per-seller field of the seller.
  private func seller(_ field: @escaping (Seller) -> String, in graph: SlotGraph) -> SlotText {
    graph.node(mayThrow: false) { field($0.input.seller) }
  }

  // MARK: - Assembling

  private func assemble(_ plan: PacketPlan, graph: SlotGraph, emitter: ContextEmitter) throws -> Context {
    let seller = plan.seller
    var used: [ScreenshotCatalog.Asset] = []
    var usedPaths: Set<String> = []
    let comment = self.comment

    func blocks(_ list: [Block]) -> (html: SlotText, markdown: SlotText) {
      let markdown = SlotText.joinedBlocks(
        list.map { self.markdown($0.markdown, in: graph) }, separator: "\n\n", in: graph)
      return (html(markdown, emptyIsEmpty: true, in: graph), markdown)
    }

    func notes(_ list: [Note]) throws -> [[String: Any]] {
      try list.map { note in
        let markdown = self.markdown(note.markdown, in: graph)
        let label = "**\(note.kind.label):** "
        let quoted = markdown.map(in: graph) { Self.quoted($0, label: label) }
        return [
          "kind": note.kind.rawValue, "label": note.kind.label, "is_warning": note.kind.isWarning,
          "html": try emitter.text(html(markdown, in: graph)), "markdown": try emitter.text(markdown),
          "markdown_quoted": try emitter.text(quoted),
          "markdown_indented": try emitter.text(quoted.map(in: graph) { Self.indented($0, by: "  ") }),
        ]
      }
    }

    func preconditions(_ list: [Precondition]) throws -> [[String: Any]] {
      try list.map { item in
        let markdown = self.markdown(item.markdown, in: graph)
        return [
          "text": try emitter.text(plain(item.text, in: graph)),
          "html": try emitter.text(inlineHTML(markdown, in: graph)),
          "markdown": try emitter.text(markdown),
        ]
      }
    }

    func screenshotEntries(_ references: [ScreenshotReference]) throws -> [[String: Any]] {
      try references.compactMap { reference in
        guard let asset = screenshots.asset(reference.path) else { return nil }
        if usedPaths.insert(asset.guidePath).inserted { used.append(asset) }
        let url = URLEscaper().escape(asset.packetPath)
        let caption = plain(reference.caption.isEmpty ? asset.caption : reference.caption, in: graph)
        return [
          "path": asset.packetPath, "path_url": url, "file_name": asset.fileName,
          "caption": try emitter.text(caption),
          "caption_markdown": try emitter.text(caption.map(in: graph) { MarkdownEscaper().escape($0) }),
          "src_url": asset.dataURI ?? url, "embedded": asset.dataURI != nil, "available": asset.sourcePath != nil,
        ]
      }
    }

    var stageEntries: [[String: Any]] = []
    var stepEntries: [[String: Any]] = []
    var index = 0
    var checkCount = 0
    func checkEntry(_ check: Check) throws -> [String: Any] {
      let markdown = self.markdown(check.markdown, in: graph)
      let guideID = guide.metadata.id
      let checkID = check.id
      return [
        "id": check.id, "text": try emitter.text(plain(check.text, in: graph)),
        "html": try emitter.text(inlineHTML(markdown, in: graph)), "markdown": try emitter.text(markdown),
        "is_check": true,
        // The checklist's tick box of this check: `onboard:<guide>:<seller>:<step>#check-<n>`.
        "storage_key": try emitter.text(self.seller({ "onboard:\(guideID):\($0.id):\(checkID)" }, in: graph)),
      ]
    }

    /// A step's items in the guide's order: blocks and notes alone, and each run of checks and
    /// screenshots as one group (the HTML checklist shows a group's checks beside its screenshots).
    func content(_ parts: [PacketPlan.PlannedPart]) throws -> [[String: Any]] {
      var entries: [[String: Any]] = []
      var group: [[String: Any]] = []
      func closeGroup() {
        guard !group.isEmpty else { return }
        for position in group.indices where group[position]["is_check"] as? Bool == true {
          group[position]["opens_list"] = position == 0 || group[position - 1]["is_check"] as? Bool != true
        }
        let checks = group.filter { $0["is_check"] as? Bool == true }
        let shots = group.filter { $0["is_screenshot"] as? Bool == true }
        entries.append([
          "is_group": true, "items": group, "checks": checks, "screenshots": shots, "has_checks": !checks.isEmpty,
          "has_screenshots": !shots.isEmpty,
        ])
        group = []
      }
      for part in parts {
        switch part {
        case .block(let block):
          closeGroup()
          let body = blocks([block])
          entries.append([
            "is_block": true, "html": try emitter.text(body.html), "markdown": try emitter.text(body.markdown),
            "markdown_indented": try emitter.text(body.markdown.map(in: graph) { Self.indented($0, by: "  ") }),
            // A run-marked block: shown as code, with a line saying `onboard walk` can run it.
            "run_note": block.runnable.map(Block.runLanguages.contains) ?? false,
          ])
        case .note(let note):
          closeGroup()
          var entry = try notes([note])[0]
          entry["is_note"] = true
          entries.append(entry)
        case .check(let check):
          group.append(try checkEntry(check))
        case .screenshot(let reference):
          if var entry = try screenshotEntries([reference]).first {
            entry["is_screenshot"] = true
            group.append(entry)
          }
        }
      }
      closeGroup()
      return entries
    }

    func sectionEntries(_ sections: [PacketPlan.PlannedSection]) throws -> [[String: Any]] {
      try sections.map { planned in
        let section = planned.section
        let title = markdown(section.titleMarkdown, in: graph)
        let body = blocks(section.body)
        // Its blocks one by one; a paragraph of images becomes screenshots (packet files).
        var content: [[String: Any]] = []
        for block in section.body {
          if block.images.isEmpty {
            let rendered = blocks([block])
            content.append([
              "is_block": true, "html": try emitter.text(rendered.html),
              "markdown": try emitter.text(rendered.markdown),
            ])
          } else {
            for var entry in try screenshotEntries(block.images) {
              entry["is_screenshot"] = true
              content.append(entry)
            }
          }
        }
        return [
          "content": content,
          "id": section.id, "title": try emitter.text(plain(section.title, in: graph)),
          "title_markdown": try emitter.text(title), "title_html": try emitter.text(inlineHTML(title, in: graph)),
          "body_html": try emitter.text(body.html), "body_markdown": try emitter.text(body.markdown),
          "has_body": try emitter.nonEmpty(body.markdown),
        ]
      }
    }

    var labels: [String: String] = [:]
    for planned in plan.stages {
      for step in planned.steps where labels[step.step.id] == nil { labels[step.step.id] = step.label }
    }

    for planned in plan.stages {
      let stage = planned.stage
      var steps: [[String: Any]] = []
      for plannedStep in planned.steps {
        index += 1
        let step = plannedStep.step
        let title = markdown(step.titleMarkdown, in: graph)
        let body = blocks(plannedStep.blocks)
        let checks: [[String: Any]] = try step.checks.map(checkEntry)
        checkCount += checks.count
        let shots = try screenshotEntries(step.screenshots)
        let label = plannedStep.label
        let plainTitle = plain(step.title, in: graph)
        // A delta packet's boxes start empty: its steps are to be done again, so they are not
        // the ticks of the seller's earlier packet (delta in the key, which the shape holds).
        let stepID = step.id + (plan.delta.map { ":delta-\($0.oldVersion)-\($0.newVersion)" } ?? "")
        let guideID = guide.metadata.id
        var entry: [String: Any] = [
          "id": step.id, "stage_id": stage.id, "number": plannedStep.number, "label": label, "index": index,
          "guide_number": step.number, "content": try content(plannedStep.parts),
          "title": try emitter.text(plainTitle), "title_html": try emitter.text(inlineHTML(title, in: graph)),
          "title_markdown": try emitter.text(title),
          "title_comment": try emitter.text(plainTitle.map(in: graph) { comment.escape($0) }),
          "body_html": try emitter.text(body.html), "body_markdown": try emitter.text(body.markdown),
          "body_markdown_indented": try emitter.text(body.markdown.map(in: graph) { Self.indented($0, by: "  ") }),
          "has_body": try emitter.nonEmpty(body.markdown),
          "checks": checks, "has_checks": !checks.isEmpty,
          "notes": try notes(plannedStep.notes), "has_notes": !plannedStep.notes.isEmpty,
          "screenshots": shots, "has_screenshots": !shots.isEmpty,
          "produces": listed(
            try step.produces.compactMap { reference in
              try guide.credentials[key: reference.key].map {
                try credentialEntry($0, seller: seller, labels: [:], graph: graph, emitter: emitter)
              }
            }),
          "consumes": listed(step.consumes.map { credentialReference($0.key) }),
          "has_produces": !step.produces.isEmpty, "has_consumes": !step.consumes.isEmpty,
          "preconditions": try preconditions(step.preconditions), "has_preconditions": !step.preconditions.isEmpty,
          "applies": plannedStep.applies, "required_by": plannedStep.requiredBy,
          "pulled_in": !plannedStep.applies,
          "storage_key": try emitter.text(self.seller({ "onboard:\(guideID):\($0.id):\(stepID)" }, in: graph)),
        ]
        if let who = step.who { entry["who"] = try emitter.text(plain(who, in: graph)) }
        if let duration = step.duration { entry["duration"] = try emitter.text(plain(duration, in: graph)) }
        steps.append(entry)
        stepEntries.append(entry)
      }
      let body = blocks(planned.blocks)
      let stageTitle = plain(stage.title, in: graph)
      stageEntries.append([
        "id": stage.id, "number": planned.number, "guide_number": stage.number, "title": try emitter.text(stageTitle),
        "sections_after": try sectionEntries(planned.sectionsAfter),
        "title_markdown": try emitter.text(stageTitle.map(in: graph) { MarkdownEscaper().escape($0) }),
        "body_html": try emitter.text(body.html), "body_markdown": try emitter.text(body.markdown),
        "has_body": try emitter.nonEmpty(body.markdown),
        "notes": try notes(planned.notes), "has_notes": !planned.notes.isEmpty,
        "content": try content(planned.parts),
        "preconditions": try preconditions(stage.preconditions), "has_preconditions": !stage.preconditions.isEmpty,
        "steps": steps, "step_count": steps.count,
      ])
    }
    let introduction = blocks(plan.introduction)

    var credentials: [[String: Any]] = []
    var credentialsWithValues: [[String: Any]] = []
    for spec in guide.credentials.specs where !spec.isDeprecated {
      let entry = try credentialEntry(spec, seller: seller, labels: labels, graph: graph, emitter: emitter)
      credentials.append(entry)
      var withValue = entry
      let key = spec.key
      withValue["value"] = try emitter.text(self.seller({ $0.knownCredentials[key] ?? "" }, in: graph))
      credentialsWithValues.append(withValue)
    }
    credentials = listed(credentials)
    credentialsWithValues = listed(credentialsWithValues)

    let names = plan.variables.keys.sorted()
    var variableEntries: [[String: Any]] = []
    var vars: [String: String] = [:]
    var varsComment: [String: String] = [:]
    for name in names {
      let value = graph.node(mayThrow: false) { $0.input.variables[name] ?? "" }
      let valueComment = value.map(in: graph) { comment.escape($0) }
      let text = try emitter.text(value)
      let textComment = try emitter.text(valueComment)
      variableEntries.append(["name": name, "value": text, "value_comment": textComment])
      vars[name] = text as? String
      varsComment[name] = textComment as? String
    }
    let marker = layout?.missingValue ?? PacketPlanner.defaultMissingValue
    let missing: @Sendable (String) -> String = { name in
      marker.replacingOccurrences(of: "{{label}}", with: name.replacingOccurrences(of: "_", with: " "))
    }
    func sellerText(_ field: @escaping (Seller) -> String) throws -> Any {
      try emitter.text(self.seller(field, in: graph))
    }
    let sellerEntry: [String: Any] = [
      "id": try sellerText { $0.id }, "name": try sellerText { $0.name },
      "name_comment": try sellerText { comment.escape($0.name) },
      "name_markdown": try sellerText { MarkdownEscaper().escape($0.name) },
      "account": try sellerText { $0.account }, "account_is_derived": seller.accountIsDerived,
      "account_yaml_key": try sellerText { YAMLEscaper.key($0.account) },
      "account_comment": try sellerText { comment.escape($0.account) },
      "owner": try sellerText { $0.owner.display.isEmpty ? missing("owner") : $0.owner.display },
      "owner_name": try sellerText { $0.owner.name.isEmpty ? missing("owner_name") : $0.owner.name },
      "owner_email": try sellerText { $0.owner.email.isEmpty ? missing("owner_email") : $0.owner.email },
      "owner_comment": try sellerText {
        comment.escape($0.owner.display.isEmpty ? missing("owner") : $0.owner.display)
      },
      "credential_source": try sellerText { $0.credentialSource }, "row": try sellerText { String($0.row) },
    ]
    let base: [String: Any] = [
      "guide": [
        "id": guide.metadata.id, "title": guide.title, "version": guide.metadata.version,
        "title_comment": comment.escape(guide.title), "title_markdown": MarkdownEscaper().escape(guide.title),
        "version_comment": comment.escape(guide.metadata.version),
      ] as [String: Any],
      "seller": sellerEntry,
      "vars": vars,
      "vars_comment": varsComment,
      "variables": variableEntries,
      "layout": [
        "service": layout?.service ?? "", "default_account": layout?.defaultAccount ?? "default",
      ] as [String: Any],
      "intro_html": try emitter.text(introduction.html), "intro_markdown": try emitter.text(introduction.markdown),
      "has_intro": try emitter.nonEmpty(introduction.markdown),
      "leading_sections": try sectionEntries(plan.leadingSections),
      "stages": stageEntries, "steps": stepEntries, "step_count": stepEntries.count, "check_count": checkCount,
      "known_count": seller.knownCredentials.count,
      "embedded_screenshots": embedScreenshots,
    ]
    var context = Context(
      base: base, credentials: credentials, credentialsWithValues: credentialsWithValues, usedScreenshots: used)
    context.base["screenshots"] = used.map { asset -> [String: Any] in
      let url = URLEscaper().escape(asset.packetPath)
      return [
        "path": asset.packetPath, "path_url": url, "file_name": asset.fileName, "caption": asset.caption,
        "src_url": asset.dataURI ?? url, "available": asset.sourcePath != nil,
      ]
    }
    return context
  }

  private func credentialReference(_ key: String) -> [String: Any] {
    ["key": key, "title": guide.credentials[key: key]?.title ?? key]
  }

  /// Marks the first and last entries of a list (`first`, `last`), for separators.
  private func listed(_ entries: [[String: Any]]) -> [[String: Any]] {
    var result = entries
    for position in result.indices {
      result[position]["first"] = position == 0
      result[position]["last"] = position == result.count - 1
    }
    return result
  }

  private var staticCredentialEntries: [String: [String: Any]] = [:]

  private func producers(of key: String) -> [Step] {
    if let known = producersByKey[key] { return known }
    let found = guide.producers(of: key)
    producersByKey[key] = found
    return found
  }

  /// A credential's entry for a seller: the guide's facts (computed once per credential) and
  /// the seller's `known`, `env_name` and which producing steps are in the packet.
  private func credentialEntry(
    _ spec: CredentialSpec, seller: Seller, labels: [String: String], graph: SlotGraph, emitter: ContextEmitter
  ) throws -> [String: Any] {
    var entry: [String: Any]
    if let cached = staticCredentialEntries[spec.key] {
      entry = cached
    } else {
      entry = staticCredentialEntry(spec)
      staticCredentialEntries[spec.key] = entry
    }
    let producers = self.producers(of: spec.key)
    entry["producers"] = listed(
      producers.map { step in
        [
          "id": step.id, "label": labels[step.id] ?? "\(guide.stage(id: step.stageID)?.number ?? 0).\(step.number)",
          "title": step.title, "in_packet": labels[step.id] != nil,
        ]
      })
    entry["produced_here"] = producers.contains { labels[$0.id] != nil }
    if let step = producers.first, let label = labels[step.id] {
      entry["producer_comment"] = comment.escape("step \(label) \"\(step.title)\" (\(step.id))")
    }
    let env = spec.env ?? spec.key.uppercased()
    let layout = self.layout
    let parts = envSuffixParts
    entry["env_name"] = try emitter.text(
      self.seller(
        { Self.safeIdentifier(Self.envName(env, account: $0.account, layout: layout, suffixParts: parts)) },
        in: graph))
    entry["known"] = seller.knownCredentials[spec.key] != nil
    return entry
  }

  /// The parts of a credential's entry that are the same for every seller.
  private func staticCredentialEntry(_ spec: CredentialSpec) -> [String: Any] {
    let producers = self.producers(of: spec.key)
    let producerComment: String
    if let step = producers.first {
      let stageNumber = guide.stage(id: step.stageID)?.number ?? 0
      producerComment = comment.escape("step \(stageNumber).\(step.number) \"\(step.title)\" (\(step.id))")
    } else {
      producerComment = "no step of the guide"
    }
    var entry: [String: Any] = [
      "key": spec.key, "key_yaml_key": YAMLEscaper.key(spec.key), "key_comment": comment.escape(spec.key),
      "title": spec.title, "title_comment": comment.escape(spec.title), "env": spec.env ?? "",
      "required": spec.required, "secret": spec.secret, "has_producers": !producers.isEmpty,
      "producer_comment": producerComment,
    ]
    if let example = spec.example {
      entry["example"] = example
      entry["example_comment"] = comment.escape(example)
    }
    if let pattern = spec.pattern { entry["pattern"] = pattern.source }
    if let maxLength = spec.maxLength { entry["max_length"] = maxLength }
    if let prefix = spec.publicPrefix { entry["public_prefix"] = prefix }
    if let description = spec.description { entry["description"] = description }
    if !spec.mistakes.isEmpty {
      entry["mistakes"] = spec.mistakes.map { ["message": $0.message, "fix": $0.fix ?? ""] as [String: Any] }
      entry["has_mistakes"] = true
    }
    return entry
  }

  /// An environment name made safe for dotenv and shells: characters other than ASCII letters,
  /// digits and `_` become `_`.
  static func safeIdentifier(_ name: String) -> String {
    Seller.derivedAccount(from: name)
  }

  /// Markdown as a block quote, with a label at its start.
  static func quoted(_ markdown: String, label: String) -> String {
    let lines = (label + markdown).split(separator: "\n", omittingEmptySubsequences: false)
    return lines.map { $0.isEmpty ? ">" : "> " + $0 }.joined(separator: "\n")
  }

  /// Markdown with every non-empty line indented.
  static func indented(_ markdown: String, by indent: String) -> String {
    UTF8Scan.indented(markdown, by: indent)
  }
}
