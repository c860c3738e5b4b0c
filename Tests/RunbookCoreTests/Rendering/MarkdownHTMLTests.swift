import Testing

@testable import RunbookCore

struct MarkdownHTMLTests {
    @Test(arguments: [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("a <img src=x onerror=alert(1)> b", "a &lt;img src=x onerror=alert(1)&gt; b"),
        ("say \"hi\" & 'bye'", "say &quot;hi&quot; &amp; &#39;bye&#39;"),
    ])
    func everyCharacterThatMeansHTMLIsEscaped(markdown: String, escaped: String) {
        #expect(MarkdownHTML.render(markdown).contains(escaped))
        #expect(!MarkdownHTML.render(markdown).contains("<script>"))
        #expect(!MarkdownHTML.render(markdown).contains("<img"))
    }

    @Test
    func anHTMLBlockShowsAsText() {
        let html = MarkdownHTML.render("Before\n\n<div onclick=\"x()\">\n<script>alert(1)</script>\n</div>\n\nAfter")
        #expect(html.contains("<pre class=\"raw-html\">&lt;div onclick=&quot;x()&quot;&gt;"))
        #expect(!html.contains("<div onclick"))
        #expect(!html.contains("<!--"))
    }

    @Test(arguments: [
        ("[x](javascript:alert(1))", nil),
        ("[x](JavaScript:alert(1))", nil),
        ("[x](data:text/html,hi)", nil),
        ("[x](vbscript:msgbox)", nil),
        ("[x](https://example.com/a?b=c&d=e)", "https://example.com/a?b=c&amp;d=e"),
        ("[x](other.md#anchor)", "other.md#anchor"),
        ("[x](#anchor)", "#anchor"),
        ("[x](mailto:oncall@example.com)", "mailto:oncall@example.com"),
    ] as [(String, String?)])
    func aLinkKeepsItsHrefOnlyWhenFollowingItCannotRunScript(markdown: String, href: String?) {
        let html = MarkdownHTML.render(markdown)
        if let href {
            #expect(html.contains("<a href=\"\(href)\">x</a>"))
        } else {
            #expect(!html.contains("<a "))
            #expect(html.contains("<p>x</p>"))
        }
    }

    @Test
    func headingsTakeTheDocumentsAnchors() {
        let library = Library(folders: [LibraryFolder(name: "lib", files: [
            SourceFile(path: "ops.md", contents: "# Ops\n\n## DiskFull <ENV>\n\nText.\n\n## DiskFull <ENV>\n"),
        ])])
        let document = try! #require(library.documents.first)
        let html = MarkdownHTML.render(document: document)
        #expect(html.contains("<h1 id=\"ops\">Ops</h1>"))
        #expect(html.contains("<h2 id=\"diskfull-env\">DiskFull &lt;ENV&gt;</h2>"))
        #expect(html.contains("<h2 id=\"diskfull-env-1\">"))
    }

    @Test(arguments: [
        (0, "# A\n\n### B\n\n## C\n\n###### D\n", [1, 2, 2, 3]),
        (1, "# A\n\n### B\n\n## C\n\n###### D\n", [2, 3, 3, 4]),
        (1, "## A\n\n## B\n", [2, 2]),
        (4, "### Check\n\n#### Deeper\n\n# Top\n", [5, 6, 5]),
    ])
    func headingsNeverSkipALevelBelowTheOneBefore(shift: Int, markdown: String, levels: [Int]) {
        let html = MarkdownHTML.render(markdown, options: .init(headingShift: shift))
        let shown = html.matches(of: /<h([1-6])>/).compactMap { Int($0.output.1) }
        #expect(shown == levels, "\(html)")
    }

    @Test
    func lintFindingsSitBesideTheirLines() {
        let library = Library(folders: [LibraryFolder(name: "lib", files: [
            SourceFile(path: "ops.md", contents: "# Ops\n\nFirst.\n\nSecond <b>.\n"),
        ])])
        let document = try! #require(library.documents.first)
        let finding = Finding(rule: "example", severity: .warning, file: "ops.md", line: 5, message: "fix <this>")
        let html = MarkdownHTML.render(document: document, findings: [finding])
        let second = try! #require(html.range(of: "Second"))
        let note = try! #require(html.range(of: "<aside class=\"finding\">line 5: warning example: fix &lt;this&gt;"))
        #expect(second.lowerBound < note.lowerBound)
    }

    @Test
    func unfilledPlaceholdersAreMarkedInCodeAndProse() {
        let options = MarkdownHTML.Options(unfilled: ["<NAMESPACE>", "$POD"])
        let html = MarkdownHTML.render("Scale `<NAMESPACE>`:\n\n```sh\nkubectl -n <NAMESPACE> delete pod $POD\n```",
                                       options: options)
        #expect(html.contains("<code><mark class=\"unfilled\">&lt;NAMESPACE&gt;</mark></code>"))
        #expect(html.contains("kubectl -n <mark class=\"unfilled\">&lt;NAMESPACE&gt;</mark> delete pod "
            + "<mark class=\"unfilled\">$POD</mark>"))
    }

    @Test(arguments: [
        ("_Diagnosis_", "<em>Diagnosis</em>"),
        ("**Mitigation**", "<strong>Mitigation</strong>"),
        ("run snake_case_name now", "run snake_case_name now"),
        ("2 * 3 * 4", "2 * 3 * 4"),
        ("a `x < y` b", "a <code>x &lt; y</code> b"),
        ("**run `df -h`** now", "<strong>run <code>df -h</code></strong> now"),
        ("window.__xss and [x](y.__z)", "window.__xss and <a href=\"y.__z\">x</a>"),
        ("snake__case__name", "snake__case__name"),
    ])
    func inlineMarkupIsRenderedAndWordsWithMarkersAreLeftAlone(markdown: String, html: String) {
        #expect(MarkdownHTML.render(markdown) == "<p>\(html)</p>\n")
    }

    @Test
    func listsTablesAndQuotesKeepTheirShape() {
        let html = MarkdownHTML.render("- one\n- two\n\n| a | b |\n|---|---|\n| 1 | <2> |\n\n> quoted")
        #expect(html.contains("<ul>\n<li>one</li>\n<li>two</li>\n</ul>"))
        #expect(html.contains("<tr><th>a</th><th>b</th></tr>"))
        #expect(html.contains("<tr><td>1</td><td>&lt;2&gt;</td></tr>"))
        #expect(html.contains("<blockquote><p>quoted</p></blockquote>"))
    }
}
