import Foundation

/// Slack mrkdwn made safe: text a label or a runbook wrote can neither open a link, mention `<!channel>`, close a
/// code block, format itself, nor reorder what is shown around it.
///
/// Slack has no escape for its formatting characters, so in text (not in code blocks) `*`, `_`, `~` and `` ` ``
/// become look-alikes (`∗`, `＿`, `∼`, `ˋ`): an alert cannot bold, strike or hide parts of the page. Everywhere,
/// bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069), NUL and other control characters but
/// newline and tab are removed: they could make the message read differently from what it says.
enum SlackMarkup {
    private static let lookAlikes: [Character: String] = ["*": "\u{2217}", "_": "\u{FF3F}", "~": "\u{223C}",
                                                          "`": "\u{02CB}"]

    /// `text` with `&`, `<` and `>` escaped, formatting characters replaced and control characters removed.
    static func escape(_ text: String) -> String {
        escape(text, formatting: true)
    }

    private static func escape(_ text: String, formatting: Bool) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text where !isHidden(character) {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            default:
                if formatting, let lookAlike = lookAlikes[character] {
                    escaped += lookAlike
                } else {
                    escaped.append(character)
                }
            }
        }
        return escaped
    }

    /// Bidi overrides and isolates, and control characters but `\n` and `\t`.
    private static func isHidden(_ character: Character) -> Bool {
        character.unicodeScalars.contains { scalar in
            switch scalar.value {
            case 0x0A, 0x09: false
            case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
            default: false
            }
        }
    }

    /// A link `<url|label>`; with no URL, the escaped label alone.
    static func link(_ url: URL?, _ label: String) -> String {
        let text = escape(label).replacingOccurrences(of: "|", with: "¦")
        guard let url else { return text }
        let target = escape(url.absoluteString).replacingOccurrences(of: "|", with: "%7C")
        return "<\(target)|\(text)>"
    }

    /// A code block whose content cannot end it early.
    static func codeBlock(_ code: String) -> String {
        "```\n" + escape(code, formatting: false).replacingOccurrences(of: "```", with: "`\u{200B}``") + "\n```"
    }

    /// `text` cut to `limit` characters, an ellipsis marking the cut.
    static func truncate(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        return String(text.prefix(max(0, limit - 1))) + "…"
    }
}
