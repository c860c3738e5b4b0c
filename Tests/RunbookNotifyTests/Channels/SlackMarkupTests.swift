import Foundation
import Testing

@testable import RunbookNotify

/// Alert-derived text in Slack messages cannot format itself, hide or reorder text, or carry control characters.
struct SlackMarkupTests {
    @Test(arguments: [
        ("*URGENT* _now_ ~gone~ `code`",
         "\u{2217}URGENT\u{2217} \u{FF3F}now\u{FF3F} \u{223C}gone\u{223C} \u{02CB}code\u{02CB}"),
        ("evil\u{202E}txt.exe", "eviltxt.exe"), ("a\u{2066}b\u{2069}c", "abc"), ("nul\u{0}here", "nulhere"),
        ("bell\u{7}\u{1B}[31m", "bell[31m"), ("line one\nline\ttwo", "line one\nline\ttwo"),
        ("<!channel> & co", "&lt;!channel&gt; &amp; co"), ("plain text", "plain text"),
    ])
    func textIsEscapedAndCleaned(text: String, expected: String) {
        #expect(SlackMarkup.escape(text) == expected)
    }

    @Test
    func codeBlocksKeepFormattingCharactersButLoseControlCharacters() {
        let block = SlackMarkup.codeBlock("kubectl get pods -l app=my_app | grep '*'\u{202E}\u{0}")
        #expect(block == "```\nkubectl get pods -l app=my_app | grep '*'\n```")
    }
}
