import Foundation
import Testing

/// `docs/` is Runbook's own runbook library: it must lint clean and answer Runbook's own alerts.
struct OperationsDocTests {
    @Test func docsLintWithoutAnyFinding() async throws {
        let result = try await CLIRunner.run(["lint", "--format", "json", "docs"])
        #expect(result.status == 0)
        let report = try #require(try result.json() as? [String: Any])
        let findings = try #require(report["findings"] as? [[String: Any]])
        #expect(findings.isEmpty, "\(findings)")
    }

    @Test(arguments: [
        ("RunbookHeartbeatFailing", "OPERATIONS.md#runbookheartbeatfailing"),
        ("RunbookIngestRejected", "OPERATIONS.md#runbookingestrejected"),
        ("RunbookDatabaseUnavailable", "OPERATIONS.md#runbookdatabaseunavailable"),
        ("RunbookNotificationsRejected", "OPERATIONS.md#runbooknotificationsrejected"),
        ("RunbookOutboxBacklogGrowing", "OPERATIONS.md#runbookoutboxbackloggrowing"),
        ("RunbookNotificationDeliveryFailed", "OPERATIONS.md#runbooknotificationdeliveryfailed"),
    ])
    func ownAlertsMatchTheirEntries(alertname: String, entry: String) async throws {
        let payload = """
            {"version": "4", "status": "firing", "groupKey": "g", "receiver": "runbook",
             "alerts": [{"status": "firing", "labels": {"alertname": "\(alertname)", "job": "runbook"},
                         "annotations": {}, "startsAt": "2026-11-26T20:00:00Z", "fingerprint": "f1"}]}
            """
        let result = try await CLIRunner.run(["match", "--runbooks", "docs", "--json", "-"], stdin: payload)
        let report = try #require(try result.json() as? [String: Any])
        #expect(report["matched"] as? String == entry)
        #expect(result.status == 0)
    }

    /// The incident the dispatcher raises when a delivery dies matches its entry in the library `scripts/run`
    /// serves (examples and docs together), by its name alone and by its `runbook_url`.
    @Test(arguments: [false, true])
    func theDeadDeliveryIncidentMatchesItsEntryBesideTheExamples(withRunbookURL: Bool) async throws {
        let annotations = withRunbookURL
            ? #"{"runbook_url": "OPERATIONS.md#runbooknotificationdeliveryfailed"}"# : "{}"
        let payload = """
            {"version": "4", "status": "firing", "groupKey": "g", "receiver": "runbook",
             "alerts": [{"status": "firing", "labels": {"alertname": "RunbookNotificationDeliveryFailed",
                         "channel": "ops-slack", "route": "payments"},
                         "annotations": \(annotations), "startsAt": "2026-11-26T20:00:00Z", "fingerprint": "f2"}]}
            """
        let result = try await CLIRunner.run(
            ["match", "--runbooks", "examples/runbooks", "--runbooks", "docs", "--json", "-"], stdin: payload
        )
        let report = try #require(try result.json() as? [String: Any])
        #expect(report["matched"] as? String == "OPERATIONS.md#runbooknotificationdeliveryfailed")
    }
}
