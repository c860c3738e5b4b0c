import Foundation
import RunbookCore
import RunbookStore
import Testing

/// Contract: ingestion, deduplication, grouping, auto-resolve and the reopen window, on every store kind.
struct StoreIngestTests {
    /// Alerts that join, leave and rejoin incidents within one request leave the incidents, their alerts and their
    /// timelines as the same alerts sent one request each would. (The SQLite writer writes an incident whose counts
    /// alone moved once at the end of a request, and reads it in that unsaved form meanwhile.)
    @Test(arguments: StoreKind.allCases)
    func alertsInOneRequestLeaveWhatOneRequestEachLeaves(kind: StoreKind) async throws {
        let story: [Alert] = [
            Fixture.alert("Disk", instance: "db1", group: "disk"),
            Fixture.alert("Disk", instance: "db2", group: "disk"),
            Fixture.alert("Disk", instance: "db3", group: "disk", severity: "critical"),
            Fixture.alert("Disk", instance: "db1", status: .resolved, group: "disk"),
            Fixture.alert("Disk", instance: "db2", group: "disk"),
            Fixture.alert("Load", instance: "web1", group: "load"),
            Fixture.alert("Disk", instance: "db1", group: "disk"),
            Fixture.alert("Disk", instance: "db1", status: .resolved, group: "disk"),
            Fixture.alert("Disk", instance: "db2", status: .resolved, group: "disk"),
            Fixture.alert("Disk", instance: "db3", status: .resolved, group: "disk"),
            Fixture.alert("Disk", instance: "db4", group: "disk"),
            Fixture.alert("Disk", instance: "db4", group: "disk"),
            Fixture.alert("Load", instance: "web2", group: "load"),
            Fixture.alert("Load", instance: "web1", status: .resolved, group: "load"),
        ]
        func details(_ store: some Store) async throws -> [IncidentDetail] {
            var details: [IncidentDetail] = []
            for incident in try await Fixture.allIncidents(store) {
                var detail = try await store.incident(id: incident.id)
                detail.timeline = detail.timeline.map { event in
                    var event = event
                    event.id = nil
                    return event
                }
                detail.alerts = detail.alerts.map { alert in
                    var alert = alert
                    alert.id = 0
                    return alert
                }
                details.append(detail)
            }
            return details
        }
        let together = try await kind.withStore { store in
            _ = try await store.ingest(Fixture.request(story, at: 5, score: 0.9))
            return try await details(store)
        }
        let apart = try await kind.withStore { store in
            for alert in story {
                _ = try await store.ingest(Fixture.request([alert], at: 5, score: 0.9))
            }
            return try await details(store)
        }
        let summary = together.map { detail in
            "\(detail.incident.key) \(detail.incident.state) alerts \(detail.incident.alertCount) firing "
                + "\(detail.incident.firingCount): " + detail.timeline.map(\.kind.rawValue).joined(separator: " ")
        }
        #expect(summary == [
            "Load triggered alerts 2 firing 1: alertFired matched alertFired alertResolved",
            "Disk triggered alerts 4 firing 1: alertFired matched alertFired alertFired alertResolved alertRefired "
                + "alertFired alertResolved alertResolved alertResolved resolved reopened alertFired alertRefired",
        ])
        #expect(together == apart)
    }

    /// With notifications on and a silence in force, the `silenced` event each plan leaves sits right after the change
    /// that caused it, in one request as in one request each. (The SQLite writer keeps a transaction's timeline events
    /// and writes them together, before anything else writes or updates the timeline: a plan writes its `silenced`
    /// event at once, and a re-fired alert's count is an update of a row the transaction may have made.)
    @Test(arguments: StoreKind.allCases)
    func silencedChangesInOneRequestLeaveTheTimelineOneRequestEachLeaves(kind: StoreKind) async throws {
        let story: [Alert] = [
            Fixture.alert("Disk", instance: "db1", group: "disk"),
            Fixture.alert("Disk", instance: "db2", group: "disk"),
            Fixture.alert("Disk", instance: "db1", status: .resolved, group: "disk"),
            Fixture.alert("Disk", instance: "db2", status: .resolved, group: "disk"),
            Fixture.alert("Disk", instance: "db1", group: "disk"),
            Fixture.alert("Disk", instance: "db1", group: "disk"),
            Fixture.alert("Disk", instance: "db1", group: "disk"),
        ]
        func timelines(together: Bool) async throws -> [String] {
            try await kind.withStore(configuration: Outbox.configuration()) { store in
                _ = try await store.addSilence(Silence(
                    matchers: [try LabelMatcher(parsing: "alertname=Disk")], startsAt: Fixture.at(0),
                    endsAt: Fixture.at(3600), createdBy: "ana", comment: "disk swap"))
                if together {
                    _ = try await store.ingest(Fixture.request(story, at: 5, score: 0.9))
                } else {
                    for alert in story {
                        _ = try await store.ingest(Fixture.request([alert], at: 5, score: 0.9))
                    }
                }
                var lines: [String] = []
                for incident in try await Fixture.allIncidents(store) {
                    let timeline = try await store.incident(id: incident.id).timeline
                    lines.append(timeline.map { "\($0.kind.rawValue) \($0.count)" }.joined(separator: ", "))
                }
                return lines
            }
        }
        let together = try await timelines(together: true)
        let apart = try await timelines(together: false)
        #expect(together == [
            "alertFired 1, matched 1, silenced 1, alertFired 1, alertResolved 1, alertResolved 1, resolved 1, "
                + "reopened 1, alertFired 1, silenced 1, alertRefired 2",
        ])
        #expect(together == apart)
    }

    @Test(arguments: StoreKind.allCases)
    func aReFiringAlertIsCountedNotRepeated(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let disk = Fixture.alert("DiskFull")
            var ids: Set<Int64> = []
            for second in 0..<5 {
                ids.formUnion(try await store.ingest(Fixture.request([disk], at: Double(second))).incidentIDs)
            }
            #expect(ids.count == 1)
            let detail = try await store.incident(id: try #require(ids.first))
            #expect(detail.alerts.count == 1)
            #expect(detail.alerts.first?.fireCount == 5)
            #expect(detail.alerts.first?.lastSeen == Fixture.at(4))
            #expect(detail.incident.lastSeen == Fixture.at(4))
            #expect(detail.timeline.map(\.kind) == [.alertFired, .alertRefired])
            #expect(detail.timeline.last?.count == 4)
            #expect(try await store.payloads(alertID: try #require(detail.alerts.first?.id)).count == 5)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func alertsWithOneGroupKeyShareAnIncident(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let first = try await store.ingest(Fixture.request([
                Fixture.alert("DiskFull", instance: "db1", group: "disk"),
                Fixture.alert("DiskFull", instance: "db2", group: "disk"),
            ]))
            let second = try await store.ingest(Fixture.request(
                [Fixture.alert("DiskFull", instance: "db3", group: "disk")], at: 10))
            let other = try await store.ingest(Fixture.request([Fixture.alert("CPUHigh")], at: 20))
            #expect(first.accepted == 2)
            #expect(first.incidentIDs.count == 1)
            #expect(second.incidentIDs == first.incidentIDs)
            #expect(other.incidentIDs != first.incidentIDs)
            let detail = try await store.incident(id: first.incidentIDs[0])
            #expect(detail.incident.alertCount == 3)
            #expect(detail.alerts.map(\.alert.labels["instance"]) == ["db1", "db2", "db3"])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func matchInformationIsStored(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let result = try await store.ingest(Fixture.request([Fixture.alert("DiskFull")], score: 0.8))
            let detail = try await store.incident(id: result.incidentIDs[0])
            #expect(detail.incident.entryID == "ops.md#disk-full")
            #expect(detail.incident.score == 0.8)
            let alert = try #require(detail.alerts.first)
            #expect(alert.matches.first?.evidence.first?.term == "disk")
            #expect(alert.libraryRevision == "rev-1")
            #expect(alert.key == "DiskFull")
            #expect(alert.alert.annotations["summary"] == "DiskFull on db1")
            #expect(detail.timeline.map(\.kind) == [.alertFired, .matched])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func anIncidentResolvesWhenAllItsAlertsResolve(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let db1 = Fixture.alert("DiskFull", instance: "db1", group: "disk")
            let db2 = Fixture.alert("DiskFull", instance: "db2", group: "disk")
            let id = try await store.ingest(Fixture.request([db1, db2])).incidentIDs[0]
            var resolved1 = db1
            resolved1.status = .resolved
            _ = try await store.ingest(Fixture.request([resolved1], at: 10))
            #expect(try await store.incident(id: id).incident.state == .triggered)
            var resolved2 = db2
            resolved2.status = .resolved
            _ = try await store.ingest(Fixture.request([resolved2], at: 20))
            let detail = try await store.incident(id: id)
            #expect(detail.incident.state == .resolved)
            #expect(detail.incident.resolvedAt == Fixture.at(20))
            #expect(detail.alerts.allSatisfy { $0.alert.status == .resolved })
            #expect(detail.timeline.map(\.kind).suffix(3) == [.alertResolved, .alertResolved, .resolved])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func autoResolveCanBeTurnedOff(kind: StoreKind) async throws {
        let configuration = StoreConfiguration(policy: IncidentPolicy(autoResolve: false))
        try await kind.withStore(configuration: configuration) { store in
            var disk = Fixture.alert("DiskFull")
            let id = try await store.ingest(Fixture.request([disk])).incidentIDs[0]
            disk.status = .resolved
            _ = try await store.ingest(Fixture.request([disk], at: 10))
            let detail = try await store.incident(id: id)
            #expect(detail.incident.state == .triggered)
            #expect(detail.alerts.first?.alert.status == .resolved)
        }
    }

    /// (seconds after the resolution when it fires again, whether the same incident reopens)
    @Test(arguments: StoreKind.allCases, [(60.0, true), (300.0, true), (301.0, false), (86_400.0, false)])
    func aResolvedIncidentReopensOnlyWithinTheWindow(kind: StoreKind, case: (delay: Double, reopens: Bool))
        async throws
    {
        let configuration = StoreConfiguration(policy: IncidentPolicy(reopenWindow: 300))
        try await kind.withStore(configuration: configuration) { store in
            var disk = Fixture.alert("DiskFull")
            let first = try await store.ingest(Fixture.request([disk])).incidentIDs[0]
            disk.status = .resolved
            _ = try await store.ingest(Fixture.request([disk], at: 10))
            disk.status = .firing
            let again = try await store.ingest(Fixture.request([disk], at: 10 + `case`.delay)).incidentIDs[0]
            #expect((again == first) == `case`.reopens)
            let incidents = try await Fixture.allIncidents(store)
            #expect(incidents.count == (`case`.reopens ? 1 : 2))
            #expect(incidents.first?.state == .triggered)
            if `case`.reopens {
                let timeline = try await store.incident(id: first).timeline.map(\.kind)
                #expect(timeline.suffix(2) == [.reopened, .alertFired])
            } else {
                #expect(try await store.incident(id: first).incident.state == .resolved)
                #expect(try await store.incident(id: again).alerts.first?.fireCount == 1)
            }
        }
    }

    /// In SQLite, 69 links are two statements of 32 rows and 5 single ones; an alert twice is linked once.
    @Test(arguments: StoreKind.allCases)
    func everyAlertOfALargeRequestIsLinkedToItsPayloadOnce(kind: StoreKind) async throws {
        try await kind.withStore { store in
            var alerts = (0..<68).map { Fixture.alert("DiskFull", instance: "db\($0)", group: "disks") }
            alerts.insert(Fixture.alert("DiskFull", instance: "db3", group: "disks"), at: 50)
            let first = try await store.ingest(Fixture.request(alerts))
            _ = try await store.ingest(Fixture.request(Array(alerts.prefix(40)), at: 1))
            let detail = try await store.incident(id: try #require(first.incidentIDs.first))
            #expect(detail.alerts.count == 68)
            var linked: [Int] = []
            for stored in detail.alerts {
                let instance = Int(stored.alert.dedupKey.dropFirst("DiskFull/db".count)) ?? -1
                let payloads = try await store.payloads(alertID: stored.id).count
                linked.append(instance < 40 ? payloads - 1 : payloads)
            }
            #expect(linked == Array(repeating: 1, count: 68))
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aResolvedAlertNeverSeenFiringJoinsNothing(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let result = try await store.ingest(Fixture.request([Fixture.alert("Ghost", status: .resolved)]))
            #expect(result.accepted == 1)
            #expect(result.incidentIDs.isEmpty)
            #expect(try await Fixture.allIncidents(store).isEmpty)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aBadRequestChangesNothing(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let good = Fixture.alert("DiskFull")
            var bad = Fixture.alert("CPUHigh")
            bad.dedupKey = ""
            await #expect(throws: StoreError.self) {
                try await store.ingest(Fixture.request([good, bad]))
            }
            #expect(try await Fixture.allIncidents(store).isEmpty)
            let result = try await store.ingest(Fixture.request([good], at: 5))
            let detail = try await store.incident(id: result.incidentIDs[0])
            #expect(detail.alerts.first?.fireCount == 1)
            #expect(try await store.payloads(alertID: try #require(detail.alerts.first?.id)).count == 1)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func incidentIdsAreNeverReusedAfterPruning(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let first = try await store.ingest(Fixture.request([Fixture.alert("A")])).incidentIDs[0]
            _ = try await store.resolve(incidentID: first, by: "ana", at: Fixture.at(1))
            _ = try await store.prune(olderThan: Fixture.at(2))
            let second = try await store.ingest(Fixture.request([Fixture.alert("B")], at: 3)).incidentIDs[0]
            #expect(second > first)
        }
    }
}
