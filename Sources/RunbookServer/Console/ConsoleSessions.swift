import Foundation
import RunbookStore

/// Signed-in console sessions and failed sign-in attempts, in memory.
///
/// A session lives `lifetime` from its last use; a server restart signs everyone out. Sign-in attempts are
/// limited per key (the user name and the client address): after `maxFailures` failures within `failureWindow`
/// further attempts are refused until the window has passed.
actor ConsoleSessions {
    /// A signed-in person.
    struct Session: Sendable {
        let id: String
        let name: String
        let role: APIToken.Role
        /// Sent back in every state-changing form.
        let csrf: String
        var expiresAt: Date
    }

    private var sessions: [String: Session] = [:]
    private var failures: [String: [Date]] = [:]
    let lifetime: TimeInterval
    let maxFailures: Int
    let failureWindow: TimeInterval

    init(lifetime: TimeInterval = 12 * 3600, maxFailures: Int = 5, failureWindow: TimeInterval = 15 * 60) {
        self.lifetime = lifetime
        self.maxFailures = maxFailures
        self.failureWindow = failureWindow
    }

    /// Starts a session for `name`.
    func start(name: String, role: APIToken.Role, at now: Date) -> Session {
        sessions = sessions.filter { $0.value.expiresAt > now }
        let session = Session(
            id: Self.randomToken(), name: name, role: role, csrf: Self.randomToken(),
            expiresAt: now.addingTimeInterval(lifetime))
        sessions[session.id] = session
        return session
    }

    /// The live session with this id, its lifetime extended; nil when unknown or expired.
    func session(id: String, at now: Date) -> Session? {
        guard var session = sessions[id] else { return nil }
        guard session.expiresAt > now else {
            sessions[id] = nil
            return nil
        }
        session.expiresAt = now.addingTimeInterval(lifetime)
        sessions[id] = session
        return session
    }

    /// Ends a session (sign out).
    func end(id: String) {
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
