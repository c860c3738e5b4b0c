import Foundation
import GRDB
import RunbookCore
import RunbookStore
import Testing

/// Contract: concurrent ingests share transactions, land exactly once, and fail alone.
struct StoreGroupCommitTests {
    @Test(arguments: StoreKind.allCases)
    func concurrentIngestsLandOnceInFewerTransactions(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let count = 200
            let results = try await withThrowingTaskGroup(of: IngestResult.self) { group in
                for index in 0..<count {
                    group.addTask {
                        try await store.ingest(Fixture.request([Fixture.alert("Load", instance: "host\(index)")]))
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let ids = Set(results.flatMap(\.incidentIDs))
            #expect(ids.count == count)
            #expect(try await Fixture.allIncidents(store).count == count)
            let statistics = await store.ingestStatistics()
            #expect(statistics.requests == count)
            #expect(statistics.transactions < count)
            #expect(statistics.largestBatch > 1)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aFailingRequestInABatchFailsAlone(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let count = 60
            let outcomes = await withTaskGroup(of: (Int, Bool).self) { group in
                for index in 0..<count {
                    group.addTask {
                        var alerts = [Fixture.alert("Load", instance: "host\(index)")]
                        if index % 5 == 0 {
                            var bad = Fixture.alert("Broken", instance: "host\(index)")
                            bad.dedupKey = ""
                            alerts.append(bad)
                        }
                        let stored = (try? await store.ingest(Fixture.request(alerts))) != nil
                        return (index, stored)
                    }
                }
                return await group.reduce(into: [Int: Bool]()) { $0[$1.0] = $1.1 }
            }
            #expect(outcomes.filter { $0.key % 5 == 0 }.allSatisfy { !$0.value })
            #expect(outcomes.filter { $0.key % 5 != 0 }.allSatisfy { $0.value })
            let instances = try await Fixture.allIncidents(store).map(\.title)
            #expect(instances.count == count - count / 5)
            #expect(!instances.contains("Load host0"))
            #expect(instances.contains("Load host1"))
            let statistics = await store.ingestStatistics()
            #expect(statistics.requests == count)
            #expect(statistics.transactions < count)
        }
    }

    /// A request that fails in the database takes its batch's transaction down: a trigger's `RAISE(ROLLBACK)` rolls
    /// the whole transaction back (a full disk does the same), and `RAISE(ABORT)` fails one statement, after which
    /// the writer abandons the transaction itself. The batch's requests are retried, each in a transaction of its
    /// own, so that every request answered as stored is stored once, and the failing one fails alone.
    @Test(arguments: ["ROLLBACK", "ABORT"])
    func aRequestThatFailsInTheDatabaseFailsAloneAndTheOthersAreStoredOnce(raise: String) async throws {
        let folder = try StoreKind.sqlite.makeLocation()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("runbook.sqlite").path
        let store = try SQLiteStore(path: path)
        do {
            let outside = try DatabaseQueue(path: path)
            try await outside.write { db in
                try db.execute(sql: """
                    CREATE TRIGGER alerts_rollback BEFORE INSERT ON alerts WHEN NEW.dedupKey LIKE 'Rollback/%'
                    BEGIN SELECT RAISE(\(raise), 'failed by the test'); END
                    """)
            }
            try outside.close()
            let count = 60
            let outcomes = await withTaskGroup(of: (Int, Bool).self) { group in
                for index in 0..<count {
                    group.addTask {
                        let name = index % 5 == 0 ? "Rollback" : "Load"
                        let request = Fixture.request([Fixture.alert(name, instance: "host\(index)")])
                        return (index, (try? await store.ingest(request)) != nil)
                    }
                }
                return await group.reduce(into: [Int: Bool]()) { $0[$1.0] = $1.1 }
            }
            #expect(outcomes.filter { $0.key % 5 == 0 }.allSatisfy { !$0.value })
            #expect(outcomes.filter { $0.key % 5 != 0 }.allSatisfy { $0.value })
            let incidents = try await Fixture.allIncidents(store)
            #expect(Set(incidents.map(\.title)) == Set((0..<count).filter { $0 % 5 != 0 }.map { "Load host\($0)" }))
            // Each request's alert was stored once: a request written in the abandoned transaction and again by the
            // retry would show as fired twice.
            for incident in incidents {
                let alerts = try await store.incident(id: incident.id).alerts
                #expect(alerts.map(\.fireCount) == [1], "\(incident.title)")
            }
            let statistics = await store.ingestStatistics()
            #expect(statistics.requests == count)
            #expect(statistics.largestBatch > 1, "no request shared a batch: the case was not exercised")
        }
        try await store.close()
    }

    /// Many requests of one group share each batch: every alert is counted once in the one incident, whatever the
    /// batches, and a request that fails after filing an alert leaves no trace in the incident or in later requests.
    @Test(arguments: StoreKind.allCases)
    func oneGroupsAlertsInSharedBatchesAreCountedOnceAndAFailedRequestLeavesNoTrace(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let count = 60
            let outcomes = await withTaskGroup(of: (Int, Bool).self) { group in
                for index in 0..<count {
                    group.addTask {
                        var alerts = [Fixture.alert("Load", instance: "host\(index)", group: "load")]
                        if index % 5 == 0 {
                            var bad = Fixture.alert("Load", instance: "bad\(index)", group: "load")
                            bad.dedupKey = ""
                            alerts.append(bad)
                        }
                        let stored = (try? await store.ingest(Fixture.request(alerts, at: Double(index) / 100))) != nil
                        return (index, stored)
                    }
                }
                return await group.reduce(into: [Int: Bool]()) { $0[$1.0] = $1.1 }
            }
            let good = (0..<count).filter { $0 % 5 != 0 }
            #expect(outcomes.filter { $0.key % 5 == 0 }.allSatisfy { !$0.value })
            #expect(good.allSatisfy { outcomes[$0] == true })
            var incidents = try await Fixture.allIncidents(store)
            #expect(incidents.count == 1)
            #expect(incidents.first?.alertCount == good.count)
            #expect(incidents.first?.firingCount == good.count)
            #expect(incidents.first?.state == .triggered)

            // Resolving them all, concurrently, resolves the incident once.
            await withThrowingTaskGroup(of: Void.self) { group in
                for index in good {
                    group.addTask {
                        let resolved = Fixture.alert("Load", instance: "host\(index)", status: .resolved, group: "load")
                        _ = try await store.ingest(Fixture.request([resolved], at: 10))
                    }
                }
            }
            incidents = try await Fixture.allIncidents(store)
            #expect(incidents.count == 1)
            #expect(incidents.first?.firingCount == 0)
            #expect(incidents.first?.state == .resolved)
        }
    }

    /// The writer keeps a batch's incident counts and payload links for the end of its transaction. Many 1-alert
    /// requests of one group, in shared batches, leave the incident's counts as their sum and its last sighting as
    /// the latest; each alert is linked to the payload of every request that carried it, and to no other.
    @Test func sharedBatchesCountEveryAlertAndLinkEachToItsOwnPayloads() async throws {
        let folder = try StoreKind.sqlite.makeLocation()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("runbook.sqlite").path)
        do {
            let count = 80
            // Every alert once, then every third again: a re-fire joins its alert's row and links a second payload.
            for (round, indexes) in [Array(0..<count), Array(stride(from: 0, to: count, by: 3))].enumerated() {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for index in indexes {
                        group.addTask {
                            let alert = Fixture.alert("Load", instance: "host\(index)", group: "load")
                            _ = try await store.ingest(Fixture.request([alert], at: Double(round * 100 + index)))
                        }
                    }
                    try await group.waitForAll()
                }
            }
            let statistics = await store.ingestStatistics()
            #expect(statistics.largestBatch > 1, "no request shared a batch: the case was not exercised")
            let incidents = try await Fixture.allIncidents(store)
            #expect(incidents.count == 1)
            let incident = try #require(incidents.first)
            #expect(incident.alertCount == count)
            #expect(incident.firingCount == count)
            #expect(incident.lastSeen == Fixture.at(Double(100 + (count - 1) / 3 * 3)))
            let detail = try await store.incident(id: incident.id)
            #expect(detail.alerts.count == count)
            for stored in detail.alerts {
                let index = Int(stored.alert.labels["instance"]?.dropFirst(4) ?? "") ?? -1
                let payloads = try await store.payloads(alertID: stored.id)
                #expect(payloads.count == (index % 3 == 0 ? 2 : 1), "\(stored.alert.dedupKey)")
                #expect(stored.fireCount == payloads.count)
                let expected = #"{"alerts":["\#(stored.alert.dedupKey)"]}"#
                #expect(payloads.allSatisfy { String(decoding: $0.body, as: UTF8.self) == expected })
            }
        }
        try await store.close()
    }

    /// Requests in shared batches whose alerts share match sets in pairs: a request that fails after storing a new
    /// set takes the set with it, and its pair, filed later in the same transaction, stores the set again instead
    /// of referring to the one rolled back. Every stored alert reads back its own matches.
    @Test(arguments: StoreKind.allCases)
    func aMatchSetStoredByAFailedRequestIsNotReusedInItsBatch(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let outcomes = await Self.ingestPairs(store, count: 60)
            let good = (0..<60).filter { $0 % 5 != 0 }
            #expect(good.allSatisfy { outcomes[$0] == true })
            let incidents = try await Fixture.allIncidents(store)
            #expect(incidents.count == 1)
            let detail = try await store.incident(id: incidents.first?.id ?? 0)
            #expect(detail.alerts.count == good.count)
            let scores = detail.alerts.map { stored in
                (stored.matches.first?.score, Int(stored.alert.labels["instance"]?.dropFirst(4) ?? "").map(Self.pairScore))
            }
            #expect(scores.allSatisfy { $0.0 != nil && $0.0 == $0.1 })
        }
    }

    /// Ingests `pairRequest(0..<count)` concurrently; whether each was stored, by index.
    static func ingestPairs(_ store: any Store, count: Int) async -> [Int: Bool] {
        await withTaskGroup(of: (Int, Bool).self) { group in
            for index in 0..<count {
                group.addTask {
                    let stored = (try? await store.ingest(pairRequest(index))) != nil
                    return (index, stored)
                }
            }
            return await group.reduce(into: [Int: Bool]()) { $0[$1.0] = $1.1 }
        }
    }

    /// The same score, so the same match set, for requests 0 and 1, 2 and 3…
    static func pairScore(_ index: Int) -> Double {
        0.5 + Double(index / 2) / 100
    }

    /// Request `index`: one alert with the match set of its pair, and for every fifth a bad alert after it.
    static func pairRequest(_ index: Int) -> IngestRequest {
        var items = [Fixture.item(Fixture.alert("Load", instance: "host\(index)", group: "load"), score: pairScore(index))]
        if index % 5 == 0 {
            var bad = Fixture.alert("Load", instance: "bad\(index)", group: "load")
            bad.dedupKey = ""
            items.append(Fixture.item(bad, score: pairScore(index)))
        }
        var request = Fixture.request([], at: Double(index) / 100)
        request.alerts = items
        return request
    }
}
