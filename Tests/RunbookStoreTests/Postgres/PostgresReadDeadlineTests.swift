import Foundation
import RunbookCore
import RunbookStore
import Testing

/// The reads an operator's pages and the heartbeat make give up on a database that stops answering, through a proxy
/// that holds every byte (`StallingProxy`): each answers `StoreUnavailable(.unreachable)`, which the server answers
/// 503 `database_unavailable`, instead of holding the request for good.
@Suite(.enabled(if: PostgresTestDatabase.enabled, Comment(rawValue: PostgresTestDatabase.skipReason)))
struct PostgresReadDeadlineTests {
    @Test(.timeLimit(.minutes(2)))
    func readsOfAStalledDatabaseAnswerUnavailable() async throws {
        var location = try PostgresTestDatabase.makeLocation()
        let proxy = try StallingProxy(to: location.host, port: location.port)
        defer { proxy.close() }
        location.port = proxy.port
        // A short read deadline, the tests' long write one: the ingest before the stall must not time out when the
        // machine is busy.
        let store = try await PostgresStore.open(
            location, readDeadline: .seconds(1), writeDeadline: PostgresTestDatabase.deadline,
            logger: PostgresTestDatabase.logger)
        let id = try await store.ingest(Fixture.request([Fixture.alert("DiskFull")])).incidentIDs[0]
        #expect(try await store.incident(id: id).alerts.count == 1)

        proxy.stall()
        let reads: [(String, @Sendable () async throws -> Void)] = [
            ("incident list", { _ = try await store.incidents(matching: IncidentQuery(limit: 10)) }),
            ("incident", { _ = try await store.incident(id: id) }),
            ("coverage", { _ = try await store.coverage(threshold: 0.5, limit: 10) }),
            ("heartbeat", { try await store.probe(at: Date()) }),
            ("deliveries", { _ = try await store.deliveries(matching: DeliveryQuery()) }),
            ("silences", { _ = try await store.silences(activeAt: nil) }),
            ("open count", { _ = try await store.openIncidentCount() }),
        ]
        for (name, read) in reads {
            do {
                try await read()
                Issue.record("\(name) answered from a stalled database")
            } catch let error as StoreUnavailable {
                guard case .unreachable(let detail) = error.reason else {
                    Issue.record("\(name): \(error)")
                    continue
                }
                #expect(detail.contains("did not finish within"), "\(name): \(detail)")
            } catch {
                Issue.record("\(name) failed otherwise: \(error)")
            }
        }
        proxy.close()
        try? await store.close()
    }
}
