import Escaping
import Foundation
import GuideKit
import Roster
import Testing

@testable import PacketPlanning
@testable import Packets

/// The fast path (Mustache once per packet shape, then each seller's escaped values spliced
/// in) must write exactly the bytes of a full Mustache render for every seller.
@Suite("Spliced rendering")
struct SplicedRenderingTests {
  /// Values that stress every escaper, in names, owners, extra fields and known credentials.
  static let hostile =
    nastyNames + [
      "{{name}}", "  leading", "trailing  ", "*x* [l](http://e.com) `c` \\ & &amp; <b>", "é 日本 \u{2028} x", "#hash",
      "- dash", "1. one", "a\tb", "'; DROP\n\"x\"", "", "Seller 1 & Sons <Ltd>", "x_y-z.w", "\u{0}nul",
    ]

  /// A roster of `count` sellers across marketplaces, credential sources, given and derived
  /// accounts, known credentials, extra fields and hostile values.
  static func roster(count: Int) -> String {
    let markets = ["US", "DE", "JP", "UK", "CA", "BR", "FR", "IN"]
    let sources = ["file", "env", "code"]
    var yaml = ""
    for index in 0..<count {
      let hostile = Self.hostile[index % Self.hostile.count]
      let name = index % 3 == 0 ? hostile : "Seller \(index)"
      yaml +=
        "- id: s-\(index)\n  name: \(YAMLEscaper().escape(name))\n  marketplace: \(markets[index % markets.count])\n"
      yaml += "  credential_source: \(sources[(index / 2) % sources.count])\n"
      if index % 4 != 1 {
        yaml += "  owner:\n    name: \(YAMLEscaper().escape(index % 5 == 0 ? hostile : "Owner \(index)"))\n"
        yaml += "    email: o\(index)@example.com\n"
      }
      if index % 2 == 0 { yaml += "  account: acc_\(index)\n" }
      if index % 7 == 3 { yaml += "  team: \(YAMLEscaper().escape(hostile))\n" }
      if index % 5 == 2 { yaml += "  lwa_app_id: amzn1.application-oa2-client.\(String(repeating: "ab", count: 16))\n" }
    }
    return yaml
  }

  func plans(_ path: String, generator: PacketGenerator) throws -> [PacketPlan] {
    let decoder = SellerDecoder(credentialKeys: generator.guide.credentials.keys)
    return try RosterReader.readAll(path).records.compactMap { record in
      guard let seller = decoder.decode(record).seller else { return nil }
      return try generator.plan(seller).get()
    }
  }

  func renderer(for run: PacketRun, embed: Bool) throws -> PacketRenderer {
    let templates = try TestSupport.templates()
    let screenshots = ScreenshotCatalog(guide: run.guide, embed: embed)
    return PacketRenderer(
      templates: templates,
      builder: PacketContextBuilder(
        guide: run.guide, layout: templates.layout, screenshots: screenshots, embedScreenshots: embed))
  }

  @Test("Spliced packets equal Mustache's bytes for the example and hostile rosters", arguments: [false, true])
  func splicedEqualsMustache(embed: Bool) throws {
    let run = try PacketRun(embed: embed)
    let renderer = try renderer(for: run, embed: embed)
    let rosters = [
      TestSupport.root + "/examples/sellers.yml", TestSupport.root + "/examples/sellers.csv",
      try TestSupport.file(Self.roster(count: 150), named: "hostile.yml"),
    ]
    var compared = 0
    for path in rosters {
      for plan in try plans(path, generator: run.generator) {
        let spliced = try renderer.render(plan)
        let reference = try renderer.renderWithMustache(plan, counted: false)
        #expect(spliced.outputs.count == reference.outputs.count)
        for (index, (got, expected)) in zip(spliced.outputs, reference.outputs).enumerated() where got != expected {
          Issue.record(
            "\(plan.seller.id) \(run.generator.templates.outputs[index].fileName): spliced output differs from Mustache's"
          )
        }
        #expect(spliced.usedScreenshots.map(\.packetPath) == reference.usedScreenshots.map(\.packetPath))
        compared += 1
      }
    }
    #expect(compared == 160)
    // Every packet went through the fast path, and no shape failed its check against Mustache.
    #expect(renderer.counts.spliced == compared)
    #expect(renderer.counts.mustache == 0 && renderer.counts.rejected == 0)
    #expect(renderer.counts.shapes > 5)
  }

  @Test("Packets written through the fast path equal packets rendered with Mustache, file by file")
  func writtenPacketsEqualMustache() throws {
    let run = try PacketRun(workers: 2)
    let roster = try TestSupport.file(Self.roster(count: 40), named: "r.yml")
    let result = try run.run(roster)
    #expect(result.written == 40)
    let renderer = try renderer(for: run, embed: false)
    for plan in try plans(roster, generator: run.generator) {
      let reference = try renderer.renderWithMustache(plan)
      for (output, bytes) in zip(run.generator.templates.outputs, reference.outputs) {
        let path = run.out + "/" + plan.seller.id + "/" + output.fileName(account: plan.seller.account)
        #expect(FileManager.default.contents(atPath: path).map { [UInt8]($0) } == bytes, "\(path)")
      }
    }
  }

  @Test("Templates whose output could depend on a value other than by writing it are never spliced")
  func canSplice() {
    #expect(TemplateSet.canSplice("# {{title}}\n{{#steps}}- {{{id}}}{{/steps}}{{! a (comment) * }}\n{{> _part}}"))
    #expect(!TemplateSet.canSplice("{{lowercased(name)}}"))
    #expect(!TemplateSet.canSplice("{{#reversed(steps)}}x{{/reversed(steps)}}"))
    #expect(!TemplateSet.canSplice("{{=<% %>=}}<% name %>"))
    #expect(!TemplateSet.canSplice("{{% CONTENT_TYPE: TEXT }}{{name}}"))
    #expect(!TemplateSet.canSplice("{{>*dynamic}}"))
    #expect(!TemplateSet.canSplice("a \u{1}0\u{2} b"))
  }

  @Test("A rendered shape with a malformed marker is not used")
  func malformedMarkers() {
    #expect(Skeleton(rendered: "a\u{1}12\u{2}b\u{1}3\u{3}0\u{2}c")?.pieces.count == 2)
    #expect(Skeleton(rendered: "a\u{1}12b") == nil)
    #expect(Skeleton(rendered: "a\u{2}b") == nil)
    #expect(Skeleton(rendered: "a\u{1}\u{2}b") == nil)
    #expect(Skeleton(rendered: "a\u{1}1\u{3}9\u{2}b") == nil)
  }

  @Test("Filling guide text once prepared gives what the filler gives")
  func preparedText() throws {
    let contexts = PlaceholderContextCache()
    let texts = [
      "Open [the page]({{url}}) for {{name}} and `{{account}}`.", "```\n{{account}}:\n```\n{{missing}} {{ name }}",
      "plain {{name}}{{name}} end", "no placeholders", "{{", "broken {{name", "",
    ]
    for variables in [
      ["name": "*A* & <b>", "account": "a`b\nc", "url": "https://x.example/a b"], ["name": "", "account": "x"],
    ] {
      let filler = MarkdownFiller(variables: variables)
      for text in texts {
        #expect(
          try PreparedText(markdown: text, contexts: contexts).markdown(variables) == filler.markdown(text), "\(text)")
        #expect(PreparedText(plain: text).plain(variables) == filler.plain(text), "\(text)")
      }
    }
    #expect(throws: MarkdownFiller.UnsafeLink.self) {
      try PreparedText(markdown: "[x]({{url}})", contexts: contexts).markdown(["url": "javascript:alert(1)"])
    }
  }
}
