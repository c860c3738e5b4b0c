import Foundation
import RunbookCore

/// A PagerDuty Events API v2 event: trigger, acknowledge or resolve one incident by its `dedup_key`.
struct PagerDutyEvent: Encodable, Sendable {
    /// Longest summary PagerDuty takes.
    static let summaryLength = 1024

    var routingKey: String
    var eventAction: String
    var dedupKey: String
    var payload: Payload?
    var links: [Link]?
    var client: String
    var clientURL: URL?

    enum CodingKeys: String, CodingKey {
        case routingKey = "routing_key"
        case eventAction = "event_action"
        case dedupKey = "dedup_key"
        case payload, links, client
        case clientURL = "client_url"
    }

    struct Payload: Encodable, Sendable {
        var summary: String
        var source: String
        var severity: String
        var timestamp: Date
        var component: String?
        var group: String?
        var customDetails: CustomDetails

        enum CodingKeys: String, CodingKey {
            case summary, source, severity, timestamp, component, group
            case customDetails = "custom_details"
        }
    }

    struct CustomDetails: Encodable, Sendable {
        var incident: Int64
        var key: String
        var route: String
        var labels: [String: String]
        var entry: EntrySummary?
        /// With no entry, the best entries under the threshold; left out when there are none.
        var candidates: [EntryCandidate]?
        var incidents: [DigestItem]?
        var omitted: Int?
    }

    struct Link: Encodable, Sendable {
        var href: URL
        var text: String
    }

    /// The dedup key of an incident: `runbook-incident-<id>`.
    static func dedupKey(incidentID: Int64) -> String {
        "runbook-incident-\(incidentID)"
    }

    /// PagerDuty's severity for an alert severity: critical, error, warning or info (error when unknown).
    static func severity(_ severity: String?) -> String {
        switch severity?.lowercased() {
        case "critical", "crit", "fatal", "emergency", "page", "p1", "sev1", "disaster": "critical"
        case "warning", "warn", "medium", "p3", "sev3", "average": "warning"
        case "info", "information", "informational", "low", "notice", "debug", "ok", "p4", "p5", "none": "info"
        default: "error"
        }
    }

    init(_ message: NotificationMessage, routingKey: String) {
        self.routingKey = routingKey
        client = "Runbook"
        clientURL = message.incidentURL
        switch message.kind {
        case .acknowledged:
            eventAction = "acknowledge"
            dedupKey = Self.dedupKey(incidentID: message.incident.id)
            return
        case .resolved:
            eventAction = "resolve"
            dedupKey = Self.dedupKey(incidentID: message.incident.id)
            return
        case .digest:
            eventAction = "trigger"
            dedupKey = "runbook-digest-\(message.deliveryID)"
        case .triggered, .repeated:
            eventAction = "trigger"
            dedupKey = Self.dedupKey(incidentID: message.incident.id)
        }
        let summary = message.kind == .digest
            ? "\(message.digestTotal) new incidents on route \(message.route)"
            : "\(message.incident.key): \(message.incident.title)"
        let labels = message.labels
        payload = Payload(
            summary: String(summary.prefix(Self.summaryLength)),
            source: labels["instance"] ?? labels["host"] ?? labels["service"] ?? "runbook-\(message.incident.source)",
            severity: Self.severity(message.incident.severity),
            timestamp: message.incident.openedAt,
            component: labels["service"] ?? labels["app"] ?? labels["job"],
            group: labels["namespace"],
            customDetails: CustomDetails(
                incident: message.incident.id, key: message.incident.key, route: message.route, labels: labels,
                entry: message.entry, candidates: message.candidates.isEmpty ? nil : message.candidates,
                incidents: message.kind == .digest ? message.digest : nil,
                omitted: message.kind == .digest ? message.digestOmitted : nil
            )
        )
        var links: [Link] = []
        if let entry = message.entry, let url = entry.url {
            links.append(Link(href: url, text: "Runbook: \(entry.title)"))
        }
        if let url = message.incidentURL {
            links.append(Link(href: url, text: "Runbook incident #\(message.incident.id)"))
        }
        self.links = links.isEmpty ? nil : links
    }
}
