import Testing

/// A named Markdown input, shown by name in test results.
struct MarkdownSample: Sendable, CustomTestStringConvertible {
  var name: String
  var markdown: String

  var testDescription: String { name }
}

/// CommonMark inputs that exercise every node kind cmark produces, plus the unsafe cases the
/// safe renderer must neutralise.
enum MarkdownSamples {
  static let all: [MarkdownSample] = [
    MarkdownSample(
      name: "ATX and setext headings",
      markdown: "# One\n\n## Two ##\n\n###### Six\n\nSetext\n======\n\nSub\n---\n"),
    MarkdownSample(name: "bullet list", markdown: "- apple\n- banana\n- cherry\n"),
    MarkdownSample(name: "ordered list", markdown: "1. one\n2. two\n3. three\n"),
    MarkdownSample(name: "ordered list with start and paren", markdown: "7) seven\n8) eight\n"),
    MarkdownSample(name: "nested lists", markdown: "- a\n  - b\n    1. c\n    2. d\n- e\n  * f\n"),
    MarkdownSample(name: "loose list", markdown: "- first\n\n- second\n\n  continued\n"),
    MarkdownSample(
      name: "list item with code and quote",
      markdown: "1. step\n\n   ```sh\n   make\n   ```\n\n   > note\n2. next\n"),
    MarkdownSample(
      name: "block quotes",
      markdown: "> quoted *text*\n> > nested\n>\n> - list in quote\n\nlazy\n> continuation\nline\n"),
    MarkdownSample(
      name: "fenced code with info string",
      markdown: "```swift title=\"x\"\nlet a = 1 < 2 && b > \"c\"\n```\n"),
    MarkdownSample(
      name: "tilde fence and indented code",
      markdown: "~~~ python\nprint('hi')\n~~~\n\n    indented\n      more\n"),
    MarkdownSample(name: "unclosed fence", markdown: "```\nnever closed\n"),
    MarkdownSample(name: "html block", markdown: "<div class=\"note\">\n\n*inside*\n\n</div>\n"),
    MarkdownSample(
      name: "inline html", markdown: "text <span style=\"color:red\">red</span> and <br/> more\n"),
    MarkdownSample(
      name: "html comment and processing instruction",
      markdown: "a <!-- hidden --> b\n\n<?php echo 1; ?>\n"),
    MarkdownSample(
      name: "inline links",
      markdown: "[home](https://example.com \"Home page\") and [rel](../docs/a%20b.md)\n"),
    MarkdownSample(
      name: "reference links",
      markdown:
        "[full][ref], [collapsed][], [ref]\n\n[ref]: https://example.com/x?a=1&b=2 'Title'\n"),
    MarkdownSample(
      name: "autolinks", markdown: "<https://example.com/path> and <someone@example.com>\n"),
    MarkdownSample(
      name: "images", markdown: "![alt *text* here](img/pic.png \"A title\") ![](empty.png)\n"),
    MarkdownSample(
      name: "emphasis and strong",
      markdown: "*em* _em_ **strong** __strong__ ***both*** *a **b** c*\n"),
    MarkdownSample(
      name: "hard and soft breaks", markdown: "two spaces  \nbackslash\\\nsoft\nbreak\n"),
    MarkdownSample(name: "entities", markdown: "&amp; &copy; &nbsp; &#35; &#x1F600; &bogus; &\n"),
    MarkdownSample(name: "backslash escapes", markdown: "\\*not em\\* \\# \\[x\\] \\<tag\\>\n"),
    MarkdownSample(name: "code spans", markdown: "`code` and `` a ` b `` and ` spaced `\n"),
    MarkdownSample(name: "thematic breaks", markdown: "---\n***\n_ _ _\n"),
    MarkdownSample(
      name: "unicode text", markdown: "# Ünïcödé\n\n日本語のテキスト, emoji 😀👩‍💻, café, עברית\n"),
    MarkdownSample(
      name: "raw script",
      markdown: "<script>alert('x')</script>\n\ninline <script>alert(1)</script> too\n"),
    MarkdownSample(
      name: "javascript links",
      markdown: "[click](javascript:alert(1)) ![img](javascript:alert(2)) <javascript:alert(3)>\n"),
    MarkdownSample(
      name: "other dangerous schemes",
      markdown:
        "[v](vbscript:x) [d](data:text/html;base64,xx) [ok](data:image/png;base64,xx) [f](file:///etc/passwd)\n"
    ),
    MarkdownSample(
      name: "event handler html",
      markdown: "<img src=x onerror=alert(1)>\n\n<a href=\"javascript:alert(1)\">x</a>\n"),
    MarkdownSample(name: "CRLF line endings", markdown: "# Title\r\n\r\nline one\r\nline two\r\n"),
    MarkdownSample(name: "tabs", markdown: "-\titem\n\n\tcode\n\n>\tquote\n"),
    MarkdownSample(
      name: "smart punctuation candidates", markdown: "\"Quoted\" 'single' -- dash --- em... ok\n"),
    MarkdownSample(
      name: "long paragraph for wrapping",
      markdown:
        "This is a fairly long paragraph with enough words that a renderer with a narrow width has to wrap it over several lines.\n"
    ),
    MarkdownSample(name: "empty", markdown: ""),
  ]
}
