import Foundation

/// Signed-in console sessions, kept in the database: every node behind a load balancer knows every session, and a
/// restart signs nobody out.
///
/// A session is found by the SHA-256 of its id (`SecretHash.of`): the id itself, the cookie's value, is never
/// stored. Expired sessions are deleted by the retention job (`pruneConsoleSessions`).
///
/// ```swift
/// try await store.addConsoleSession(ConsoleSessionRecord(idHash: SecretHash.of(id), name: "ana", role: .responder,
///                                                        expiresAt: now.addingTimeInterval(12 * 3600)))
/// let session = try await store.consoleSession(idHash: SecretHash.of(id), at: now, renewUntil: later)
/// ```
public protocol ConsoleSessionStore: Sendable {
    /// Records a new session.
    func addConsoleSession(_ session: ConsoleSessionRecord) async throws

    /// The session whose id hashes to `idHash` if it has not expired at `now`, its expiry moved to `renewUntil`
    /// (never back); nil when there is none or it has expired.
    func consoleSession(idHash: String, at now: Date, renewUntil: Date) async throws -> ConsoleSessionRecord?

    /// Ends a session (sign out) on every node; an unknown one is no error.
    func removeConsoleSession(idHash: String) async throws

    /// Deletes the sessions expired at `now`; returns how many.
    func pruneConsoleSessions(at now: Date) async throws -> Int
}
