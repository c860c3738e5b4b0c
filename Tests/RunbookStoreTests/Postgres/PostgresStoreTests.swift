import Foundation
import PostgresNIO
import RunbookCore
import Testing

@testable import RunbookStore

/// What only PostgreSQL has, on a real server (`PostgresTestDatabase`): migrations, ingestion and outbox claims with
/// two stores (two nodes) on one database at once, operator actions under row locks. The shared contract runs in
/// every `Store…Tests` suite.
@Suite(.enabled(if: PostgresTestDatabase.enabled, Comment(rawValue: PostgresTestDatabase.skipReason)))
struct PostgresStoreTests {
    @Test
    func migrationsRunOnceWhenTwoNodesStartTogether() async throws {
        let location = try PostgresTestDatabase.makeLocation()
        async let first = PostgresTestDatabase.open(location)
        async let second = PostgresTestDatabase.open(location)
        let stores = try await [first, second]
        let applied = try await PostgresMigrations.applied(stores[0].client, logger: PostgresTestDatabase.logger)
        #expect(applied == PostgresMigrations.all.map(\.name))
        for store in stores {
            try await store.close()
        }
        try await PostgresTestDatabase.withStore(at: location) { store in
            let again = try await PostgresMigrations.migrate(store.client, logger: PostgresTestDatabase.logger)
            #expect(again.isEmpty)
        }
    }

    /// Before the lock was the schema's, one installation migrating (or a test process holding the lock while its
    /// threads were busy) kept every other schema of the database waiting.
    @Test(.timeLimit(.minutes(1)))
    func aSchemaMigratesWhileAnotherSchemasLockIsHeld() async throws {
        let held = try PostgresTestDatabase.makeLocation()
        let other = try PostgresTestDatabase.makeLocation()
        let logger = PostgresTestDatabase.logger
        try await PostgresTestDatabase.withStore(at: held) { holder in
            try await holder.client.withConnection { connection in
                try await PostgresMigrations.advisory("pg_advisory_lock", schema: held.schema, connection, logger: logger)
                let store = try await PostgresTestDatabase.open(other)
                let applied = try await PostgresMigrations.applied(store.client, logger: logger)
                try await store.close()
                try await PostgresMigrations.advisory("pg_advisory_unlock", schema: held.schema, connection, logger: logger)
                #expect(applied == PostgresMigrations.all.map(\.name))
            }
        }
    }

    @Test
    func resolvingEveryAlertResolvesAndAReFireReopensOnlyWithinTheWindow() async throws {
        let configuration = StoreConfiguration(policy: IncidentPolicy(reopenWindow: 600))
        try await PostgresTestDatabase.withStore(configuration: configuration) { store in
            let opened = try await store.ingest(Fixture.request([Fixture.alert("DiskFull")]))
            _ = try await store.ingest(Fixture.request([Fixture.alert("DiskFull", status: .resolved)], at: 10))
            #expect(try await store.incident(id: opened.incidentIDs[0]).incident.state == .resolved)
            let reopened = try await store.ingest(Fixture.request([Fixture.alert("DiskFull")], at: 100))
            #expect(reopened.incidentIDs == opened.incidentIDs)
            let detail = try await store.incident(id: opened.incidentIDs[0])
            #expect(detail.incident.state == .triggered)
            #expect(detail.timeline.map(\.kind).contains(.reopened))
            _ = try await store.ingest(Fixture.request([Fixture.alert("DiskFull", status: .resolved)], at: 110))
            let later = try await store.ingest(Fixture.request([Fixture.alert("DiskFull")], at: 110 + 601))
            #expect(later.incidentIDs != opened.incidentIDs)
        }
    }

    @Test
    func aRequestWithABadAlertFailsAloneAndChangesNothing() async throws {
        try await PostgresTestDatabase.withStore { store in
            var bad = Fixture.request([Fixture.alert("DiskFull"), Fixture.alert("CPUHigh")])
            bad.alerts[1].alert.dedupKey = ""
            async let good = store.ingest(Fixture.request([Fixture.alert("MemoryHigh")]))
            await #expect(throws: StoreError.self) { try await store.ingest(bad) }
            let stored = try await good
            let open = try await store.openIncidentCount()
            #expect(stored.incidentIDs.count == 1)
            #expect(open == 1)
        }
    }

    /// Two nodes receive one alert stream at once, with the same dedup keys arriving at both: each group ends with
    /// one incident whose counters count every distinct alert and every fire.
    @Test
    func twoNodesIngestingOneGroupAtOnceKeepOneIncidentPerGroupWithRightCounters() async throws {
        let location = try PostgresTestDatabase.makeLocation()
        let first = try await PostgresTestDatabase.open(location)
        let second = try await PostgresTestDatabase.open(location)
        let groups = 4
        let instances = 5
        let rounds = 6
        try await withThrowingTaskGroup(of: IngestResult.self) { tasks in
            for round in 0..<rounds {
                for group in 0..<groups {
                    for instance in 0..<instances {
                        let alert = Fixture.alert("Alert\(group)", instance: "host\(instance)", group: "g\(group)")
                        let request = Fixture.request([alert], at: Double(round))
                        tasks.addTask { try await first.ingest(request) }
                        tasks.addTask { try await second.ingest(request) }
                    }
                }
            }
            for try await result in tasks {
                #expect(result.accepted == 1)
            }
        }
        #expect(try await first.openIncidentCount() == groups)
        let rows = try await first.client.query(
            "SELECT id, alertCount, firingCount FROM incidents ORDER BY id", logger: PostgresTestDatabase.logger)
        var incidents = 0
        for try await (id, alertCount, firingCount) in rows.decode((Int64, Int, Int).self) {
            incidents += 1
            #expect(alertCount == instances)
            #expect(firingCount == instances)
            let detail = try await first.incident(id: id)
            #expect(detail.alerts.map(\.fireCount).reduce(0, +) == rounds * 2 * instances)
            let refires = detail.timeline.filter { $0.kind == .alertRefired }.map(\.count).reduce(0, +)
            #expect(refires == rounds * 2 * instances - instances)
        }
        #expect(incidents == groups)
        try await first.close()
        try await second.close()
    }

    /// A notification of one alert is under the size at which PostgreSQL compresses a value itself: the store
    /// compresses it (`PayloadEncoding`), and gives it back as received.
    @Test
    func aOneAlertPayloadIsStoredCompressedAndReadBackAsReceived() async throws {
        try await PostgresTestDatabase.withStore { store in
            var request = Fixture.request([Fixture.alert("OneAlert")])
            request.payload = PayloadEncodingTests.oneAlertWebhook
            let result = try await store.ingest(request)
            let incident = try await store.incident(id: try #require(result.incidentIDs.first))
            let alertID = try #require(incident.alerts.first?.id)
            #expect(try await store.payloads(alertID: alertID).map(\.body) == [request.payload])
            let rows = try await store.client.query(
                "SELECT octet_length(body), encoding, size FROM payloads", logger: PostgresTestDatabase.logger)
            var seen = 0
            for try await (stored, encoding, size) in rows.decode((Int, String?, Int?).self) {
                seen += 1
                #expect(encoding == PayloadEncoding.deflateWebhooks1.rawValue)
                #expect(size == request.payload.count)
                #expect(stored * 2 < request.payload.count, "\(stored) of \(request.payload.count) bytes")
            }
            #expect(seen == 1)
        }
    }

    @Test
    func operatorActionsRecordWhoDidThemAndRefuseWhatTheStateForbids() async throws {
        try await PostgresTestDatabase.withStore { store in
            let id = try await store.ingest(Fixture.request([Fixture.alert("DiskFull")])).incidentIDs[0]
            let acknowledged = try await store.acknowledge(incidentID: id, by: "ana", at: Fixture.at(10))
            #expect(acknowledged.state == .acknowledged)
            #expect(acknowledged.acknowledgedBy == "ana")
            let note = try await store.addNote(incidentID: id, text: "  disk cleaned  ", by: "ana", at: Fixture.at(20))
            #expect(note.detail == "disk cleaned")
            #expect(note.id != nil)
            #expect(try await store.resolve(incidentID: id, by: "ana", at: Fixture.at(30)).state == .resolved)
            await #expect(throws: StoreError.self) {
                try await store.acknowledge(incidentID: id, by: "bo", at: Fixture.at(40))
            }
            await #expect(throws: StoreError.self) {
                try await store.addNote(incidentID: id, text: " ", by: "bo", at: Fixture.at(40))
            }
            await #expect(throws: StoreError.self) {
                try await store.resolve(incidentID: id + 1000, by: "bo", at: Fixture.at(40))
            }
            #expect(try await store.reopen(incidentID: id, by: "bo", at: Fixture.at(50)).state == .triggered)
            let detail = try await store.incident(id: id)
            #expect(detail.timeline.map(\.kind) == [.alertFired, .acknowledged, .note, .resolved, .reopened])
            #expect(detail.timeline.map(\.actor) == ["alertmanager", "ana", "ana", "ana", "bo"])
        }
    }

    @Test
    func everyPayloadThatCarriedAnAlertIsKept() async throws {
        try await PostgresTestDatabase.withStore { store in
            let disk = Fixture.alert("DiskFull")
            let first = try await store.ingest(Fixture.request([disk]))
            _ = try await store.ingest(Fixture.request([disk], at: 5))
            let alert = try #require(try await store.incident(id: first.incidentIDs[0]).alerts.first)
            let payloads = try await store.payloads(alertID: alert.id)
            #expect(payloads.map(\.receivedAt) == [Fixture.at(0), Fixture.at(5)])
            #expect(payloads.first?.body == Data(#"{"alerts":["DiskFull/db1"]}"#.utf8))
            #expect(payloads.first?.contentType == "application/json")
        }
    }

    @Test
    func theProbeWritesAndReadsTheHeartbeat() async throws {
        try await PostgresTestDatabase.withStore { store in
            try await store.probe(at: Fixture.at(10))
            try await store.probe(at: Fixture.at(5))
            try await store.probe(at: Fixture.at(20))
        }
    }

    /// Two nodes drain one outbox at once, each claiming small batches in a loop: every delivery is claimed, and none
    /// by both while its lease runs.
    @Test
    func twoNodesClaimingAtOnceNeverClaimOneDeliveryTwice() async throws {
        let location = try PostgresTestDatabase.makeLocation()
        let configuration = Outbox.configuration()
        let first = try await PostgresTestDatabase.open(location, configuration: configuration)
        let second = try await PostgresTestDatabase.open(location, configuration: configuration)
        let incidents = 80
        for index in 0..<incidents {
            _ = try await first.ingest(Fixture.request([Fixture.alert("Load", instance: "h\(index)")]))
        }
        let claims = try await withThrowingTaskGroup(of: [Int64].self) { group in
            for node in [first, second] {
                group.addTask {
                    var claimed: [Int64] = []
                    while true {
                        let batch = try await node.claimDeliveries(limit: 3, now: Fixture.at(1), lease: 60)
                        if batch.isEmpty { return claimed }
                        claimed += batch.map(\.id)
                    }
                }
            }
            var claims: [[Int64]] = []
            for try await claimed in group {
                claims.append(claimed)
            }
            return claims
        }
        let all = claims.flatMap { $0 }
        #expect(all.count == incidents)
        #expect(Set(all).count == incidents)
        #expect(Set(claims[0]).isDisjoint(with: claims[1]))
        try await first.close()
        try await second.close()
    }

    /// A node that dies mid-send leaves its claims leased: the other node takes them only once the lease has run out,
    /// and the dead node's late answer does not send them twice.
    @Test
    func anExpiredLeaseIsClaimedByTheOtherNode() async throws {
        let location = try PostgresTestDatabase.makeLocation()
        let configuration = Outbox.configuration()
        let dying = try await PostgresTestDatabase.open(location, configuration: configuration)
        let survivor = try await PostgresTestDatabase.open(location, configuration: configuration)
        _ = try await dying.ingest(Fixture.request([Fixture.alert("DiskFull"), Fixture.alert("Load")]))
        let inFlight = try await dying.claimDeliveries(limit: 10, now: Fixture.at(1), lease: 30)
        #expect(inFlight.count == 2)
        #expect(try await survivor.claimDeliveries(limit: 10, now: Fixture.at(30), lease: 30).isEmpty)
        let taken = try await survivor.claimDeliveries(limit: 10, now: Fixture.at(31), lease: 30)
        #expect(taken.map(\.idempotencyKey) == inFlight.map(\.idempotencyKey))
        for delivery in taken {
            try await survivor.markDelivered(id: delivery.id, attempt: Outbox.sent(delivery.id, at: 32), reference: nil)
        }
        try await dying.markDelivered(id: taken[0].id, attempt: Outbox.sent(taken[0].id, at: 33), reference: nil)
        #expect(try await survivor.claimDeliveries(limit: 10, now: Fixture.at(100), lease: 30).isEmpty)
        let notified = try await survivor.incident(id: taken[0].incidentID).timeline.filter { $0.kind == .notified }
        #expect(notified.count == 1)
        #expect(try await survivor.attempts(deliveryID: taken[0].id).count == 2)
        try await dying.close()
        try await survivor.close()
    }


    /// The heartbeat's failure says what PostgreSQL answered and where, not PostgresNIO's generic sentence.
    @Test
    func aFailingProbeSaysWhatTheDatabaseAnswered() async throws {
        try await PostgresTestDatabase.withStore { store in
            try await store.probe(at: Fixture.at(0))
            try await store.client.query("DROP TABLE heartbeat", logger: PostgresTestDatabase.logger)
            let failure = await #expect(throws: PostgresFailure.self) { try await store.probe(at: Fixture.at(1)) }
            let text = failure?.description ?? ""
            #expect(text.contains("PostgreSQL at \(store.location.host):\(store.location.port)/"), "\(text)")
            #expect(text.contains("heartbeat"), "\(text)")
            #expect(text.contains("42P01"), "\(text)")
            #expect(failure.flatMap(StoreUnavailable.init(classifying:)) == nil, "a refusal is not an outage")
        }
    }

    /// A database nobody listens for fails the opening with the address, never the password.
    @Test
    func anUnreachableDatabaseFailsTheOpeningWithItsAddress() async throws {
        var location = try PostgresTestDatabase.makeLocation()
        location.port = 1
        location.password = "hunter2"
        let failure = await #expect(throws: PostgresFailure.self) {
            try await PostgresTestDatabase.open(location).close()
        }
        let text = failure?.description ?? ""
        #expect(text.contains("cannot reach PostgreSQL at \(location.host):1/\(location.database)"), "\(text)")
        #expect(!text.contains("hunter2"))
        let unavailable = try #require(failure.flatMap(StoreUnavailable.init(classifying:)))
        #expect(unavailable.reason == .unreachable(text), "answered 503, with the address kept for the log")
    }

}
