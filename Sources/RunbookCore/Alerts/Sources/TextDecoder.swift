import Foundation

/// Free text (a chat message, an e-mail, a bare alert line, a question) as one alert.
enum TextDecoder {
    /// Most bytes of a text body read; an alert is in its first lines.
    static let byteLimit = 65_536

    static func decode(_ data: Data, receivedAt: Date) throws(AlertDecodingError) -> Alert {
        let body = String(decoding: data.prefix(byteLimit), as: UTF8.self)
            .replacingOccurrences(of: "\r\n", with: "\n")
        let trimmed = body.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            throw .missing(field: "", expected: "alert text")
        }
        let title = AlertTitle.clean(subject(of: trimmed) ?? trimmed)
        var text = AlertText()
        text.add(trimmed)
        return Alert(
            source: .text,
            status: isResolved(title) ? .resolved : .firing,
            title: title,
            text: text.text,
            startsAt: receivedAt,
            dedupKey: StableHash.fnv1a(AlertKey.boil(title).lowercased()),
            severity: severity(in: title)
        )
    }

    /// The `Subject:` of a pasted e-mail, when its first lines are mail headers.
    private static func subject(of text: String) -> String? {
        let headers = ["from:", "to:", "cc:", "date:", "subject:", "reply-to:", "sent:"]
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).prefix(12) {
            let lowered = line.lowercased()
            guard headers.contains(where: { lowered.hasPrefix($0) }) else { return nil }
            if lowered.hasPrefix("subject:") {
                let value = line.dropFirst("subject:".count).trimmingCharacters(in: .whitespaces)
                return value.isEmpty ? nil : value
            }
        }
        return nil
    }

    private static func isResolved(_ title: String) -> Bool {
        let lowered = title.lowercased()
        return lowered.hasPrefix("[resolved") || lowered.hasPrefix("resolved:") || lowered.hasPrefix("[recovered")
            || lowered.containsBytes("] [resolved")
    }

    /// A severity written as a bracketed tag in the title: `[warning] Number of conntrack…`.
    private static func severity(in title: String) -> String? {
        let known = ["critical", "warning", "error", "info"]
        let lowered = title.lowercased()
        return known.first { lowered.containsBytes("[\($0)]") }
    }
}
