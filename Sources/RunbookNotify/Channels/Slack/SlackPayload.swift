/// A Slack message as `chat.postMessage` and incoming webhooks take it (Block Kit), encoded by `JSONEncoder`.
struct SlackPayload: Encodable, Sendable, Hashable {
    var channel: String?
    /// The notification text and the fallback where blocks cannot show (escaped mrkdwn).
    var text: String
    var blocks: [SlackBlock]
    var threadTS: String?
    var unfurlLinks = false

    enum CodingKeys: String, CodingKey {
        case channel, text, blocks
        case threadTS = "thread_ts"
        case unfurlLinks = "unfurl_links"
    }
}

/// One Block Kit block: header, section (text and/or fields), context or divider.
struct SlackBlock: Encodable, Sendable, Hashable {
    var type: String
    var text: SlackText?
    var fields: [SlackText]?
    var elements: [SlackText]?

    static func header(_ text: String) -> SlackBlock {
        SlackBlock(type: "header", text: .plain(text))
    }

    static func section(_ mrkdwn: String, fields: [SlackText]? = nil) -> SlackBlock {
        SlackBlock(type: "section", text: .mrkdwn(mrkdwn), fields: fields)
    }

    static func context(_ mrkdwn: String) -> SlackBlock {
        SlackBlock(type: "context", elements: [.mrkdwn(mrkdwn)])
    }
}

/// A Block Kit text object.
struct SlackText: Encodable, Sendable, Hashable {
    var type: String
    var text: String

    static func plain(_ text: String) -> SlackText {
        SlackText(type: "plain_text", text: text)
    }

    static func mrkdwn(_ text: String) -> SlackText {
        SlackText(type: "mrkdwn", text: text)
    }
}
