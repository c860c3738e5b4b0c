import Foundation
import HTTPTypes
import Logging
import RunbookCore
import RunbookStore
import Testing

@testable import RunbookServer

/// Operators' corrections: choosing an incident's entry binds its key, and the next alert with it gets that entry.
struct BindingsAPITests {
    static let latencyID = "team/oncall.md#highlatency-checkout"
    static let ingestPath = IngestURL.path(integration: "am", source: .alertmanager)
    /// The day of `APIHarness.start`, the server's clock in these tests.
    static let chosenBy = "chosen by ana-operator on 2025-06-15"

    /// An Alertmanager notification with one DiskFull alert of app `payments`; `group` and `instance` make it a new
    /// alert in a new group, with the same key.
    static func payload(group: String, instance: String) -> String {
        """
        {"version":"4","status":"firing","receiver":"runbook","groupKey":"\(group)","alerts":[{"status":"firing",\
        "labels":{"alertname":"DiskFull","app":"payments","instance":"\(instance)"},\
        "annotations":{"summary":"DiskFull on \(instance)"},"startsAt":"2025-06-15T15:00:00Z",\
        "fingerprint":"fp-\(group)-\(instance)"}]}
        """
    }

    /// Posts one notification and returns the incident it went into.
    static func ingest(_ api: APIClient, secret: String, group: String, instance: String) async throws -> Int64 {
        let json = payload(group: group, instance: instance)
        let reply = try await api.send(.post, ingestPath, token: secret, json: json)
        #expect(reply.status == .accepted)
        let incidents = try #require(try reply.object()["incidents"] as? [Int])
        return Int64(try #require(incidents.first))
    }

    static func incident(_ api: APIClient, _ id: Int64) async throws -> IncidentsController.Detail {
        try await api.send(.get, "/api/v1/incidents/\(id)", as: .viewer).decode(IncidentsController.Detail.self)
    }

    static func choose(_ api: APIClient, _ id: Int64, _ body: String, as role: APIToken.Role? = .operator)
        async throws -> APIClient.Reply
    {
        try await api.send(.post, "/api/v1/incidents/\(id)/entry", as: role, json: body)
    }

    /// The harness's library without its HighLatency entry, as a new revision.
    static func withoutLatency() -> LibrarySnapshot {
        let text = APIHarness.runbook.components(separatedBy: "## HighLatency checkout")[0]
        let library = Library(folders: [LibraryFolder(name: "lib", files: [
            SourceFile(path: "team/oncall.md", contents: text),
        ])])
        return LibrarySnapshot(library: library, findings: [], revision: "rev-removed", loadedAt: APIHarness.start)
    }

    @Test
    func anOperatorsChoiceIsRecordedAndTheNextAlertOfTheKeyGetsTheEntryFirst() async throws {
        let harness = try await APIHarness.make()
        let secret = try await harness.store.addIntegration(name: "am", source: .alertmanager, at: APIHarness.start)
            .secret
        try await harness.run(now: { APIHarness.start }) { api in
            let first = try await Self.ingest(api, secret: secret, group: "g1", instance: "db1")
            #expect(try await Self.incident(api, first).incident.entryID == APIHarness.diskFullID)

            let reply = try await Self.choose(
                api, first, #"{"entry": "\#(Self.latencyID)", "note": "our disk alerts are latency"}"#)
            #expect(reply.status == .ok)
            let object = try reply.object()
            let binding = try #require(object["binding"] as? [String: Any])
            #expect(binding["entry"] as? String == Self.latencyID)
            #expect(binding["chosen_by"] as? String == Self.chosenBy)
            #expect(binding["stale"] as? Bool == false)
            let chosen = try await Self.incident(api, first)
            #expect(chosen.incident.entryID == Self.latencyID)
            #expect(chosen.incident.score == BindingRule.chosenScore)
            let event = try #require(chosen.timeline.last)
            #expect(event.kind == .entryChosen)
            #expect(event.actor == "ana-operator")
            #expect(event.at == APIHarness.start)
            #expect(event.detail == "\(Self.latencyID): our disk alerts are latency")

            let second = try await Self.ingest(api, secret: secret, group: "g2", instance: "db2")
            #expect(second != first)
            let next = try await Self.incident(api, second)
            #expect(next.incident.key == chosen.incident.key)
            #expect(next.incident.entryID == Self.latencyID)
            let top = try #require(next.alerts.first?.matches.first)
            #expect(top.entry == Self.latencyID)
            #expect(top.score == 1.0)
            #expect(top.evidence.map(\.term) == [Self.chosenBy])
        }
    }

    @Test
    func aNoneBindingGivesNoConfidentMatchAndSaysAnOperatorChoseNone() async throws {
        let harness = try await APIHarness.make()
        let secret = try await harness.store.addIntegration(name: "am", source: .alertmanager, at: APIHarness.start)
            .secret
        try await harness.run(now: { APIHarness.start }) { api in
            let first = try await Self.ingest(api, secret: secret, group: "g1", instance: "db1")
            #expect(try await Self.choose(api, first, #"{"entry": null}"#).status == .ok)
            #expect(try await Self.incident(api, first).incident.entryID == nil)
            let second = try await Self.ingest(api, secret: secret, group: "g2", instance: "db2")
            let next = try await Self.incident(api, second)
            #expect(next.incident.entryID == nil)
            let matches = try #require(next.alerts.first?.matches)
            #expect(!matches.isEmpty)
            #expect(matches.allSatisfy { $0.score < MatchIndex.defaultThreshold })
            #expect(matches.first?.evidence.first?.term.contains("an operator said no entry fits") == true)
            let listed = try await api.send(.get, "/api/v1/bindings", as: .viewer).object()
            let bindings = try #require(listed["bindings"] as? [[String: Any]])
            #expect(bindings.count == 1)
            #expect(bindings.first?["entry"] is NSNull)
        }
    }

    @Test
    func choosingIsForOperatorsAndNamesWhatIsWrong() async throws {
        let harness = try await APIHarness.make()
        let id = try #require(try await harness.ingest([APIHarness.alert("DiskFull")]).incidentIDs.first)
        try await harness.run { api in
            let body = #"{"entry": "\#(Self.latencyID)"}"#
            #expect(try await Self.choose(api, id, body, as: .viewer).status == .forbidden)
            #expect(try await Self.choose(api, id, body, as: nil).status == .unauthorized)
            #expect(try await Self.choose(api, 999, body).status == .notFound)

            let unknown = try await Self.choose(api, id, #"{"entry": "team/oncall.md#diskful"}"#)
            #expect(unknown.status == .unprocessableContent)
            let error = try unknown.error()
            #expect(error.field == "entry")
            #expect(error.detail.contains("nearest: \(APIHarness.diskFullID)"))

            let missing = try await Self.choose(api, id, #"{"entyr": "x"}"#)
            #expect(missing.status == .badRequest)
            #expect(try missing.error().field == "entry")
            #expect(try await api.send(.get, "/api/v1/bindings", as: .viewer).object()["bindings"] as? [Any] != nil)
            #expect(try await harness.store.bindings().isEmpty)
        }
    }

    @Test
    func bindingsAreListedByViewersAndRemovedByOperators() async throws {
        let harness = try await APIHarness.make()
        let id = try #require(try await harness.ingest([APIHarness.alert("DiskFull")]).incidentIDs.first)
        try await harness.run { api in
            #expect(try await Self.choose(api, id, #"{"entry": "\#(Self.latencyID)"}"#).status == .ok)
            let key = try #require(try await harness.store.bindings().first?.key)
            let listed = try await api.send(.get, "/api/v1/bindings", as: .viewer)
            #expect(listed.status == .ok)
            let bindings = try #require(try listed.object()["bindings"] as? [[String: Any]])
            #expect(bindings.map { $0["key"] as? String } == [key])
            let path = "/api/v1/bindings?key="
                + (key.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? key)
            #expect(try await api.send(.delete, path, as: .viewer).status == .forbidden)
            #expect(try await api.send(.delete, path, as: .operator).status == .ok)
            #expect(try await api.send(.delete, path, as: .operator).status == .notFound)
            #expect(try await api.send(.delete, "/api/v1/bindings", as: .operator).status == .badRequest)
            #expect(try await harness.store.bindings().isEmpty)
        }
    }

    @Test
    func aBindingSurvivesALibraryReload() async throws {
        let harness = try await APIHarness.make()
        let secret = try await harness.store.addIntegration(name: "am", source: .alertmanager, at: APIHarness.start)
            .secret
        let holder = harness.library
        let reload: @Sendable () throws -> LibrarySnapshot = {
            let snapshot = APIHarness.snapshot(revision: "2", extra: "\n## NewEntry\n\nText.\n")
            holder.replace(with: snapshot)
            return snapshot
        }
        try await harness.run(reload: reload, now: { APIHarness.start }) { api in
            let first = try await Self.ingest(api, secret: secret, group: "g1", instance: "db1")
            #expect(try await Self.choose(api, first, #"{"entry": "\#(Self.latencyID)"}"#).status == .ok)
            #expect(try await api.send(.post, "/api/v1/runbooks/reload", as: .operator).status == .ok)
            #expect(holder.current?.revision == "rev-2")
            let second = try await Self.ingest(api, secret: secret, group: "g2", instance: "db2")
            #expect(try await Self.incident(api, second).incident.entryID == Self.latencyID)
        }
    }

    @Test
    func aBindingToARemovedEntryIsReportedAndFallsBackToMatching() async throws {
        let harness = try await APIHarness.make()
        let secret = try await harness.store.addIntegration(name: "am", source: .alertmanager, at: APIHarness.start)
            .secret
        let holder = harness.library
        try await harness.run(now: { APIHarness.start }) { api in
            let first = try await Self.ingest(api, secret: secret, group: "g1", instance: "db1")
            #expect(try await Self.choose(api, first, #"{"entry": "\#(Self.latencyID)"}"#).status == .ok)
            holder.replace(with: Self.withoutLatency())

            let listed = try await api.send(.get, "/api/v1/bindings", as: .viewer).object()
            let bindings = try #require(listed["bindings"] as? [[String: Any]])
            #expect(bindings.first?["stale"] as? Bool == true)

            let heartbeat = try await api.send(.get, "/__heartbeat__", as: nil).object()
            let checks = try #require(heartbeat["checks"] as? [String: [String: String]])
            #expect(checks["bindings"]?["status"] == "ok")
            #expect(checks["bindings"]?["detail"]?.contains("1 stale") == true)
            #expect(checks["bindings"]?["detail"]?.contains(Self.latencyID) == true)

            let second = try await Self.ingest(api, secret: secret, group: "g2", instance: "db2")
            let next = try await Self.incident(api, second)
            #expect(next.incident.entryID == APIHarness.diskFullID)
            #expect(next.alerts.first?.matches.contains { $0.entry == Self.latencyID } == false)
        }
    }

    @Test
    func theAuditLogsEachStaleBindingOfARevision() async throws {
        let harness = try await APIHarness.make()
        let id = try #require(try await harness.ingest([APIHarness.alert("DiskFull")]).incidentIDs.first)
        _ = try await harness.store.chooseEntry(
            incidentID: id, entryID: Self.latencyID, note: nil, by: "ana", at: APIHarness.start)
        let capture = LogCapture()
        let audit = BindingAudit(store: harness.store, logger: capture.logger())
        #expect(try await audit.audit(APIHarness.snapshot()).isEmpty)
        let stale = try await audit.audit(Self.withoutLatency())
        #expect(stale.map(\.entryID) == [Self.latencyID])
        let logged = capture.objects.filter { $0["type"] as? String == "binding.stale" }
        #expect(logged.count == 1)
        #expect(capture.lines.contains { $0.contains(Self.latencyID) && $0.contains("rev-removed") })
        try await harness.close()
    }
}
