import Foundation

/// Slack mrkdwn made safe: text a label or a runbook wrote can neither open a link, mention `<!channel>` nor
/// close a code block.
enum SlackMarkup {
    /// `text` with `&`, `<` and `>` escaped, as Slack asks of any text it should not parse as markup.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            default: escaped.append(character)
            }
        }
        return escaped
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
        "```\n" + escape(code).replacingOccurrences(of: "```", with: "`\u{200B}``") + "\n```"
    }

    /// `text` cut to `limit` characters, an ellipsis marking the cut.
    static func truncate(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        return String(text.prefix(max(0, limit - 1))) + "…"
    }
}
