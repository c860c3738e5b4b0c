import Foundation

/// Sentry: the issue-alert webhook (`action`, `data.event`, `data.triggered_rule`), the issue webhook
/// (`action`, `data.issue`) and the legacy webhook plugin (`id`, `project`, `culprit`, `message`, `url`, `level`,
/// `event`). The dedup key is the issue id.
enum SentryDecoder {
    static func decode(_ root: JSONField, receivedAt: Date) throws(AlertDecodingError) -> Alert {
        if try root["data"].object() != nil {
            return try decodeIssueAlert(root, receivedAt: receivedAt)
        }
        return try decodeLegacy(root, receivedAt: receivedAt)
    }

    private static func decodeIssueAlert(_ root: JSONField, receivedAt: Date) throws(AlertDecodingError) -> Alert {
        let action = try root["action"].string()
        let data = root["data"]
        let event = data["event"].isAbsent && !data["issue"].isAbsent ? data["issue"] : data["event"]
        guard try event.object(expected: "an event object") != nil else {
            throw .missing(field: event.path, expected: "an event object")
        }
        let issueStatus = try event["status"].scalar()
        let resolved = action == "resolved" || issueStatus == "resolved"
        var details = try EventDetails(event)
        if let rule = try data["triggered_rule"].string() {
            details.labels["triggered_rule"] = rule
            details.text.add(rule)
        }
        let issueID = try JSONField.firstScalar(event["issue_id"], data["issue"]["id"])
        let title = details.title ?? "Sentry issue"
        return Alert(
            source: .sentry,
            status: resolved ? .resolved : .firing,
            labels: details.labels,
            title: AlertTitle.clean(title),
            text: details.text.text,
            startsAt: details.time ?? receivedAt,
            dedupKey: issueID ?? StableHash.fnv1a("\(title)|\(details.culprit ?? "")"),
            severity: details.severity,
            url: try JSONField.firstString(event["web_url"], event["permalink"], event["issue_url"], event["url"])
        )
    }

    private static func decodeLegacy(_ root: JSONField, receivedAt: Date) throws(AlertDecodingError) -> Alert {
        let issueID = try root["id"].scalar()
        let message = try root["message"].string()
        let culprit = try root["culprit"].string()
        var details = try EventDetails(root["event"])
        details.text.add(message)
        details.text.add(culprit)
        for field in try root["triggering_rules"].elements() ?? [] {
            details.text.add(try field.string())
        }
        let project = try JSONField.firstScalar(root["project_slug"], root["project"], root["project_name"])
        details.labels["project"] = project
        details.labels["project_name"] = try root["project_name"].string()
        if let level = try root["level"].string() {
            details.labels["level"] = level
        }
        details.labels["logger"] = try root["logger"].string() ?? details.labels["logger"]
        if let culprit {
            details.labels["culprit"] = culprit
        }
        let title = details.title ?? message ?? culprit ?? "Sentry issue"
        let severity = try root["level"].string().map(EventDetails.severity) ?? details.severity
        return Alert(
            source: .sentry,
            labels: details.labels,
            title: AlertTitle.clean(title),
            text: details.text.text,
            startsAt: details.time ?? receivedAt,
            dedupKey: issueID ?? StableHash.fnv1a("\(title)|\(culprit ?? "")"),
            severity: severity,
            url: try root["url"].string()
        )
    }
}

/// What both Sentry shapes carry inside their `event`: title, tags, level, exception, time.
private struct EventDetails {
    var title: String?
    var culprit: String?
    var labels: [String: String] = [:]
    var text = AlertText()
    var time: Date?
    var severity: String?

    init(_ event: JSONField) throws(AlertDecodingError) {
        guard try event.object(expected: "an event object") != nil else { return }
        title = try event["title"].string()
        culprit = try event["culprit"].string()
        text.add(title)
        text.add(try event["message"].string())
        text.add(culprit)
        for key in ["type", "value", "filename", "function"] {
            text.add(try event["metadata"][key].scalar())
        }
        for value in try event["exception"]["values"].elements() ?? [] {
            text.add(try value["type"].string())
            text.add(try value["value"].string())
        }
        for key in ["environment", "platform", "logger", "release", "level"] {
            if let value = try event[key].scalar() {
                labels[key] = value
            }
        }
        if let culprit {
            labels["culprit"] = culprit
        }
        try readTags(event["tags"])
        time = try JSONField.firstDate(event["datetime"], event["timestamp"])
        severity = try event["level"].string().map(Self.severity)
    }

    /// Tags come as `[key, value]` pairs or as `{"key", "value"}` objects.
    private mutating func readTags(_ field: JSONField) throws(AlertDecodingError) {
        for tag in try field.elements() ?? [] {
            switch tag.value {
            case .array(let pair)?:
                guard pair.count == 2, let key = pair[0].scalarText, let value = pair[1].scalarText else {
                    throw .wrongKind(field: tag.path, expected: "a [key, value] pair", found: "another array")
                }
                labels[key] = value
            case .object?:
                if let key = try tag["key"].scalar(), let value = try tag["value"].scalar() {
                    labels[key] = value
                }
            default:
                throw .wrongKind(
                    field: tag.path, expected: "a [key, value] pair", found: tag.value?.kindName ?? "nothing")
            }
        }
    }

    /// Sentry levels, with `fatal` read as critical.
    static func severity(_ level: String) -> String {
        let lowered = level.lowercased()
        return lowered == "fatal" ? "critical" : lowered
    }
}
