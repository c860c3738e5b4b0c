import Foundation
import RunbookCore
import RunbookStore

/// Alerts and requests for the contract suite, written for these tests (Alertmanager-like labels).
enum Fixture {
    static let start = Date(timeIntervalSince1970: 1_750_000_000)

    /// `start` plus some seconds.
    static func at(_ seconds: Double) -> Date {
        start.addingTimeInterval(seconds)
    }

    static func alert(
        _ name: String, instance: String = "db1", status: AlertStatus = .firing, group: String? = nil,
        severity: String? = nil, source: AlertSource = .alertmanager
    ) -> Alert {
        Alert(
            source: source, status: status, labels: ["alertname": name, "instance": instance],
            annotations: ["summary": "\(name) on \(instance)"], title: "\(name) \(instance)",
            dedupKey: "\(name)/\(instance)", groupKey: group ?? "\(name)/\(instance)", severity: severity
        )
    }

    static func item(_ alert: Alert, score: Double? = nil, entry: String = "ops.md#disk-full") -> IngestAlert {
        let matches = score.map { score in
            [Match(entry: entry, title: "Disk full", score: score,
                   evidence: [Evidence(term: "disk", alertField: "alertname", entryField: "title", weight: score)])]
        } ?? []
        return IngestAlert(alert: alert, key: alert.labels["alertname"] ?? alert.title, matches: matches,
                           libraryRevision: "rev-1")
    }

    static func request(_ alerts: [Alert], at seconds: Double = 0, score: Double? = nil) -> IngestRequest {
        let body = Data(#"{"alerts":[\#(alerts.map { "\"\($0.dedupKey)\"" }.joined(separator: ","))]}"#.utf8)
        return IngestRequest(
            source: alerts.first?.source ?? .alertmanager, integration: "am", receivedAt: at(seconds),
            contentType: "application/json", payload: body, alerts: alerts.map { item($0, score: score) }
        )
    }

    /// Every incident in the store, following cursors.
    static func allIncidents(_ store: some IncidentStore, query: IncidentQuery = IncidentQuery(limit: 1000))
        async throws -> [Incident]
    {
        var incidents: [Incident] = []
        var query = query
        repeat {
            let page = try await store.incidents(matching: query)
            incidents += page.incidents
            query.cursor = page.nextCursor
        } while query.cursor != nil
        return incidents
    }
}
