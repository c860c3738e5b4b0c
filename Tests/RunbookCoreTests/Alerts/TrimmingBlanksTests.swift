import Foundation
import Testing

@testable import RunbookCore

/// `trimmingBlanks` answers as Foundation's `trimmingCharacters` does, on its fast path and off it.
struct TrimmingBlanksTests {
    static let texts = [
        "", " ", "\t", "\n", " \n\t ", "a", " a", "a ", "  disk full  ", "Bearer-token", "\u{00A0}nbsp\u{00A0}",
        "\u{2003}em space\u{2003}", "\u{3000}ideographic\u{3000}", "\r\nline\r\n", "é", " é ", "日本語", "🔥 fire 🔥",
        "\u{200B}zero width\u{200B}", "x\n", "\nx", "tab\tinside", "\u{85}next line\u{85}", "a\u{301}", "~!~",
        "\u{7F}del\u{7F}",
    ]

    @Test(arguments: texts)
    func agreesWithFoundation(_ text: String) {
        #expect(text.trimmingBlanks() == text.trimmingCharacters(in: .whitespaces))
        #expect(text.trimmingBlanks(newlines: true) == text.trimmingCharacters(in: .whitespacesAndNewlines))
        let slice = text[...]
        #expect(slice.trimmingBlanks() == slice.trimmingCharacters(in: .whitespaces))
    }
}
