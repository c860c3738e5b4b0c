import Foundation
import RunbookCore
import RunbookStore
import Testing

/// Contract: in a storm, a route's new incidents are held and listed in one digest per channel.
struct StoreDigestTests {
    /// Five incidents in one minute on a route that sends two alone.
    private static func storm(_ store: any Store) async throws -> [Int64] {
        var ids: [Int64] = []
        for index in 0..<5 {
            let alert = Fixture.alert("Load", instance: "h\(index)")
            ids += try await store.ingest(Fixture.request([alert], at: Double(index))).incidentIDs
        }
        return ids
    }

    private static let planner = TestPlanner(channels: ["ops"], stormLimit: 2, stormWindow: 60)

    @Test(arguments: StoreKind.allCases)
    func aStormHoldsNewIncidentsForOneDigest(kind: StoreKind) async throws {
        try await kind.withStore(configuration: Outbox.configuration(Self.planner)) { store in
            let ids = try await Self.storm(store)
            let deliveries = try await Outbox.all(store)
            let alone = deliveries.filter { $0.state == .pending && $0.kind == .triggered }
            let held = deliveries.filter { $0.state == .held }
            let digests = deliveries.filter { $0.kind == .digest }
            #expect(alone.map(\.incidentID) == Array(ids.prefix(2)))
            #expect(held.map(\.incidentID) == Array(ids.suffix(3)))
            #expect(digests.count == 1)
            #expect(digests.first?.dueAt == Fixture.start.addingTimeInterval(60))
            #expect(digests.first?.digestIncidentIDs == Array(ids.suffix(3)))
            #expect(try await store.outboxStatistics(now: Fixture.at(5)).held == 3)
            let ofLast = try await Outbox.all(store, incidentID: ids[4])
            #expect(ofLast.map(\.kind) == [.digest, .triggered])
            let ofFirst = try await Outbox.all(store, incidentID: ids[0])
            #expect(ofFirst.map(\.kind) == [.triggered])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aSentDigestSendsItsHeldDeliveriesAndTellsEachIncident(kind: StoreKind) async throws {
        try await kind.withStore(configuration: Outbox.configuration(Self.planner)) { store in
            let ids = try await Self.storm(store)
            let early = try await store.claimDeliveries(limit: 10, now: Fixture.at(10), lease: 30)
            #expect(early.map(\.kind) == [.triggered, .triggered])
            let claimed = try await store.claimDeliveries(limit: 10, now: Fixture.at(60), lease: 30)
            let digest = try #require(claimed.first { $0.kind == .digest })
            #expect(digest.digestIncidentIDs == Array(ids.suffix(3)))
            try await store.markDelivered(id: digest.id, attempt: Outbox.sent(digest.id, at: 61), reference: nil)
            #expect(try await Outbox.all(store, state: .held).isEmpty)
            #expect(try await Outbox.all(store, state: .sent).count == 4)
            for id in ids.suffix(3) {
                let events = try await store.incident(id: id).timeline.filter { $0.kind == .notified }
                #expect(events.count == 1)
                #expect(events.first?.detail?.contains("digest") == true)
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aResolutionWaitsForTheDigestThatListsItsIncident(kind: StoreKind) async throws {
        try await kind.withStore(configuration: Outbox.configuration(Self.planner)) { store in
            let ids = try await Self.storm(store)
            _ = try await store.resolve(incidentID: ids[4], by: "ana", at: Fixture.at(10))
            let early = try await store.claimDeliveries(limit: 10, now: Fixture.at(20), lease: 300)
            #expect(!early.contains { $0.kind == .resolved })
            let atDigest = try await store.claimDeliveries(limit: 10, now: Fixture.at(60), lease: 30)
            #expect(atDigest.map(\.kind) == [.digest])
            let digest = atDigest[0].id
            try await store.markDelivered(id: digest, attempt: Outbox.sent(digest, at: 61), reference: nil)
            let after = try await store.claimDeliveries(limit: 10, now: Fixture.at(61), lease: 30)
            #expect(after.map(\.kind) == [.resolved])
            #expect(after.map(\.incidentID) == [ids[4]])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aDeadDigestTakesItsHeldDeliveriesAndComesBackWithThem(kind: StoreKind) async throws {
        try await kind.withStore(configuration: Outbox.configuration(Self.planner)) { store in
            let ids = try await Self.storm(store)
            let claimed = try await store.claimDeliveries(limit: 10, now: Fixture.at(60), lease: 30)
            let digest = try #require(claimed.first { $0.kind == .digest })
            try await store.markFailed(id: digest.id, attempt: Outbox.failed(digest.id, at: 61), retryAt: nil)
            #expect(try await Outbox.all(store, state: .dead).count == 4)
            for id in ids.suffix(3) {
                #expect(try await store.incident(id: id).timeline.last?.kind == .deliveryFailed)
            }
            #expect(try await store.retryDeliveries(ids: [digest.id], at: Fixture.at(100)) == 4)
            #expect(try await Outbox.all(store, state: .held).count == 3)
            let again = try await store.claimDeliveries(limit: 10, now: Fixture.at(100), lease: 30)
            #expect(again.filter { $0.kind != .triggered }.map(\.id) == [digest.id])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aDigestSentAfterItWasGivenUpSendsItsHeldDeliveries(kind: StoreKind) async throws {
        try await kind.withStore(configuration: Outbox.configuration(Self.planner)) { store in
            _ = try await Self.storm(store)
            let claimed = try await store.claimDeliveries(limit: 10, now: Fixture.at(60), lease: 30)
            let digest = try #require(claimed.first { $0.kind == .digest })
            try await store.markFailed(id: digest.id, attempt: Outbox.failed(digest.id, at: 61), retryAt: nil)
            try await store.markDelivered(id: digest.id, attempt: Outbox.sent(digest.id, at: 62), reference: nil)
            let dead = try await Outbox.all(store, state: .dead)
            #expect(dead.isEmpty)
            let sent = try await Outbox.all(store, state: .sent)
            #expect(sent.count == 4)
        }
    }
}
