import Foundation
import RunbookStore

/// Signed-in console sessions and failed sign-in attempts.
///
/// Sessions live in the store when it keeps them (`ConsoleSessionStore`: both stores do), so that every node behind
/// a load balancer knows them and a restart signs nobody out; else in memory. A session lives `lifetime` from its
/// last use. Its CSRF token is derived from its id, so that any node can check a form another node rendered. Sign-in
/// attempts are limited per key (the user name and the client address), on each node: after `maxFailures` failures
/// within `failureWindow` further attempts are refused until the window has passed.
actor ConsoleSessions {
    /// A signed-in person.
    struct Session: Sendable {
        let id: String
        let name: String
        let role: APIToken.Role
        var expiresAt: Date

        /// Sent back in every state-changing form: a hash of the id, which only the session's holder knows.
        var csrf: String { SecretHash.of("csrf:" + id) }
    }

    private let store: (any ConsoleSessionStore)?
    private var sessions: [String: Session] = [:]
    private var failures: [String: [Date]] = [:]
    let lifetime: TimeInterval
    let maxFailures: Int
    let failureWindow: TimeInterval

    init(
        store: (any ConsoleSessionStore)? = nil, lifetime: TimeInterval = 12 * 3600, maxFailures: Int = 5,
        failureWindow: TimeInterval = 15 * 60
    ) {
        self.store = store
        self.lifetime = lifetime
        self.maxFailures = maxFailures
        self.failureWindow = failureWindow
    }

    /// Starts a session for `name`.
    func start(name: String, role: APIToken.Role, at now: Date) async throws -> Session {
        let session = Session(id: Self.randomToken(), name: name, role: role, expiresAt: now.addingTimeInterval(lifetime))
        if let store {
            try await store.addConsoleSession(ConsoleSessionRecord(
                idHash: SecretHash.of(session.id), name: name, role: role, expiresAt: session.expiresAt))
        } else {
            sessions = sessions.filter { $0.value.expiresAt > now }
            sessions[session.id] = session
        }
        return session
    }

    /// The live session with this id, its lifetime extended; nil when unknown or expired.
    func session(id: String, at now: Date) async throws -> Session? {
        let renewed = now.addingTimeInterval(lifetime)
        if let store {
            return try await store.consoleSession(idHash: SecretHash.of(id), at: now, renewUntil: renewed).map {
                Session(id: id, name: $0.name, role: $0.role, expiresAt: $0.expiresAt)
            }
        }
        guard var session = sessions[id] else { return nil }
        guard session.expiresAt > now else {
            sessions[id] = nil
            return nil
        }
        session.expiresAt = renewed
        sessions[id] = session
        return session
    }

    /// Ends a session (sign out), on every node when the store keeps them.
    func end(id: String) async throws {
        if let store {
            try await store.removeConsoleSession(idHash: SecretHash.of(id))
        }
        sessions[id] = nil
    }

    /// True while every key has fewer than `maxFailures` recent failures.
    func mayAttempt(keys: [String], at now: Date) -> Bool {
        keys.allSatisfy { key in
            (failures[key] ?? []).filter { now.timeIntervalSince($0) < failureWindow }.count < maxFailures
        }
    }

    /// Counts a failed attempt against every key.
    func recordFailure(keys: [String], at now: Date) {
        // Made-up user names each add a key: past a bound, forget the keys whose failures are all out of the window.
        if failures.count > 10_000 {
            failures = failures.filter { $0.value.contains { now.timeIntervalSince($0) < failureWindow } }
        }
        for key in keys {
            failures[key] = (failures[key] ?? []).filter { now.timeIntervalSince($0) < failureWindow } + [now]
        }
    }

    /// 32 random bytes as hex.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
}
