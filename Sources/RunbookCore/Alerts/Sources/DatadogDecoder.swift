import Foundation

/// Datadog monitor webhook: the default template (`id`, `title`, `date`, `body`…) and custom ones built from
/// `$ALERT_TRANSITION`, `$ALERT_CYCLE_KEY`, `$AGGREG_KEY`, `$TAGS`… under the field names people commonly use.
///
/// The dedup key is the cycle key, else the aggregation key, else the event id.
enum DatadogDecoder {
    /// `$ALERT_TRANSITION` values, folded (lowercased, no spaces or dashes), and whether they resolve the alert.
    static let transitions: [String: AlertStatus] = [
        "triggered": .firing, "retriggered": .firing, "warn": .firing, "rewarn": .firing, "nodata": .firing,
        "renodata": .firing, "renotify": .firing, "alert": .firing, "error": .firing, "warning": .firing,
        "recovered": .resolved, "warnrecovered": .resolved, "ok": .resolved, "resolved": .resolved,
        "success": .resolved,
    ]

    static func decode(_ root: JSONField, receivedAt: Date) throws(AlertDecodingError) -> Alert {
        guard let object = try root.object() else { throw .missing(field: "", expected: "a JSON object") }
        func field(_ names: String...) -> JSONField {
            guard let found = object.loose(names) else { return root[names[0]] }
            return root[found.key]
        }
        let transitionField = field("alert_transition", "transition")
        let transition = try transitionField.string().flatMap { $0.isEmpty ? nil : $0 }
        let rawTitle = try field("alert_title", "title", "event_title", "msg_title").string() ?? ""
        let status = try status(transition: transition, field: transitionField, title: rawTitle, object: object)
        let title = strippedTitle(rawTitle)
        var labels = try tags(field("tags", "alert_tags"))
        let labelFields = [
            ("host", field("hostname", "host")), ("priority", field("priority", "alert_priority")),
            ("alert_id", field("alert_id", "monitor_id")), ("alert_status", field("alert_status")),
            ("alert_type", field("alert_type")), ("event_type", field("event_type")),
            ("metric", field("alert_metric", "metric")), ("scope", field("alert_scope", "scope")),
            ("org", root["org"]["name"]),
        ]
        for (name, labelField) in labelFields where labels[name] == nil {
            labels[name] = try labelField.scalar().flatMap { $0.isEmpty ? nil : $0 }
        }
        var text = AlertText()
        text.add(title)
        text.add(try field("body", "event_msg", "alert_message", "message", "text").string().map(stripMarkers))
        text.add(try field("alert_query", "query").string())
        let eventID = try field("id", "event_id").scalar()
        let cycleKey = try JSONField.firstScalar(
            field("alert_cycle_key", "cycle_key"), field("aggreg_key", "aggregation_key", "aggregate_key"))
        guard !rawTitle.isEmpty || eventID != nil || cycleKey != nil || transition != nil else {
            throw .incomplete(missing: ["alert_title (or title)", "id", "alert_cycle_key", "alert_transition"])
        }
        let dedupKey = cycleKey ?? eventID ?? StableHash.fnv1a("\(title)|\(labels["host"] ?? "")")
        let folded = transition.map(fold)
        let severity = folded.map { $0.containsBytes("warn") } == true ? "warning" : labels["alert_type"]?.lowercased()
        return Alert(
            source: .datadog,
            status: status,
            labels: labels,
            title: AlertTitle.clean(title.isEmpty ? "Datadog alert \(eventID ?? dedupKey)" : title),
            text: text.text,
            startsAt: try field("date", "last_updated", "alert_date", "timestamp").date() ?? receivedAt,
            dedupKey: dedupKey,
            groupKey: labels["alert_id"] ?? dedupKey,
            severity: severity == "success" ? "info" : severity,
            url: try field("link", "alert_url", "event_url", "url").string()
        )
    }

    private static func fold(_ text: String) -> String {
        String(text.lowercased().filter { $0.isLetter })
    }

    private static func status(
        transition: String?, field: JSONField, title: String, object: JSONObject
    ) throws(AlertDecodingError) -> AlertStatus {
        if let transition {
            guard let status = transitions[fold(transition)] else {
                throw .unknownValue(
                    field: field.path, expected: "a Datadog transition (Triggered, Recovered, Warn, No Data…)",
                    value: transition)
            }
            return status
        }
        let lowered = title.lowercased()
        if lowered.hasPrefix("[recovered") || lowered.hasPrefix("[warn recovered") { return .resolved }
        if case .string(let type)? = object.loose(["alert_type"])?.value, type.lowercased() == "success" {
            return .resolved
        }
        return .firing
    }

    /// `[Triggered]`, `[Recovered]`, `[Triggered on {host:web-1}]`, `[P2]`… are state, not name.
    static func strippedTitle(_ title: String) -> String {
        var rest = Substring(title.trimmingCharacters(in: .whitespaces))
        while rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
            rest = rest[rest.index(after: close)...].drop { $0 == " " || $0 == ":" }
        }
        return String(rest)
    }

    /// Monitor messages wrap Markdown in `%%%` markers.
    private static func stripMarkers(_ body: String) -> String {
        body.replacingOccurrences(of: "%%%", with: "")
    }

    /// `$TAGS`: comma-separated `key:value` (or an array of them); bare tags become `tag:<name>` keys.
    private static func tags(_ field: JSONField) throws(AlertDecodingError) -> [String: String] {
        let items: [String]
        if let list = try? field.elements() {
            var scalars: [String] = []
            for element in list {
                if let scalar = try element.scalar() { scalars.append(scalar) }
            }
            items = scalars
        } else {
            items = (try field.string() ?? "").split(separator: ",").map(String.init)
        }
        var labels: [String: String] = [:]
        for item in items {
            let tag = item.trimmingCharacters(in: .whitespaces)
            guard !tag.isEmpty else { continue }
            if let colon = tag.firstIndex(of: ":") {
                let key = String(tag[..<colon])
                let value = String(tag[tag.index(after: colon)...])
                if !key.isEmpty, !value.isEmpty {
                    labels[key] = value
                }
            } else {
                labels["tag:\(tag)"] = tag
            }
        }
        return labels
    }
}
