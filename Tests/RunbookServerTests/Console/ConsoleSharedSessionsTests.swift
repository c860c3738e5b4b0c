import Foundation
import Logging
import RunbookStore
import Testing

@testable import RunbookServer

/// Two nodes on one PostgreSQL, each with its own store and sessions, as behind a load balancer without sticky
/// sessions: a session started on one is known to the other, signing out on either ends it on both, and both sign
/// acknowledge links with one key.
@Suite(.enabled(
    if: ProcessInfo.processInfo.environment["RUNBOOK_TEST_POSTGRES"].map { !$0.isEmpty } ?? false,
    "RUNBOOK_TEST_POSTGRES is not set: run scripts/test, or eval \"$(scripts/postgres/start)\""))
struct ConsoleSharedSessionsTests {
    static let logger = Logger(label: "sessions-test") { _ in SwiftLogNoOpLogHandler() }
    let start = Date(timeIntervalSince1970: 1_750_000_000)

    static func twoNodes() async throws -> (PostgresStore, PostgresStore) {
        var location = try PostgresLocation(url: try #require(ProcessInfo.processInfo.environment["RUNBOOK_TEST_POSTGRES"]))
        location.schema = "test_sessions_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let first = try await PostgresStore.open(
            location, poolSize: 2, readDeadline: .seconds(60), writeDeadline: .seconds(60), logger: logger)
        let second = try await PostgresStore.open(
            location, poolSize: 2, readDeadline: .seconds(60), writeDeadline: .seconds(60), logger: logger)
        return (first, second)
    }

    @Test
    func aSessionStartedOnOneNodeIsAcceptedByTheOtherAndSigningOutEndsItOnBoth() async throws {
        let (first, second) = try await Self.twoNodes()
        let nodeA = ConsoleSessions(store: first)
        let nodeB = ConsoleSessions(store: second)
        let session = try await nodeA.start(name: "ana", role: .operator, at: start)
        let seen = try #require(try await nodeB.session(id: session.id, at: start.addingTimeInterval(60)))
        #expect(seen.name == "ana")
        #expect(seen.role == .operator)
        #expect(seen.csrf == session.csrf)
        try await nodeB.end(id: session.id)
        #expect(try await nodeA.session(id: session.id, at: start.addingTimeInterval(61)) == nil)
        #expect(try await nodeB.session(id: session.id, at: start.addingTimeInterval(61)) == nil)
        try await first.close()
        try await second.close()
    }

    @Test
    func bothNodesGetTheKeyTheFirstStored() async throws {
        let (first, second) = try await Self.twoNodes()
        let proposals = [Data(repeating: 1, count: 32), Data(repeating: 2, count: 32)]
        async let a = first.sharedSecret(named: "acknowledge-links", proposing: proposals[0])
        async let b = second.sharedSecret(named: "acknowledge-links", proposing: proposals[1])
        let keys = try await [a, b]
        #expect(keys[0] == keys[1])
        #expect(proposals.contains(keys[0]))
        try await first.close()
        try await second.close()
    }
}
