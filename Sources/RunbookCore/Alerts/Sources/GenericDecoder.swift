import Foundation

/// Any JSON object: the PagerDuty Events v2 shape, or whatever a tool without a decoder of its own posts (a Grafana
/// legacy alert, an Airflow callback, a Papertrail saved search, a log-search alert). PagerDuty V3 webhooks have a
/// decoder of their own (`PagerDutyWebhookDecoder`).
///
/// The title comes from the usual fields, looked for level by level (`title`, `summary`, `message`, `name`…, then
/// `payload.summary`, `saved_search.name`…); every string anywhere is kept in the text; short top-level scalars
/// and `labels`/`tags` objects become labels.
enum GenericDecoder {
    /// Fields that name an alert, best first; matched ignoring case, `_` and `-`.
    static let titleKeys = [
        "title", "summary", "alertname", "alert_name", "rule_name", "monitor_name", "check_name", "name", "subject",
        "message", "text", "description", "dag_id", "task_id", "job_name",
    ]
    private static let foldedTitleKeys = titleKeys.map(JSONObject.fold)
    static let dedupKeys = ["dedup_key", "incident_key", "fingerprint", "alert_id"]
    static let statusKeys = ["status", "state", "current_state", "alert_state", "event_action", "action"]
    static let resolvedWords: Set<String> = [
        "resolved", "resolve", "ok", "recovered", "up", "closed", "success", "normal",
    ]
    static let severityKeys = ["severity", "level", "priority"]
    static let timeKeys = ["startsAt", "timestamp", "time", "date", "created_at", "fired_at", "triggered_at"]
    static let urlKeys = ["url", "link", "rule_url", "html_url", "alert_url", "dashboard_url", "log_url"]
    static let annotationKeys = ["summary", "description", "message", "runbook_url", "runbook"]
    /// Most labels taken from an unknown shape; beyond that they are noise.
    static let labelLimit = 64
    static let titleSearchDepth = 3

    static func decode(_ root: JSONField, receivedAt: Date) throws(AlertDecodingError) -> Alert {
        guard case .object(let object)? = root.value else {
            throw .wrongKind(field: "", expected: "a JSON object", found: root.value?.kindName ?? "nothing")
        }
        if object["event_action"] != nil || object["routing_key"] != nil || isPagerDutyPayload(object["payload"]) {
            return try PagerDutyDecoder.decode(root, receivedAt: receivedAt)
        }
        let title = AlertTitle.clean(findTitle(in: object) ?? "")
        var labels = try nestedLabels(root)
        for key in object.keys where labels.count < labelLimit && labels[key] == nil {
            if let value = object[key]?.scalarText, !value.isEmpty,
                value.utf8.count <= AlertmanagerDetails.labelValueLimit, !value.containsBytes("\n")
            {
                labels[key] = value
            }
        }
        var annotations: [String: String] = [:]
        for key in annotationKeys {
            if case .string(let text)? = object[key] {
                annotations[key] = text
            }
        }
        var text = AlertText()
        text.add(title)
        text.addStrings(in: .object(object))
        let dedupKey = try self.dedupKey(root, object: object)
        let source = object.loose(["source", "host", "hostname"])?.value.scalarText ?? ""
        let status = resolved(object) ? AlertStatus.resolved : .firing
        return Alert(
            source: .generic,
            status: status,
            labels: labels,
            annotations: annotations,
            title: title.isEmpty ? "Alert" : title,
            text: text.text,
            startsAt: firstDate(object) ?? receivedAt,
            endsAt: status == .resolved ? receivedAt : nil,
            dedupKey: dedupKey ?? StableHash.fnv1a("\(title)|\(source)"),
            severity: object.loose(severityKeys)?.value.scalarText?.lowercased(),
            url: firstURL(object)
        )
    }

    private static func isPagerDutyPayload(_ value: JSONValue?) -> Bool {
        guard case .object(let payload)? = value else { return false }
        return payload["summary"] != nil && (payload["source"] != nil || payload["severity"] != nil)
    }

    /// Breadth first, and by key rank within a level, so `saved_search.name` wins over `events[0].message`.
    static func findTitle(in root: JSONObject) -> String? {
        var level = [root]
        for _ in 0..<titleSearchDepth {
            for key in foldedTitleKeys {
                for object in level {
                    if case .string(let text)? = object.loose(folded: key)?.value,
                        text.contains(where: { !$0.isWhitespace })
                    {
                        return text
                    }
                }
            }
            level = level.flatMap { object in
                object.keys.compactMap { key -> JSONObject? in
                    switch object[key] {
                    case .object(let child)?: return child
                    case .array(let elements)?:
                        guard case .object(let first)? = elements.first else { return nil }
                        return first
                    default: return nil
                    }
                }
            }
        }
        return root.keys.lazy.compactMap { key -> String? in
            guard case .string(let text)? = root[key], !text.isEmpty, text.utf8.count <= AlertTitle.limit else {
                return nil
            }
            return text
        }.first
    }

    /// `labels` and `tags` objects at the top level (Grafana, Prometheus-like senders), string values only.
    private static func nestedLabels(_ root: JSONField) throws(AlertDecodingError) -> [String: String] {
        var labels: [String: String] = [:]
        for key in ["labels", "tags"] {
            guard case .object(let object)? = root[key].value else { continue }
            for name in object.keys.prefix(labelLimit) {
                if let value = object[name]?.scalarText, value.utf8.count <= AlertmanagerDetails.labelValueLimit {
                    labels[name] = value
                }
            }
        }
        return labels
    }

    private static func dedupKey(_ root: JSONField, object: JSONObject) throws(AlertDecodingError) -> String? {
        guard let found = object.loose(dedupKeys), let key = found.value.scalarText, !key.isEmpty else { return nil }
        guard key.count <= PagerDutyDecoder.dedupKeyLimit else {
            throw .tooLong(field: root[found.key].path, limit: PagerDutyDecoder.dedupKeyLimit, count: key.count)
        }
        return key
    }

    private static func resolved(_ object: JSONObject) -> Bool {
        guard let value = object.loose(statusKeys)?.value.scalarText else { return false }
        return resolvedWords.contains(value.lowercased())
    }

    /// Unknown shapes get no timestamp errors: a field named `time` may hold anything.
    private static func firstDate(_ object: JSONObject) -> Date? {
        for key in timeKeys {
            if let text = object.loose([key])?.value.scalarText, let date = Timestamp.parse(text) {
                return date
            }
        }
        return nil
    }

    private static func firstURL(_ object: JSONObject) -> String? {
        for key in urlKeys {
            if case .string(let text)? = object.loose([key])?.value, text.hasPrefix("http") {
                return text
            }
        }
        return nil
    }
}
