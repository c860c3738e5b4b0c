import Foundation
import RunbookStore
import Testing

@testable import RunbookServer

/// Sessions and the sign-in attempt limit, on a clock the test moves; sessions in memory and in a store.
struct ConsoleSessionsTests {
    let start = Date(timeIntervalSince1970: 1_750_000_000)

    /// Where sessions are kept: in memory, or in a new SQLite database.
    enum Keeping: String, CaseIterable, Sendable {
        case memory, sqlite

        func sessions(lifetime: TimeInterval = 12 * 3600) throws -> ConsoleSessions {
            switch self {
            case .memory:
                return ConsoleSessions(lifetime: lifetime)
            case .sqlite:
                let path = FileManager.default.temporaryDirectory
                    .appendingPathComponent("sessions-\(UUID().uuidString).sqlite").path
                return ConsoleSessions(store: try SQLiteStore(path: path), lifetime: lifetime)
            }
        }
    }

    @Test(arguments: Keeping.allCases)
    func aSessionLivesItsLifetimeFromItsLastUse(keeping: Keeping) async throws {
        let sessions = try keeping.sessions(lifetime: 100)
        let session = try await sessions.start(name: "ana", role: .operator, at: start)
        #expect(session.id.count == 64)
        #expect(session.csrf != session.id)
        #expect(try await sessions.session(id: session.id, at: start.addingTimeInterval(90))?.name == "ana")
        #expect(try await sessions.session(id: session.id, at: start.addingTimeInterval(180))?.role == .operator)
        #expect(try await sessions.session(id: session.id, at: start.addingTimeInterval(180))?.csrf == session.csrf)
        #expect(try await sessions.session(id: session.id, at: start.addingTimeInterval(281)) == nil)
        #expect(try await sessions.session(id: "made-up", at: start) == nil)
    }

    @Test(arguments: Keeping.allCases)
    func signingOutEndsTheSession(keeping: Keeping) async throws {
        let sessions = try keeping.sessions()
        let session = try await sessions.start(name: "ana", role: .viewer, at: start)
        try await sessions.end(id: session.id)
        #expect(try await sessions.session(id: session.id, at: start) == nil)
    }

    @Test
    func aStoreKeepsSessionsAcrossARestartAndPrunesTheExpired() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sessions-\(UUID().uuidString).sqlite")
        defer { try? FileManager.default.removeItem(at: path) }
        var store = try SQLiteStore(path: path.path)
        let kept = try await ConsoleSessions(store: store, lifetime: 100).start(name: "ana", role: .admin, at: start)
        let old = try await ConsoleSessions(store: store, lifetime: 10).start(name: "bo", role: .viewer, at: start)
        try await store.close()
        store = try SQLiteStore(path: path.path)
        let restarted = ConsoleSessions(store: store, lifetime: 100)
        #expect(try await restarted.session(id: kept.id, at: start.addingTimeInterval(50))?.role == .admin)
        #expect(try await store.pruneConsoleSessions(at: start.addingTimeInterval(20)) == 1)
        #expect(try await restarted.session(id: old.id, at: start) == nil)
        #expect(try await restarted.session(id: kept.id, at: start.addingTimeInterval(60))?.name == "ana")
        try await store.close()
    }

    @Test
    func attemptsAreRefusedAfterTheLimitUntilTheWindowHasPassed() async {
        let sessions = ConsoleSessions(maxFailures: 3, failureWindow: 60)
        for second in 0..<3 {
            #expect(await sessions.mayAttempt(keys: ["user:ana"], at: start.addingTimeInterval(Double(second))))
            await sessions.recordFailure(keys: ["user:ana", "client:a"], at: start.addingTimeInterval(Double(second)))
        }
        #expect(await !sessions.mayAttempt(keys: ["user:ana"], at: start.addingTimeInterval(10)))
        #expect(await !sessions.mayAttempt(keys: ["user:bob", "client:a"], at: start.addingTimeInterval(10)))
        #expect(await sessions.mayAttempt(keys: ["user:bob", "client:b"], at: start.addingTimeInterval(10)))
        #expect(await sessions.mayAttempt(keys: ["user:ana"], at: start.addingTimeInterval(61)))
    }
}
