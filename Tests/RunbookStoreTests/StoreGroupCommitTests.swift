import Foundation
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
}
