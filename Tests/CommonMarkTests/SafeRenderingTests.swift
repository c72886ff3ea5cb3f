import CommonMark
import Testing

/// HTML is safe unless `.unsafe` is asked for: raw HTML is omitted and dangerous URLs blanked.
struct SafeRenderingTests {
  let script = "<script>alert('x')</script>\n\ninline <b onclick=\"x()\">b</b> html\n"
  let links =
    "[a](javascript:alert(1)) ![i](JavaScript:alert(2)) [v](vbscript:x) [d](data:text/html,x)\n"

  @Test func rawHTMLIsOmittedByDefault() {
    let html = CMarkRenderer.render(script, as: .html)
    #expect(!html.contains("<script"))
    #expect(!html.contains("onclick"))
    #expect(html.contains("<!-- raw HTML omitted -->"))
    #expect(html.contains("<p>inline <!-- raw HTML omitted -->b<!-- raw HTML omitted --> html</p>"))
  }

  @Test func dangerousURLsAreBlankedByDefault() {
    let html = CMarkRenderer.render(links, as: .html)
    #expect(!html.lowercased().contains("javascript:"))
    #expect(!html.contains("vbscript:"))
    #expect(!html.contains("data:text/html"))
    #expect(
      html
        == "<p><a href=\"\">a</a> <img src=\"\" alt=\"i\" /> <a href=\"\">v</a> <a href=\"\">d</a></p>\n"
    )
  }

  @Test func safeImagesOfDataURLsStay() {
    let html = CMarkRenderer.render("![p](data:image/png;base64,AAAA)\n", as: .html)
    #expect(html.contains("src=\"data:image/png;base64,AAAA\""))
  }

  @Test func unsafeLetsHTMLAndURLsThrough() {
    let html = CMarkRenderer.render(script, as: .html, options: .unsafe)
    #expect(html.contains("<script>alert('x')</script>"))
    #expect(html.contains("<b onclick=\"x()\">"))
    let linkHTML = CMarkRenderer.render(links, as: .html, options: .unsafe)
    #expect(linkHTML.contains("href=\"javascript:alert(1)\""))
    #expect(linkHTML.contains("src=\"JavaScript:alert(2)\""))
  }

  @Test func textIsEscaped() {
    let html = CMarkRenderer.render("a < b & \"c\" > d\n", as: .html)
    #expect(html == "<p>a &lt; b &amp; &quot;c&quot; &gt; d</p>\n")
  }

  @Test func sourcePositionsAddAttributes() {
    let html = CMarkRenderer.render("# Hi\n", as: .html, options: .sourcePositions)
    #expect(html == "<h1 data-sourcepos=\"1:1-1:4\">Hi</h1>\n")
  }
}
