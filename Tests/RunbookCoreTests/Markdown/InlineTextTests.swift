import Testing

@testable import RunbookCore

struct InlineTextTests {
    @Test(arguments: [
        ("`code` span", "code span"),
        ("`` a ` b ``", "a ` b"),
        ("[text](http://x \"t\")", "text"),
        ("![alt *text*](img.png)", "alt text"),
        ("[text][ref] and [other][]", "text and other"),
        ("**bold** and __strong__ and *it* and _em_", "bold and strong and it and em"),
        ("snake_case_name and 2 * 3 * 4", "snake_case_name and 2 * 3 * 4"),
        ("~~gone~~ kept", "gone kept"),
        ("a<br>b <span class=\"x\">c</span>", "ab c"),
        ("operations-<ENVIRONMENT> and <your-username>", "operations-<ENVIRONMENT> and <your-username>"),
        ("AT&amp;T &lt;tag&gt; &#65;&#x42; &bogus;", "AT&T <tag> AB &bogus;"),
        ("\\*not emphasis\\* \\_x\\_", "*not emphasis* _x_"),
        ("<https://example.com/a>", "https://example.com/a"),
        ("<!-- hidden --> shown", " shown"),
        ("[Prometheus]: [FIRING:1] Disk", "[Prometheus]: [FIRING:1] Disk"),
        ("unclosed `tick and [bracket", "unclosed `tick and [bracket"),
        ("[outer [inner](a)](b)", "[outer inner](b)"),
    ])
    func reducesMarkupToText(markdown: String, text: String) {
        #expect(InlineText.plain(markdown) == text)
    }
}
