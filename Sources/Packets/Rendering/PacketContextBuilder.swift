import CredentialSpecs
import GuideKit
import OnboardDiagnostics

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
final class PacketContextBuilder {
  let guide: Guide
  let layout: ServiceLayout?
  let screenshots: ScreenshotCatalog
  let embedScreenshots: Bool
  private let cache = MarkdownHTMLCache()
  private let placeholderContexts = PlaceholderContextCache()
  private let comment = CommentEscaper()

  init(guide: Guide, layout: ServiceLayout?, screenshots: ScreenshotCatalog, embedScreenshots: Bool) {
    self.guide = guide
    self.layout = layout
    self.screenshots = screenshots
    self.embedScreenshots = embedScreenshots
  }

  /// A packet's context, ready to specialise per output format.
  struct Context {
    /// Everything but the credentials.
    var base: [String: Any]
    /// The credentials without values.
    var credentials: [[String: Any]]
    /// The seller's known values, by key (secret).
    var known: [String: String]
    /// The screenshots the packet uses, in first-use order.
    var usedScreenshots: [ScreenshotCatalog.Asset]

    /// The dictionary for one output format: credential values only for credential files.
    func dictionary(for format: OutputFormat) -> [String: Any] {
      var dictionary = base
      if format.isCredentialFormat {
        dictionary["credentials"] = credentials.map { entry -> [String: Any] in
          var copy = entry
          if let key = entry["key"] as? String { copy["value"] = known[key] ?? "" }
          return copy
        }
      } else {
        dictionary["credentials"] = credentials
      }
      return dictionary
    }
  }

  /// Builds the context.
  /// - Throws: ``MarkdownFiller/UnsafeLink`` when a link variable holds a dangerous link.
  func build(_ plan: PacketPlan) throws -> Context {
    let seller = plan.seller
    let filler = MarkdownFiller(variables: plan.variables, contexts: placeholderContexts)
    var used: [ScreenshotCatalog.Asset] = []
    var usedPaths: Set<String> = []

    func blocks(_ list: [Block]) throws -> (html: String, markdown: String) {
      var markdown = ""
      for block in list {
        if !markdown.isEmpty { markdown += "\n\n" }
        markdown += try filler.markdown(block.markdown)
      }
      return (markdown.isEmpty ? "" : cache.html(markdown), markdown)
    }

    func notes(_ list: [Note]) throws -> [[String: Any]] {
      try list.map { note in
        let markdown = try filler.markdown(note.markdown)
        return [
          "kind": note.kind.rawValue, "label": note.kind.label, "is_warning": note.kind.isWarning,
          "html": cache.html(markdown), "markdown": markdown,
          "markdown_quoted": Self.quoted(markdown, label: "**\(note.kind.label):** "),
          "markdown_indented": Self.indented(Self.quoted(markdown, label: "**\(note.kind.label):** "), by: "  "),
        ]
      }
    }

    func preconditions(_ list: [Precondition]) throws -> [[String: Any]] {
      try list.map { item in
        let markdown = try filler.markdown(item.markdown)
        return ["text": filler.plain(item.text), "html": cache.inlineHTML(markdown), "markdown": markdown]
      }
    }

    func screenshotEntries(_ references: [ScreenshotReference]) -> [[String: Any]] {
      references.compactMap { reference in
        guard let asset = screenshots.asset(reference.path) else { return nil }
        if usedPaths.insert(asset.guidePath).inserted { used.append(asset) }
        let url = URLEscaper().escape(asset.packetPath)
        let caption = reference.caption.isEmpty ? asset.caption : reference.caption
        return [
          "path": asset.packetPath, "path_url": url, "file_name": asset.fileName,
          "caption": filler.plain(caption), "caption_markdown": MarkdownEscaper().escape(filler.plain(caption)),
          "src_url": asset.dataURI ?? url, "embedded": asset.dataURI != nil, "available": asset.sourcePath != nil,
        ]
      }
    }

    var stageEntries: [[String: Any]] = []
    var stepEntries: [[String: Any]] = []
    var index = 0
    var checkCount = 0
    for planned in plan.stages {
      let stage = planned.stage
      var steps: [[String: Any]] = []
      for plannedStep in planned.steps {
        index += 1
        let step = plannedStep.step
        let title = try filler.markdown(step.titleMarkdown)
        let body = try blocks(plannedStep.blocks)
        let checks: [[String: Any]] = try step.checks.map { check in
          let markdown = try filler.markdown(check.markdown)
          return [
            "id": check.id, "text": filler.plain(check.text), "html": cache.inlineHTML(markdown), "markdown": markdown,
          ]
        }
        checkCount += checks.count
        let shots = screenshotEntries(step.screenshots)
        let label = "\(stage.number).\(step.number)"
        var entry: [String: Any] = [
          "id": step.id, "stage_id": stage.id, "number": step.number, "label": label, "index": index,
          "title": filler.plain(step.title), "title_html": cache.inlineHTML(title), "title_markdown": title,
          "title_comment": comment.escape(filler.plain(step.title)),
          "body_html": body.html, "body_markdown": body.markdown,
          "body_markdown_indented": Self.indented(body.markdown, by: "  "), "has_body": !body.markdown.isEmpty,
          "checks": checks, "has_checks": !checks.isEmpty,
          "notes": try notes(plannedStep.notes), "has_notes": !plannedStep.notes.isEmpty,
          "screenshots": shots, "has_screenshots": !shots.isEmpty,
          "produces": listed(
            step.produces.compactMap { reference in
              guide.credentials[key: reference.key].map { credentialEntry($0, seller: seller, stepIDs: []) }
            }),
          "consumes": listed(step.consumes.map { credentialReference($0.key) }),
          "has_produces": !step.produces.isEmpty, "has_consumes": !step.consumes.isEmpty,
          "preconditions": try preconditions(step.preconditions), "has_preconditions": !step.preconditions.isEmpty,
          "applies": plannedStep.applies, "required_by": plannedStep.requiredBy,
          "pulled_in": !plannedStep.applies,
          "storage_key": "onboard:\(guide.metadata.id):\(seller.id):\(step.id)",
        ]
        if let who = step.who { entry["who"] = filler.plain(who) }
        if let duration = step.duration { entry["duration"] = filler.plain(duration) }
        steps.append(entry)
        stepEntries.append(entry)
      }
      let body = try blocks(planned.blocks)
      stageEntries.append([
        "id": stage.id, "number": stage.number, "title": filler.plain(stage.title),
        "title_markdown": MarkdownEscaper().escape(filler.plain(stage.title)),
        "body_html": body.html, "body_markdown": body.markdown, "has_body": !body.markdown.isEmpty,
        "notes": try notes(planned.notes), "has_notes": !planned.notes.isEmpty,
        "preconditions": try preconditions(stage.preconditions), "has_preconditions": !stage.preconditions.isEmpty,
        "steps": steps, "step_count": steps.count,
      ])
    }
    let introduction = try blocks(plan.introduction)

    let stepIDs = Set(plan.steps.map(\.step.id))
    var credentials: [[String: Any]] = []
    let specs = guide.credentials.specs
    for spec in specs where !spec.isDeprecated {
      credentials.append(credentialEntry(spec, seller: seller, stepIDs: stepIDs))
    }
    credentials = listed(credentials)

    let variableEntries: [[String: Any]] = plan.variables.keys.sorted().map { name in
      ["name": name, "value": plan.variables[name] ?? "", "value_comment": comment.escape(plan.variables[name] ?? "")]
    }
    let sellerEntry: [String: Any] = [
      "id": seller.id, "name": seller.name, "name_comment": comment.escape(seller.name),
      "name_markdown": MarkdownEscaper().escape(seller.name),
      "account": seller.account, "account_is_derived": seller.accountIsDerived,
      "account_yaml_key": YAMLEscaper.key(seller.account), "account_comment": comment.escape(seller.account),
      "owner": seller.owner.display, "owner_name": seller.owner.name, "owner_email": seller.owner.email,
      "owner_comment": comment.escape(seller.owner.display),
      "credential_source": seller.credentialSource, "row": seller.row,
    ]
    let base: [String: Any] = [
      "guide": [
        "id": guide.metadata.id, "title": guide.title, "version": guide.metadata.version,
        "title_comment": comment.escape(guide.title), "title_markdown": MarkdownEscaper().escape(guide.title),
        "version_comment": comment.escape(guide.metadata.version),
      ] as [String: Any],
      "seller": sellerEntry,
      "vars": plan.variables,
      "vars_comment": plan.variables.mapValues { comment.escape($0) },
      "variables": variableEntries,
      "layout": [
        "service": layout?.service ?? "", "default_account": layout?.defaultAccount ?? "default",
      ] as [String: Any],
      "intro_html": introduction.html, "intro_markdown": introduction.markdown,
      "has_intro": !introduction.markdown.isEmpty,
      "stages": stageEntries, "steps": stepEntries, "step_count": stepEntries.count, "check_count": checkCount,
      "known_count": seller.knownCredentials.count,
      "embedded_screenshots": embedScreenshots,
    ]
    var context = Context(base: base, credentials: credentials, known: seller.knownCredentials, usedScreenshots: used)
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

  /// A credential's entry for a seller: the guide's facts (computed once per credential) and
  /// the seller's `known`, `env_name` and which producing steps are in the packet.
  private func credentialEntry(_ spec: CredentialSpec, seller: Seller, stepIDs: Set<String>) -> [String: Any] {
    var entry: [String: Any]
    if let cached = staticCredentialEntries[spec.key] {
      entry = cached
    } else {
      entry = staticCredentialEntry(spec)
      staticCredentialEntries[spec.key] = entry
    }
    let producers = guide.producers(of: spec.key)
    entry["producers"] = listed(
      producers.map { step in
        [
          "id": step.id, "label": "\(guide.stage(id: step.stageID)?.number ?? 0).\(step.number)", "title": step.title,
          "in_packet": stepIDs.contains(step.id),
        ]
      })
    entry["produced_here"] = producers.contains { stepIDs.contains($0.id) }
    let envName =
      layout.map { $0.envName(spec.env ?? spec.key.uppercased(), account: seller.account) }
      ?? (spec.env ?? spec.key.uppercased())
    entry["env_name"] = Self.safeIdentifier(envName)
    entry["known"] = seller.knownCredentials[spec.key] != nil
    return entry
  }

  /// The parts of a credential's entry that are the same for every seller.
  private func staticCredentialEntry(_ spec: CredentialSpec) -> [String: Any] {
    let producers = guide.producers(of: spec.key)
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
    TextScan.indented(markdown, by: indent)
  }
}
