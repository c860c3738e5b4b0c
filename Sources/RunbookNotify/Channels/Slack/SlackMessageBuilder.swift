import Foundation
import RunbookCore

/// Lays a `NotificationMessage` out as Block Kit: what happened, the labels that matter, the runbook entry.
///
/// Every mrkdwn text goes through `SlackMarkup`, so a label value cannot inject links, mentions or formatting.
enum SlackMessageBuilder {
    /// The labels shown, in this order, when the alert has them.
    static let shownLabels = ["alertname", "service", "app", "job", "instance", "namespace", "severity"]
    /// Longest label value shown.
    static let labelValueLength = 80
    /// Slack's limits: header text, section text.
    static let headerLength = 150
    static let sectionLength = 3000
    static let commandLength = 1000

    static func payload(for message: NotificationMessage, channel: String?, threadTS: String?) -> SlackPayload {
        var blocks = [SlackBlock.header(SlackMarkup.truncate(headline(message), to: headerLength))]
        if message.kind == .digest {
            blocks.append(.section(SlackMarkup.truncate(digestList(message), to: sectionLength)))
        } else {
            let summary = SlackMarkup.truncate(summary(message), to: sectionLength)
            blocks.append(.section(summary, fields: labelFields(message)))
            blocks.append(contentsOf: entryBlocks(message))
        }
        blocks.append(.context(SlackMarkup.escape("Runbook · route \(message.route)")))
        return SlackPayload(
            channel: channel, text: SlackMarkup.escape(SlackMarkup.truncate(headline(message), to: headerLength)),
            blocks: blocks, threadTS: threadTS
        )
    }

    /// One plain line: what happened to which incident.
    static func headline(_ message: NotificationMessage) -> String {
        switch message.kind {
        case .triggered: "🔴 Triggered: \(message.incident.key)"
        case .repeated: "🔁 Still triggered: \(message.incident.key)"
        case .acknowledged: "👀 Acknowledged: \(message.incident.key)"
        case .resolved: "✅ Resolved: \(message.incident.key)"
        case .digest: "🔴 \(message.digestTotal) new incidents on route \(message.route)"
        }
    }

    private static func summary(_ message: NotificationMessage) -> String {
        let incident = message.incident
        var lines = ["*\(SlackMarkup.escape(incident.title))*"]
        var facts = ["*Incident:* " + SlackMarkup.link(message.incidentURL, "#\(incident.id)")]
        if let severity = incident.severity {
            facts.append("*Severity:* " + SlackMarkup.escape(severity))
        }
        facts.append("*State:* " + SlackMarkup.escape(incident.state.rawValue))
        if let acknowledge = message.acknowledgeURL {
            facts.append(SlackMarkup.link(acknowledge, "Acknowledge"))
        }
        lines.append(facts.joined(separator: "   "))
        switch message.kind {
        case .acknowledged:
            lines.append("Acknowledged by " + SlackMarkup.escape(incident.acknowledgedBy ?? "someone"))
        case .resolved:
            lines.append("Resolved by " + SlackMarkup.escape(incident.resolvedBy ?? "its alerts"))
        default:
            break
        }
        return lines.joined(separator: "\n")
    }

    private static func labelFields(_ message: NotificationMessage) -> [SlackText]? {
        let fields = shownLabels.compactMap { name -> SlackText? in
            guard let value = message.labels[name], !value.isEmpty else { return nil }
            let shown = SlackMarkup.truncate(value, to: labelValueLength)
            return .mrkdwn("*\(name)*\n" + SlackMarkup.escape(shown))
        }
        return fields.isEmpty ? nil : fields
    }

    /// A confidence as a whole percentage, as the message shows it: 0.726 → "73%".
    private static func percent(_ confidence: Double) -> String {
        "\(Int((confidence * 100).rounded()))%"
    }

    private static func entryBlocks(_ message: NotificationMessage) -> [SlackBlock] {
        guard let entry = message.entry else {
            var text = "_No runbook entry matched this incident._"
            if !message.candidates.isEmpty {
                text += " Closest, under the threshold:"
                for candidate in message.candidates {
                    text += "\n• " + SlackMarkup.link(candidate.url, candidate.title)
                        + "   " + percent(candidate.confidence)
                    if let against = candidate.against {
                        text += " — _" + SlackMarkup.escape(against) + "_"
                    }
                }
            }
            return [.section(SlackMarkup.truncate(text, to: sectionLength))]
        }
        var text = "*Runbook:* " + SlackMarkup.link(entry.url, entry.title)
        if let confidence = entry.confidence {
            text += "   *Confidence:* " + percent(confidence)
        }
        for line in entry.diagnosis {
            text += "\n>" + SlackMarkup.escape(line)
        }
        var blocks = [SlackBlock.section(SlackMarkup.truncate(text, to: sectionLength))]
        if !entry.commands.isEmpty {
            let commands = entry.commands.joined(separator: "\n")
            blocks.append(.section(SlackMarkup.codeBlock(SlackMarkup.truncate(commands, to: commandLength))))
        }
        return blocks
    }

    private static func digestList(_ message: NotificationMessage) -> String {
        var lines = message.digest.map { item in
            var line = "• " + SlackMarkup.link(item.url, item.key) + " — " + SlackMarkup.escape(item.title)
            if let severity = item.severity {
                line += " (" + SlackMarkup.escape(severity) + ")"
            }
            return line
        }
        if message.digestOmitted > 0 {
            lines.append("…and \(message.digestOmitted) more")
        }
        return lines.joined(separator: "\n")
    }
}
