import Foundation
import RunbookCore
import RunbookStore
import Testing

/// The store with the product's own planner: routes pick channels, storms make one digest per window.
struct StoreNotificationPlannerTests {
    /// Disk alerts to the database route's two channels, everything else to the default route.
    private static func routes() throws -> RouteTable {
        RouteTable(
            routes: [Route(name: "database", matchers: [try LabelMatcher(parsing: "alertname=~Disk.*")],
                           channels: ["dba-slack", "pager"])],
            defaultRoute: Route(name: "default", channels: ["ops-slack"])
        )
    }

    @Test(arguments: StoreKind.allCases)
    func routesPickTheChannelsAndFollowUpsGoToTheSameOnes(kind: StoreKind) async throws {
        let planner = NotificationPlanner(routes: try Self.routes(), stormLimit: 0)
        try await kind.withStore(configuration: StoreConfiguration(planner: planner)) { store in
            let disk = try await store.ingest(Fixture.request([Fixture.alert("DiskFull")])).incidentIDs[0]
            let load = try await store.ingest(Fixture.request([Fixture.alert("Load")])).incidentIDs[0]
            _ = try await store.resolve(incidentID: disk, by: "ana", at: Fixture.at(5))
            let ofDisk = try await Outbox.all(store, incidentID: disk)
            #expect(ofDisk.map(\.channel) == ["dba-slack", "pager", "dba-slack", "pager"])
            #expect(ofDisk.map(\.kind) == [.triggered, .triggered, .resolved, .resolved])
            #expect(ofDisk.allSatisfy { $0.route == "database" })
            let ofLoad = try await Outbox.all(store, incidentID: load)
            #expect(ofLoad.map(\.channel) == ["ops-slack"])
            #expect(ofLoad.map(\.route) == ["default"])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aStormOnTheDefaultRouteMakesOneDigestPerWindow(kind: StoreKind) async throws {
        let planner = NotificationPlanner(routes: try Self.routes(), stormLimit: 2, stormWindow: 60)
        try await kind.withStore(configuration: StoreConfiguration(planner: planner)) { store in
            let windowEnd = planner.stormWindowStart(at: Fixture.start).addingTimeInterval(60)
            let seconds = windowEnd.timeIntervalSince(Fixture.start)
            // Six in the last ten seconds of a window, then one in the next window.
            for (index, offset) in [-10.0, -9, -8, -7, -6, -5, 1].enumerated() {
                let alert = Fixture.alert("Load", instance: "h\(index)")
                _ = try await store.ingest(Fixture.request([alert], at: seconds + offset))
            }
            let deliveries = try await Outbox.all(store)
            let digests = deliveries.filter { $0.kind == .digest }
            let held = deliveries.filter { $0.state == .held }
            #expect(digests.map(\.dueAt) == [windowEnd])
            #expect(held.count == 4)
            #expect(digests.first?.digestIncidentIDs == held.map(\.incidentID))
            let alone = deliveries.filter { $0.kind == .triggered && $0.state == .pending }
            #expect(alone.count == 3)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aStormCountsIncidentsNotTheChannelsTheyWentTo(kind: StoreKind) async throws {
        let planner = NotificationPlanner(routes: try Self.routes(), stormLimit: 2, stormWindow: 60)
        try await kind.withStore(configuration: StoreConfiguration(planner: planner)) { store in
            let windowEnd = planner.stormWindowStart(at: Fixture.start).addingTimeInterval(60)
            let seconds = windowEnd.timeIntervalSince(Fixture.start)
            // Three disk incidents in one window on a route with two channels: two go alone, the third is held.
            for (index, offset) in [-10.0, -9, -8].enumerated() {
                let alert = Fixture.alert("DiskFull", instance: "h\(index)")
                _ = try await store.ingest(Fixture.request([alert], at: seconds + offset))
            }
            let deliveries = try await Outbox.all(store)
            let alone = deliveries.filter { $0.kind == .triggered && $0.state == .pending }
            let held = deliveries.filter { $0.state == .held }
            #expect(alone.count == 4)
            #expect(Set(alone.map(\.incidentID)).count == 2)
            #expect(held.count == 2)
            #expect(Set(held.map(\.channel)) == ["dba-slack", "pager"])
        }
    }
}
