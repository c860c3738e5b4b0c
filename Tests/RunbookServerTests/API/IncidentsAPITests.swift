import Foundation
import Hummingbird
import RunbookCore
import RunbookStore
import Testing

@testable import RunbookServer

struct IncidentsAPITests {
    @Test
    func everyAPIRouteRefusesARequestWithoutAValidToken() async throws {
        let harness = try await APIHarness.make()
        try await harness.run { api in
            for uri in ["/api/v1/incidents", "/api/v1/runbooks", "/api/v1/coverage"] {
                let missing = try await api.send(.get, uri, as: nil)
                #expect(missing.status == .unauthorized)
                #expect(missing.headers[.wwwAuthenticate] == "Bearer")
                #expect(try missing.error().error == "unauthorized")
                #expect(try missing.error().field == "Authorization")
                let wrong = try await api.send(.get, uri, token: "rbt_not-a-token")
                #expect(wrong.status == .unauthorized)
                #expect(try wrong.error().detail.contains("not valid"))
            }
        }
    }

    @Test
    func aRemovedTokenStopsWorkingAtOnce() async throws {
        let harness = try await APIHarness.make()
        try await harness.run { api in
            #expect(try await api.send(.get, "/api/v1/incidents", as: .operator).status == .ok)
            try await harness.store.removeToken(name: "ana-operator")
            #expect(try await api.send(.get, "/api/v1/incidents", as: .operator).status == .unauthorized)
        }
    }

    @Test
    func withoutADatabaseTheAPIAnswers503() async throws {
        var dependencies = TestServer.dependencies(capture: LogCapture())
        dependencies.store = nil
        try await TestServer.withLiveServer(dependencies: dependencies) { client in
            try await client.execute(uri: "/api/v1/incidents", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                let body = try JSONDecoder().decode(APIError.Body.self, from: Data(buffer: response.body))
                #expect(body.error == "store_unavailable")
            }
        }
    }

    @Test
    func theOpenIncidentGaugeFollowsAnOperatorsResolution() async throws {
        let harness = try await APIHarness.make()
        let first = try await harness.ingest([APIHarness.alert("DiskFull")])
        _ = try await harness.ingest([APIHarness.alert("HighLatency")], at: 1)
        let id = try #require(first.incidentIDs.first)
        try await harness.run { api in
            let before = try await Self.openIncidentGauge(api, expecting: 2)
            let resolved = try await api.send(.post, "/api/v1/incidents/\(id)/resolve", as: .operator)
            // No ingestion since: only the scrapes count.
            let after = try await Self.openIncidentGauge(api, expecting: 1)
            #expect(before == 2)
            #expect(resolved.status == .ok)
            #expect(after == 1)
        }
    }

    /// The value of `runbook_incidents_open` once a scrape of `/metrics` shows `expected` (`MetricsText.scrape`).
    private static func openIncidentGauge(_ api: APIClient, expecting expected: Double) async throws -> Double? {
        let text = try await MetricsText.scrape(until: "runbook_incidents_open", is: expected) {
            String(decoding: try await api.send(.get, "/metrics", as: nil).body, as: UTF8.self)
        }
        return MetricsText.value(of: "runbook_incidents_open", in: text)
    }

    @Test
    func aRoleTooLowIsForbidden() async throws {
        let harness = try await APIHarness.make()
        let id = try #require(try await harness.ingest([APIHarness.alert("DiskFull")]).incidentIDs.first)
        try await harness.run { api in
            let acknowledge = try await api.send(.post, "/api/v1/incidents/\(id)/acknowledge", as: .viewer)
            #expect(acknowledge.status == .forbidden)
            #expect(try acknowledge.error().detail.contains("ana-viewer has the role viewer"))
            let retract = try await api.send(
                .post, "/api/v1/incidents/\(id)/retract", as: .operator, json: #"{"reason":"test"}"#)
            #expect(retract.status == .forbidden)
            #expect(try await api.send(.get, "/api/v1/incidents/\(id)", as: .viewer).status == .ok)
        }
    }

    @Test
    func detailRendersTheMatchedEntryFilledFromTheFirstAlertsLabels() async throws {
        let harness = try await APIHarness.make()
        let alert = APIHarness.alert("DiskFull", instance: "db7", extraLabels: ["camelCaseLabel": "kept"])
        let id = try #require(try await harness.ingest([alert]).incidentIDs.first)
        try await harness.run { api in
            let reply = try await api.send(.get, "/api/v1/incidents/\(id)", as: .viewer)
            #expect(reply.status == .ok)
            let detail = try reply.decode(IncidentsController.Detail.self)
            #expect(detail.incident.entryID == APIHarness.diskFullID)
            let entry = try #require(detail.entry)
            #expect(entry.id == APIHarness.diskFullID)
            #expect(entry.parts.map(\.kind) == [.diagnosis, .mitigation])
            #expect(entry.commands.first?.text == "ssh db7 df -h /var/lib/postgresql")
            #expect(entry.parts.last?.markdown.contains("WAL archives on db7") == true)
            #expect(detail.alerts.first?.alert.labels["camelCaseLabel"] == "kept")
            #expect(detail.timeline.map(\.kind).contains(.alertFired))
            #expect(!detail.candidates.contains { $0.entry == APIHarness.diskFullID })
            #expect(detail.libraryRevision == "rev-1")
            let object = try reply.object()
            let incident = try #require(object["incident"] as? [String: Any])
            #expect(incident["entry_id"] as? String == APIHarness.diskFullID)
            let alerts = try #require(object["alerts"] as? [[String: Any]])
            let labels = (alerts.first?["alert"] as? [String: Any])?["labels"] as? [String: String]
            #expect(labels?["camelCaseLabel"] == "kept")
        }
    }

    @Test
    func anUnknownIdIs404AndAMalformedOneIs400() async throws {
        let harness = try await APIHarness.make()
        try await harness.run { api in
            let unknown = try await api.send(.get, "/api/v1/incidents/999", as: .viewer)
            #expect(unknown.status == .notFound)
            #expect(try unknown.error().detail.contains("999"))
            for bad in ["abc", "0", "-3"] {
                let reply = try await api.send(.post, "/api/v1/incidents/\(bad)/resolve", as: .operator)
                #expect(reply.status == .badRequest)
                #expect(try reply.error().field == "id")
            }
            #expect(try await api.send(.post, "/api/v1/incidents/999/acknowledge", as: .operator).status == .notFound)
        }
    }

    @Test
    func operatorActionsAreStampedByTheServersClock() async throws {
        let harness = try await APIHarness.make()
        let id = try #require(try await harness.ingest([APIHarness.alert("DiskFull")]).incidentIDs.first)
        let clock = APIHarness.start.addingTimeInterval(600)
        try await harness.run(now: { clock }) { api in
            let acknowledged = try await api.send(.post, "/api/v1/incidents/\(id)/acknowledge", as: .operator)
            #expect(try acknowledged.decode(Incident.self).acknowledgedAt == clock)
            let resolved = try await api.send(.post, "/api/v1/incidents/\(id)/resolve", as: .operator)
            #expect(try resolved.decode(Incident.self).resolvedAt == clock)
        }
    }

    /// The source repeats a firing alert and the repeat reopens the incident (as PagerDuty does); the resolve
    /// answer and the timeline say so and offer the silence that would keep it quiet.
    @Test
    func resolvingWhileTheSourceStillFiresWarnsAndOffersTheSilence() async throws {
        let harness = try await APIHarness.make()
        let alert = APIHarness.alert("DiskFull", extraLabels: ["service": "db"])
        let id = try #require(try await harness.ingest([alert]).incidentIDs.first)
        try await harness.run { api in
            let reply = try await api.send(.post, "/api/v1/incidents/\(id)/resolve", as: .operator)
            #expect(reply.status == .ok)
            #expect(try reply.decode(Incident.self).state == .resolved)
            let body = try #require(try JSONSerialization.jsonObject(with: reply.body) as? [String: Any])
            #expect(body["warning"] as? String == "still firing at the source: it will reopen; silence it instead")
            let silence = try #require(body["suggested_silence"] as? [String: Any])
            #expect(silence["matchers"] as? [String] == ["alertname=DiskFull", "service=db", "instance=db1"])
            let created = try await api.send(
                .post, "/api/v1/silences", as: .operator,
                json: String(decoding: try JSONSerialization.data(withJSONObject: silence), as: UTF8.self))
            #expect(created.status == .created, "\(String(decoding: created.body, as: UTF8.self))")
            let detail = try await api.send(.get, "/api/v1/incidents/\(id)", as: .viewer)
                .decode(IncidentsController.Detail.self)
            #expect(detail.timeline.contains { $0.kind == .note && $0.detail == ResolveAnswer.stillFiring })
        }
    }

    @Test
    func resolvingAfterTheSourceResolvedNeedsNoWarning() async throws {
        let harness = try await APIHarness.make()
        let id = try #require(try await harness.ingest([APIHarness.alert("DiskFull")]).incidentIDs.first)
        try await harness.ingest([APIHarness.alert("DiskFull", status: .resolved)], at: 30)
        try await harness.run { api in
            let reply = try await api.send(.post, "/api/v1/incidents/\(id)/resolve", as: .operator)
            let body = try #require(try JSONSerialization.jsonObject(with: reply.body) as? [String: Any])
            #expect(body["warning"] == nil && body["suggested_silence"] == nil)
        }
    }

    @Test
    func operatorActionsRecordWhoDidThemAndStateConflictsAre409() async throws {
        let harness = try await APIHarness.make()
        let id = try #require(try await harness.ingest([APIHarness.alert("DiskFull")]).incidentIDs.first)
        try await harness.run { api in
            let base = "/api/v1/incidents/\(id)"
            let acknowledged = try await api.send(.post, "\(base)/acknowledge", as: .operator)
            #expect(acknowledged.status == .ok)
            #expect(try acknowledged.decode(Incident.self).acknowledgedBy == "ana-operator")
            let note = try await api.send(.post, "\(base)/notes", as: .operator, json: #"{"text":"volume grown"}"#)
            #expect(note.status == .created)
            #expect(try note.decode(TimelineEvent.self).actor == "ana-operator")
            let resolved = try await api.send(.post, "\(base)/resolve", as: .operator)
            #expect(try resolved.decode(Incident.self).state == .resolved)
            #expect(try resolved.decode(Incident.self).resolvedBy == "ana-operator")
            let conflict = try await api.send(.post, "\(base)/acknowledge", as: .operator)
            #expect(conflict.status == .conflict)
            #expect(try conflict.error().detail.contains("reopen it"))
            let reopened = try await api.send(.post, "\(base)/reopen", as: .operator)
            #expect(try reopened.decode(Incident.self).state == .triggered)
            let detail = try await api.send(.get, base, as: .viewer).decode(IncidentsController.Detail.self)
            let byOperator = detail.timeline.filter { $0.actor == "ana-operator" }.map(\.kind)
            #expect(byOperator == [.acknowledged, .note, .resolved, .reopened])
        }
    }

    @Test(arguments: [
        (#"{"text":"   "}"#, "application/json", HTTPResponse.Status.badRequest, "text"),
        (#"{"words":"x"}"#, "application/json", .badRequest, "text"),
        (#"{"text":"#, "application/json", .badRequest, ""),
        (#"{"text":"x"}"#, "text/plain", .unsupportedMediaType, "Content-Type"),
    ])
    func aBadNoteIsAClientErrorNamingTheField(
        body: String, contentType: String, status: HTTPResponse.Status, field: String
    ) async throws {
        let harness = try await APIHarness.make()
        let id = try #require(try await harness.ingest([APIHarness.alert("DiskFull")]).incidentIDs.first)
        try await harness.run { api in
            let reply = try await api.send(
                .post, "/api/v1/incidents/\(id)/notes", as: .operator, json: body, contentType: contentType)
            #expect(reply.status == status)
            #expect(try reply.error().field == (field.isEmpty ? nil : field))
        }
    }

    @Test
    func aNoteOverTheBodyLimitIs413() async throws {
        let harness = try await APIHarness.make()
        let id = try #require(try await harness.ingest([APIHarness.alert("DiskFull")]).incidentIDs.first)
        var configuration = TestServer.configuration()
        configuration.maxRequestBody = 64
        try await harness.run(configuration: configuration) { api in
            let text = String(repeating: "x", count: 200)
            let reply = try await api.send(.post, "/api/v1/incidents/\(id)/notes", as: .operator,
                                           json: #"{"text":"\#(text)"}"#)
            #expect(reply.status == .contentTooLarge)
            #expect(try reply.error().error == "payload_too_large")
            let detail = try await api.send(.get, "/api/v1/incidents/\(id)", as: .viewer)
            #expect(try detail.decode(IncidentsController.Detail.self).timeline.allSatisfy { $0.kind != .note })
        }
    }

    @Test
    func listFiltersByStateSourceEntryLabelAndTime() async throws {
        let harness = try await APIHarness.make()
        let disk = try #require(try await harness.ingest([APIHarness.alert("DiskFull")], at: 0).incidentIDs.first)
        let other = try #require(
            try await harness.ingest([APIHarness.alert("Unrelated", instance: "web2")], at: 100).incidentIDs.first)
        let sentry = try #require(
            try await harness.ingest([APIHarness.alert("Crash", source: .sentry)], at: 200).incidentIDs.first)
        _ = try await harness.store.resolve(incidentID: other, by: "ana", at: APIHarness.start.addingTimeInterval(300))
        try await harness.run { api async throws in
            #expect(try await Self.ids(api, "") == [sentry, disk, other])
            #expect(try await Self.ids(api, "state=resolved") == [other])
            #expect(try await Self.ids(api, "state=triggered,acknowledged") == [sentry, disk])
            #expect(try await Self.ids(api, "source=sentry") == [sentry])
            #expect(try await Self.ids(api, "entry=team%2Foncall.md%23diskfull") == [disk])
            #expect(try await Self.ids(api, "label.instance=web2") == [other])
            #expect(try await Self.ids(api, "since=\(Self.iso(50))&until=\(Self.iso(150))") == [other])
            #expect(try await Self.ids(api, "until=\(APIHarness.start.timeIntervalSince1970 + 1)") == [disk])
        }
    }

    @Test
    func listPagesWithCursorsOpenFirstWithoutRepeats() async throws {
        let harness = try await APIHarness.make()
        var opened: [Int64] = []
        for number in 0..<7 {
            let alert = APIHarness.alert("Unrelated\(number)", instance: "host\(number)")
            opened += try await harness.ingest([alert], at: Double(number)).incidentIDs
        }
        let all = opened
        for id in all.prefix(3) {
            _ = try await harness.store.resolve(incidentID: id, by: "ana", at: APIHarness.start.addingTimeInterval(60))
        }
        try await harness.run { api in
            var seen: [Incident] = []
            var cursor: String?
            var pages = 0
            repeat {
                let query = cursor.map { "&cursor=\($0)" } ?? ""
                let page = try await api.send(.get, "/api/v1/incidents?limit=3\(query)", as: .viewer)
                    .decode(IncidentsController.Page.self)
                #expect(page.incidents.count <= 3)
                seen += page.incidents
                cursor = page.nextCursor
                pages += 1
            } while cursor != nil && pages < 10
            #expect(pages == 3)
            #expect(Set(seen.map(\.id)) == Set(all))
            #expect(seen.count == all.count)
            #expect(seen.prefix(4).allSatisfy { $0.state.isOpen })
            #expect(seen.suffix(3).allSatisfy { !$0.state.isOpen })
        }
    }

    @Test(arguments: [
        ("state=sleeping", "state"), ("source=nagios", "source"), ("limit=0", "limit"), ("limit=5000", "limit"),
        ("since=yesterday", "since"), ("until=2025-13-45", "until"), ("cursor=bm90LWEtY3Vyc29y", "cursor"),
        ("label.=x", "label."),
    ])
    func anInvalidListParameterIs400NamingIt(query: String, field: String) async throws {
        let harness = try await APIHarness.make()
        try await harness.run { api in
            let reply = try await api.send(.get, "/api/v1/incidents?\(query)", as: .viewer)
            #expect(reply.status == .badRequest)
            #expect(try reply.error().field == field)
        }
    }

    @Test
    func anAdminRetractsAnIncidentKeepingAnAuditEvent() async throws {
        let harness = try await APIHarness.make()
        let alert = APIHarness.alert("DiskFull", extraLabels: ["password": "hunter2"])
        let id = try #require(try await harness.ingest([alert]).incidentIDs.first)
        try await harness.run { api in
            let empty = try await api.send(.post, "/api/v1/incidents/\(id)/retract", json: #"{"reason":" "}"#)
            #expect(empty.status == .badRequest)
            #expect(try empty.error().field == "reason")
            let reply = try await api.send(
                .post, "/api/v1/incidents/\(id)/retract", json: #"{"reason":"a password in a label"}"#)
            #expect(reply.status == .ok)
            let object = try reply.object()
            #expect(object["retracted_by"] as? String == "ana-admin")
            #expect(object["reason"] as? String == "a password in a label")
            let detail = try await api.send(.get, "/api/v1/incidents/\(id)", as: .viewer)
            #expect(!String(decoding: detail.body, as: UTF8.self).contains("hunter2"))
            let audit = try detail.decode(IncidentsController.Detail.self).timeline.last { $0.kind == .retracted }
            #expect(audit?.actor == "ana-admin")
            #expect(audit?.detail == "a password in a label")
            let unknown = try await api.send(.post, "/api/v1/incidents/999/retract", json: #"{"reason":"x"}"#)
            #expect(unknown.status == .notFound)
        }
    }

    @Test
    func anAdminRetractsOneAlert() async throws {
        let harness = try await APIHarness.make()
        let alert = APIHarness.alert("DiskFull", extraLabels: ["token": "s3cr3t-value"])
        let id = try #require(try await harness.ingest([alert]).incidentIDs.first)
        let alertID = try #require(try await harness.store.incident(id: id).alerts.first?.id)
        try await harness.run { api in
            let reply = try await api.send(
                .post, "/api/v1/alerts/\(alertID)/retract", json: #"{"reason":"test alert sent to production"}"#)
            #expect(reply.status == .ok)
            #expect(try reply.object()["kind"] as? String == "alert")
            let detail = try await api.send(.get, "/api/v1/incidents/\(id)", as: .viewer)
                .decode(IncidentsController.Detail.self)
            #expect(detail.alerts.first?.alert.labels.isEmpty == true)
            #expect(detail.alerts.first?.retractedBy == "ana-admin")
            let missing = try await api.send(.post, "/api/v1/alerts/4242/retract", json: #"{"reason":"x"}"#)
            #expect(missing.status == .notFound)
        }
    }

    private static func ids(_ api: APIClient, _ query: String) async throws -> [Int64] {
        let reply = try await api.send(.get, "/api/v1/incidents?\(query)", as: .viewer)
        #expect(reply.status == .ok)
        return try reply.decode(IncidentsController.Page.self).incidents.map(\.id)
    }

    private static func iso(_ seconds: Double) -> String {
        APIHarness.start.addingTimeInterval(seconds).formatted(.iso8601)
    }
}
