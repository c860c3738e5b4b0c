import Foundation
import RunbookCore
import RunbookStore
import Testing

/// Contract: what time alone causes — repeats while unacknowledged, and triggers when a silence ends.
struct StoreScheduleTests {
    @Test(arguments: StoreKind.allCases)
    func anUnacknowledgedIncidentRepeatsAfterTheInterval(kind: StoreKind) async throws {
        try await kind.withStore(configuration: Outbox.configuration()) { store in
            let id = try await store.ingest(Fixture.request([Fixture.alert("DiskFull")])).incidentIDs[0]
            #expect(try await store.planScheduled(now: Fixture.at(299), repeatInterval: 300) == 0)
            #expect(try await store.planScheduled(now: Fixture.at(300), repeatInterval: 300) == 1)
            #expect(try await store.planScheduled(now: Fixture.at(301), repeatInterval: 300) == 0)
            #expect(try await store.planScheduled(now: Fixture.at(600), repeatInterval: 300) == 1)
            #expect(try await store.planScheduled(now: Fixture.at(10_000), repeatInterval: 0) == 0)
            _ = try await store.acknowledge(incidentID: id, by: "ana", at: Fixture.at(601))
            #expect(try await store.planScheduled(now: Fixture.at(2000), repeatInterval: 300) == 0)
            let deliveries = try await Outbox.all(store, incidentID: id)
            #expect(deliveries.map(\.kind) == [.triggered, .repeated, .repeated, .acknowledged])
            #expect(deliveries.map(\.createdAt) == [0, 300, 600, 601].map(Fixture.at))
        }
    }

    @Test(arguments: StoreKind.allCases)
    func onlyTheOpenIncidentsWhoseRepeatIsDueRepeat(kind: StoreKind) async throws {
        try await kind.withStore(configuration: Outbox.configuration()) { store in
            let early = try await store.ingest(Fixture.request([Fixture.alert("DiskFull")])).incidentIDs[0]
            let late = try await store.ingest(Fixture.request([Fixture.alert("CPUHot")], at: 200)).incidentIDs[0]
            let resolved = try await store.ingest(Fixture.request([Fixture.alert("MemLow")])).incidentIDs[0]
            _ = try await store.resolve(incidentID: resolved, by: "ana", at: Fixture.at(10))
            #expect(try await store.planScheduled(now: Fixture.at(300), repeatInterval: 300) == 1)
            #expect(try await Outbox.all(store, incidentID: early).map(\.kind) == [.triggered, .repeated])
            #expect(try await Outbox.all(store, incidentID: late).map(\.kind) == [.triggered])
            #expect(try await store.planScheduled(now: Fixture.at(500), repeatInterval: 300) == 1)
            #expect(try await Outbox.all(store, incidentID: late).map(\.kind) == [.triggered, .repeated])
            #expect(try await Outbox.all(store, incidentID: resolved).map(\.kind) == [.triggered, .resolved])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func withoutAPlannerNothingIsScheduled(kind: StoreKind) async throws {
        try await kind.withStore { store in
            _ = try await store.ingest(Fixture.request([Fixture.alert("DiskFull")]))
            #expect(try await store.planScheduled(now: Fixture.at(10_000), repeatInterval: 300) == 0)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aSilencedIncidentIsRecordedWithTheSilenceAndNotifiedWhenItEnds(kind: StoreKind) async throws {
        try await kind.withStore(configuration: Outbox.configuration()) { store in
            let silence = try await store.addSilence(Silence(
                matchers: [try LabelMatcher(parsing: "alertname=DiskFull")], startsAt: Fixture.at(0),
                endsAt: Fixture.at(3600), createdBy: "ana", comment: "disk swap tonight"))
            let silenced = try await store.ingest(Fixture.request([Fixture.alert("DiskFull")], at: 10))
            let loud = try await store.ingest(Fixture.request([Fixture.alert("Load")], at: 10))
            #expect(silenced.queuedDeliveries == 0)
            #expect(loud.queuedDeliveries == 1)
            let id = silenced.incidentIDs[0]
            let event = try #require(try await store.incident(id: id).timeline.first { $0.kind == .silenced })
            #expect(event.detail?.contains("\(silence.id ?? -1)") == true)
            #expect(event.detail?.contains("disk swap tonight") == true)

            #expect(try await store.planScheduled(now: Fixture.at(600), repeatInterval: 300) == 1)
            #expect(try await Outbox.all(store, incidentID: id).isEmpty)
            _ = try await store.expireSilence(id: try #require(silence.id), by: "bo", at: Fixture.at(900))
            #expect(try await store.planScheduled(now: Fixture.at(901), repeatInterval: 0) == 1)
            #expect(try await store.planScheduled(now: Fixture.at(902), repeatInterval: 0) == 0)
            let deliveries = try await Outbox.all(store, incidentID: id)
            #expect(deliveries.map(\.kind) == [.triggered])
            #expect(deliveries.map(\.createdAt) == [Fixture.at(901)])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aSilenceStartedAfterTheTriggerHoldsRepeatsOnce(kind: StoreKind) async throws {
        try await kind.withStore(configuration: Outbox.configuration()) { store in
            let id = try await store.ingest(Fixture.request([Fixture.alert("DiskFull")])).incidentIDs[0]
            _ = try await store.addSilence(Silence(
                matchers: [try LabelMatcher(parsing: "instance=~db.*")], startsAt: Fixture.at(100),
                endsAt: Fixture.at(1000), createdBy: "ana", comment: "db maintenance"))
            #expect(try await store.planScheduled(now: Fixture.at(300), repeatInterval: 300) == 0)
            #expect(try await store.planScheduled(now: Fixture.at(700), repeatInterval: 300) == 0)
            let silencedEvents = try await store.incident(id: id).timeline.filter { $0.kind == .silenced }
            #expect(silencedEvents.count == 1)
            #expect(try await store.planScheduled(now: Fixture.at(1000), repeatInterval: 300) == 1)
            #expect(try await Outbox.all(store, incidentID: id).map(\.kind) == [.triggered, .triggered])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aResolvedSilencedIncidentIsNotNotifiedWhenTheSilenceEnds(kind: StoreKind) async throws {
        try await kind.withStore(configuration: Outbox.configuration()) { store in
            _ = try await store.addSilence(Silence(
                matchers: [try LabelMatcher(parsing: "alertname=DiskFull")], startsAt: Fixture.at(0),
                endsAt: Fixture.at(100), createdBy: "ana", comment: "known"))
            let id = try await store.ingest(Fixture.request([Fixture.alert("DiskFull")], at: 1)).incidentIDs[0]
            _ = try await store.resolve(incidentID: id, by: "ana", at: Fixture.at(50))
            #expect(try await store.planScheduled(now: Fixture.at(200), repeatInterval: 300) == 0)
            #expect(try await Outbox.all(store).isEmpty)
        }
    }
}
