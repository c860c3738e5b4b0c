import Foundation

/// The PagerDuty Events API v2 shape (`event_action`, `dedup_key`, `payload{summary, source, severity…}`), as
/// Alertmanager, GitLab and many other senders post it.
enum PagerDutyDecoder {
    /// PagerDuty rejects longer dedup keys; so does a compatible endpoint.
    static let dedupKeyLimit = 255
    static let actions: [String: AlertStatus] = ["trigger": .firing, "acknowledge": .firing, "resolve": .resolved]
    static let severities: Set<String> = ["critical", "error", "warning", "info"]

    static func decode(_ root: JSONField, receivedAt: Date) throws(AlertDecodingError) -> Alert {
        let actionField = root["event_action"]
        let action = try actionField.string() ?? "trigger"
        guard let status = actions[action] else {
            throw .unknownValue(field: actionField.path, expected: "trigger, acknowledge or resolve", value: action)
        }
        _ = try root["routing_key"].string()
        let dedupKey = try self.dedupKey(root["dedup_key"])
        let payload = root["payload"]
        _ = try payload.object()
        let summary = try payload["summary"].string()
        if action == "trigger", summary == nil {
            throw .missing(field: payload["summary"].path, expected: "a summary of the alert")
        }
        let severityField = payload["severity"]
        let severity = try severityField.string()
        if let severity, !severities.contains(severity) {
            throw .unknownValue(
                field: severityField.path, expected: "critical, error, warning or info", value: severity)
        }
        let source = try payload["source"].string()
        var details = AlertmanagerDetails()
        try details.read(payload["custom_details"])
        var labels = details.labels
        for key in ["source", "component", "group", "class"] where labels[key] == nil {
            labels[key] = try payload[key].string()
        }
        var text = AlertText()
        text.add(summary)
        for key in AlertmanagerDecoder.leadingAnnotations {
            text.add(details.annotations[key])
        }
        text.addStrings(in: payload["custom_details"].value ?? .null)
        let title = AlertTitle.clean(summary ?? "PagerDuty event \(dedupKey ?? "")")
        return Alert(
            source: .generic,
            status: status,
            labels: labels,
            annotations: details.annotations,
            title: title,
            text: text.text,
            startsAt: try payload["timestamp"].date() ?? receivedAt,
            endsAt: status == .resolved ? receivedAt : nil,
            dedupKey: dedupKey ?? StableHash.fnv1a("\(summary ?? "")|\(source ?? "")"),
            severity: severity,
            url: try link(root)
        )
    }

    /// The non-empty text of `field` as a dedup key, nil when absent or empty; longer than `dedupKeyLimit` throws.
    static func dedupKey(_ field: JSONField) throws(AlertDecodingError) -> String? {
        guard let key = try field.scalar(), !key.isEmpty else { return nil }
        guard key.count <= dedupKeyLimit else {
            throw .tooLong(field: field.path, limit: dedupKeyLimit, count: key.count)
        }
        return key
    }

    /// The first of `links`, else `client_url`.
    private static func link(_ root: JSONField) throws(AlertDecodingError) -> String? {
        for link in try root["links"].elements() ?? [] {
            if let href = try link["href"].string() {
                return href
            }
        }
        return try root["client_url"].string()
    }
}
