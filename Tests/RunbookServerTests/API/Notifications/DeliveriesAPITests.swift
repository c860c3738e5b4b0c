import Foundation
import Hummingbird
import RunbookCore
import RunbookStore
import Testing

@testable import RunbookServer

/// `/api/v1/deliveries` over a live server and a store whose outbox a planner filled.
struct DeliveriesAPITests {
    /// A harness with incidents for `DiskFull` (its delivery given up after one try) and `HighLatency` (pending).
    private static func harness() async throws -> (APIHarness, disk: Int64, latency: Int64) {
        let harness = try await APIHarness.make(configuration: StoreConfiguration(planner: OneChannelPlanner()))
        let disk = try #require(try await harness.ingest([APIHarness.alert("DiskFull")]).incidentIDs.first)
        let latency = try #require(
            try await harness.ingest([APIHarness.alert("HighLatency", instance: "web1")], at: 1).incidentIDs.first
        )
        let claimed = try await harness.store.claimDeliveries(
            limit: 10, now: APIHarness.start.addingTimeInterval(2), lease: 60
        )
        let dead = try #require(claimed.first { $0.incidentID == disk })
        try await harness.store.markFailed(
            id: dead.id,
            attempt: DeliveryAttempt(
                deliveryID: dead.id, at: APIHarness.start.addingTimeInterval(3), status: 410,
                error: "HTTP 410 Gone", duration: 0.02
            ),
            retryAt: nil
        )
        return (harness, disk, latency)
    }

    @Test
    func aViewerListsDeliveriesByStateAndIncident() async throws {
        let (harness, disk, latency) = try await Self.harness()
        try await harness.run { api in
            let all = try await api.send(.get, "/api/v1/deliveries", as: .viewer)
            #expect(all.status == .ok)
            #expect(try all.decode(DeliveriesController.Page.self).deliveries.count == 2)

            let dead = try await api.send(.get, "/api/v1/deliveries?state=dead", as: .viewer)
            let rows = try #require(try dead.object()["deliveries"] as? [[String: Any]])
            #expect(rows.count == 1)
            let row = try #require(rows.first)
            #expect(row["incident_id"] as? Int64 == disk)
            #expect(row["last_error"] as? String == "HTTP 410 Gone")
            #expect(row["digest_incidents"] as? [Int64] == [])
            #expect(row["tries"] == nil)

            let pending = try await api.send(.get, "/api/v1/deliveries?incident=\(latency)&limit=5", as: .viewer)
            let page = try pending.decode(DeliveriesController.Page.self)
            #expect(page.deliveries.map(\.state) == [.pending])
            #expect(page.deliveries.map(\.incidentID) == [latency])
        }
    }

    @Test(arguments: [
        ("state=lost", "state"), ("incident=abc", "incident"), ("incident=-1", "incident"), ("limit=0", "limit"),
        ("limit=5000", "limit"),
    ])
    func aBadFilterIs400NamingIt(query: String, field: String) async throws {
        let harness = try await APIHarness.make()
        try await harness.run { api in
            let reply = try await api.send(.get, "/api/v1/deliveries?\(query)", as: .viewer)
            #expect(reply.status == .badRequest)
            #expect(try reply.error().field == field)
        }
    }

    @Test
    func oneDeliveryComesWithEveryTry() async throws {
        let (harness, disk, _) = try await Self.harness()
        let dead = try #require(try await harness.store.deliveries(matching: DeliveryQuery(incidentID: disk)).first)
        try await harness.run { api in
            let reply = try await api.send(.get, "/api/v1/deliveries/\(dead.id)", as: .viewer)
            #expect(reply.status == .ok)
            let delivery = try reply.decode(DeliveryResource.self)
            #expect(delivery.id == dead.id)
            #expect(delivery.idempotencyKey == dead.idempotencyKey)
            let tries = try #require(delivery.tries)
            #expect(tries.map(\.status) == [410])
            #expect(tries.map(\.error) == ["HTTP 410 Gone"])
            #expect(try await api.send(.get, "/api/v1/deliveries/999999", as: .viewer).status == .notFound)
            #expect(try await api.send(.get, "/api/v1/deliveries/x", as: .viewer).status == .badRequest)
        }
    }

    @Test
    func anOperatorRetriesADeadDeliveryWhichKeepsItsKey() async throws {
        let (harness, disk, _) = try await Self.harness()
        let dead = try #require(try await harness.store.deliveries(matching: DeliveryQuery(incidentID: disk)).first)
        try await harness.run { api in
            let body = #"{"ids": [\#(dead.id)]}"#
            #expect(try await api.send(.post, "/api/v1/deliveries/retry", as: .viewer, json: body).status == .forbidden)
            let reply = try await api.send(.post, "/api/v1/deliveries/retry", as: .operator, json: body)
            #expect(reply.status == .ok)
            #expect(try reply.decode(DeliveriesController.Retried.self).retried == 1)
            let after = try #require(try await harness.store.deliveries(matching: DeliveryQuery(incidentID: disk)).first)
            #expect(after.state == .pending)
            #expect(after.attempts == 0)
            #expect(after.idempotencyKey == dead.idempotencyKey)
        }
    }

    @Test(arguments: [#"{"all_dead": true}"#, #"{"allDead": true}"#])
    func allDeadRetriesEveryDeadDelivery(body: String) async throws {
        let (harness, _, _) = try await Self.harness()
        try await harness.run { api in
            let reply = try await api.send(.post, "/api/v1/deliveries/retry", as: .operator, json: body)
            #expect(reply.status == .ok)
            #expect(try reply.decode(DeliveriesController.Retried.self).retried == 1)
            #expect(try await harness.store.deliveries(matching: DeliveryQuery(state: .dead)).isEmpty)
        }
    }

    @Test(arguments: [
        "{}", #"{"ids": []}"#, #"{"all_dead": false}"#, #"{"ids": [1], "all_dead": true}"#, #"{"ids": "all"}"#,
    ])
    func aRetryBodyThatIsNotOneOfTheTwoFormsIs400(body: String) async throws {
        let (harness, _, _) = try await Self.harness()
        try await harness.run { api in
            let reply = try await api.send(.post, "/api/v1/deliveries/retry", as: .operator, json: body)
            #expect(reply.status == .badRequest)
            #expect(try reply.error().field == "ids")
            #expect(try await harness.store.deliveries(matching: DeliveryQuery(state: .dead)).count == 1)
        }
    }

    @Test
    func retryingADeliveryThatIsNotDeadIsRefusedAndChangesNothing() async throws {
        let (harness, disk, latency) = try await Self.harness()
        let pending = try #require(
            try await harness.store.deliveries(matching: DeliveryQuery(incidentID: latency)).first
        )
        let dead = try #require(try await harness.store.deliveries(matching: DeliveryQuery(incidentID: disk)).first)
        try await harness.run { api in
            let reply = try await api.send(
                .post, "/api/v1/deliveries/retry", as: .operator, json: #"{"ids": [\#(dead.id), \#(pending.id)]}"#
            )
            #expect([.conflict, .notFound].contains(reply.status))
            #expect(try await harness.store.deliveries(matching: DeliveryQuery(state: .dead)).map(\.id) == [dead.id])
        }
    }
}
