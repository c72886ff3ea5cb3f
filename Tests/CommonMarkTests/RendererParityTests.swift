import CommonMark
import Testing

/// `CMarkRenderer` must produce byte-for-byte what the real `cmark` program produces.
@Suite(
  "Renderer matches the cmark program",
  .enabled(if: CMarkBinary.isAvailable, "/usr/bin/cmark is not installed; run scripts/setup.sh"))
struct RendererParityTests {
  @Test(
    "every format, default options", arguments: MarkdownSamples.all, CMarkRenderer.Format.allCases)
  func defaultOptions(sample: MarkdownSample, format: CMarkRenderer.Format) throws {
    let expected = try CMarkBinary.run(sample.markdown, arguments: ["-t", format.rawValue])
    let actual = CMarkRenderer.render(sample.markdown, as: format)
    #expect(actual == expected)
  }

  /// A render option and the `cmark` flag that means the same.
  struct OptionCase: Sendable, CustomTestStringConvertible {
    var options: RenderOptions
    var flags: [String]
    var testDescription: String { flags.joined(separator: " ") }
  }

  static let optionCases: [OptionCase] = [
    OptionCase(options: .unsafe, flags: ["--unsafe"]),
    OptionCase(options: .sourcePositions, flags: ["--sourcepos"]),
    OptionCase(options: .hardBreaks, flags: ["--hardbreaks"]),
    OptionCase(options: .noBreaks, flags: ["--nobreaks"]),
    OptionCase(options: .smart, flags: ["--smart"]),
    OptionCase(
      options: [.unsafe, .sourcePositions, .smart], flags: ["--unsafe", "--sourcepos", "--smart"]),
  ]

  @Test(
    "render options map to cmark's flags", arguments: optionCases, CMarkRenderer.Format.allCases)
  func options(option: OptionCase, format: CMarkRenderer.Format) throws {
    for sample in MarkdownSamples.all {
      let expected = try CMarkBinary.run(
        sample.markdown, arguments: ["-t", format.rawValue] + option.flags)
      let actual = CMarkRenderer.render(sample.markdown, as: format, options: option.options)
      #expect(actual == expected, "\(sample.name)")
    }
  }

  @Test("wrap width", arguments: [CMarkRenderer.Format.commonmark, .man, .latex])
  func width(format: CMarkRenderer.Format) throws {
    for sample in MarkdownSamples.all {
      let expected = try CMarkBinary.run(
        sample.markdown, arguments: ["-t", format.rawValue, "--width", "24"])
      let actual = CMarkRenderer.render(sample.markdown, as: format, width: 24)
      #expect(actual == expected, "\(sample.name)")
    }
  }

  @Test func versionIsTheLinkedLibrary() throws {
    let banner = try CMarkBinary.run("", arguments: ["--version"])
    #expect(banner.hasPrefix("cmark \(CMarkRenderer.cmarkVersion) "))
  }
}
