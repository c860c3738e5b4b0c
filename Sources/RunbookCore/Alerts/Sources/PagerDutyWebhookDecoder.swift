import Foundation

/// A PagerDuty V3 webhook: PagerDuty telling another tool about one of its incidents
/// (`{"event": {"event_type": "incident.triggered", "data": {"type": "incident", "title": …}}}`).
///
/// The alert is the incident: its title, its PagerDuty service, escalation policy and teams (the words that say
/// what it is about), firing until an `incident.resolved` event. Ids, API links and assignees' names are left out
/// of the text: they say nothing about the problem. Every event of one incident has the incident's id as its dedup
/// key, so a trigger, an acknowledgement and a resolve are one alert. Events whose data is not the incident itself
/// (a note, a responder, a status update) name it by a reference (`data.incident`), whose summary is its title.
/// Events about anything but an incident (`service.updated`) carry no alert.
enum PagerDutyWebhookDecoder {
    /// Event types that leave the incident open whatever `data.status` says.
    static let openingEvents: Set<String> = ["incident.triggered", "incident.reopened"]

    /// Whether `object` has the V3 webhook shape: an `event` object with an `event_type` and `data`.
    static func isWebhook(_ object: JSONObject) -> Bool {
        guard case .object(let event)? = object["event"], case .string? = event["event_type"] else { return false }
        return event["data"] != nil
    }

    /// The incident's alert, or nil for an event about something else (a service or a team changed): a webhook
    /// subscription may send those too, and refusing them would only make PagerDuty retry them.
    static func decode(_ root: JSONField, receivedAt: Date) throws(AlertDecodingError) -> Alert? {
        let event = root["event"]
        let eventType = try event["event_type"].requiredString()
        guard eventType.hasPrefix("incident.") else { return nil }
        let data = event["data"]
        guard try data.object(expected: "the incident the event is about") != nil else {
            throw .missing(field: data.path, expected: "the incident the event is about")
        }
        let isIncident = try data["type"].string() == "incident" || data["incident"].isAbsent
        let incident = isIncident ? data : data["incident"]
        _ = try incident.object(expected: "an incident reference")
        var found = isIncident ? try incident["title"].string() : nil
        if found == nil { found = try incident["summary"].string() }
        guard let title = found.map(Self.withoutNumber), title.contains(where: { !$0.isWhitespace }) else {
            throw .missing(field: incident[isIncident ? "title" : "summary"].path, expected: "the incident's title")
        }
        var id = try PagerDutyDecoder.dedupKey(incident["id"])
        if id == nil { id = try PagerDutyDecoder.dedupKey(event["id"]) }
        guard let id else { throw .missing(field: incident["id"].path, expected: "the incident's id") }
        let status = try self.status(eventType: eventType, incident: incident)
        var labels = ["event_type": eventType]
        var text = AlertText()
        text.add(title)
        for (label, field) in [("pagerduty_service", "service"), ("escalation_policy", "escalation_policy"),
                               ("priority", "priority")] {
            if let summary = try incident[field]["summary"].string(), !summary.isEmpty {
                labels[label] = summary
                text.add(summary)
            }
        }
        var teams: [String] = []
        for team in try incident["teams"].elements() ?? [] {
            if let summary = try team["summary"].string(), !summary.isEmpty { teams.append(summary) }
        }
        if !teams.isEmpty {
            labels["teams"] = teams.joined(separator: ", ")
            teams.forEach { text.add($0) }
        }
        for key in ["urgency", "number"] {
            if let value = try incident[key].scalar(), !value.isEmpty { labels[key] = value }
        }
        var annotations: [String: String] = [:]
        if let details = try incident["body"]["details"].string(), !details.isEmpty {
            annotations["description"] = details
            text.add(details)
        }
        // What a note or a status update says is part of the incident's story.
        for key in ["content", "message"] where !isIncident {
            if let words = try data[key].string() { text.add(words) }
        }
        return Alert(
            source: .generic,
            status: status,
            labels: labels,
            annotations: annotations,
            title: AlertTitle.clean(title),
            text: text.text,
            startsAt: try startsAt(incident, event) ?? receivedAt,
            endsAt: status == .resolved ? receivedAt : nil,
            dedupKey: "pagerduty:\(id)",
            severity: labels["priority"]?.lowercased() ?? labels["urgency"],
            url: try incident["html_url"].string()
        )
    }

    private static func startsAt(_ incident: JSONField, _ event: JSONField) throws(AlertDecodingError) -> Date? {
        if let created = try incident["created_at"].date() { return created }
        return try event["occurred_at"].date()
    }

    /// `incident.resolved` resolves; a trigger or a reopening fires; any other event (an acknowledgement, a note, a
    /// new priority) keeps the incident's own status.
    private static func status(eventType: String, incident: JSONField) throws(AlertDecodingError) -> AlertStatus {
        if eventType == "incident.resolved" { return .resolved }
        if openingEvents.contains(eventType) { return .firing }
        return try incident["status"].string() == "resolved" ? .resolved : .firing
    }

    /// A reference's summary without the incident number PagerDuty puts first (`[#1234] Disk full` → `Disk full`).
    static func withoutNumber(_ title: String) -> String {
        guard title.hasPrefix("[#"), let close = title.firstIndex(of: "]") else { return title }
        let number = title[title.index(title.startIndex, offsetBy: 2)..<close]
        guard !number.isEmpty, number.allSatisfy(\.isNumber) else { return title }
        return title[title.index(after: close)...].trimmingCharacters(in: .whitespaces)
    }
}
