import Foundation
import PostgresNIO

extension PostgresStore: ConsoleSessionStore {
    /// Records a new session.
    public func addConsoleSession(_ session: ConsoleSessionRecord) async throws {
        try await client.query(
            """
            INSERT INTO consoleSessions (idHash, name, role, expiresAt)
            VALUES (\(session.idHash), \(session.name), \(session.role.rawValue),
                \(session.expiresAt.timeIntervalSince1970))
            """, operation: .console, logger: logger)
    }

    /// The live session, its expiry moved on, in one statement; given up after `readDeadline`, as every console page
    /// reads it.
    public func consoleSession(idHash: String, at now: Date, renewUntil: Date) async throws -> ConsoleSessionRecord? {
        let rows = try await guardedRead("console session") {
            try await self.client.query(
                """
                UPDATE consoleSessions SET expiresAt = GREATEST(expiresAt, \(renewUntil.timeIntervalSince1970))
                WHERE idHash = \(idHash) AND expiresAt > \(now.timeIntervalSince1970)
                RETURNING name, role, expiresAt
                """, operation: .console, logger: self.logger)
        }
        for try await (name, roleName, expiresAt) in rows.decode((String, String, Double).self) {
            guard let role = APIToken.Role(rawValue: roleName) else {
                throw PostgresStoreFault("a console session of \(name) has an unknown role \(roleName)")
            }
            return ConsoleSessionRecord(
                idHash: idHash, name: name, role: role, expiresAt: Date(timeIntervalSince1970: expiresAt))
        }
        return nil
    }

    /// Ends a session on every node.
    public func removeConsoleSession(idHash: String) async throws {
        try await client.query(
            "DELETE FROM consoleSessions WHERE idHash = \(idHash)", operation: .console, logger: logger)
    }

    /// Deletes the sessions expired at `now`.
    public func pruneConsoleSessions(at now: Date) async throws -> Int {
        try await client.query(
            "DELETE FROM consoleSessions WHERE expiresAt <= \(now.timeIntervalSince1970) RETURNING idHash",
            operation: .console, logger: logger
        ).count()
    }
}

extension PostgresStore: SharedSecretStore {
    /// Inserts `proposed` unless a secret of that name exists, then reads the one stored: two nodes starting at once
    /// both read the first one's.
    public func sharedSecret(named name: String, proposing proposed: Data) async throws -> Data {
        try await client.query(
            """
            INSERT INTO sharedSecrets (name, value, createdAt)
            VALUES (\(name), \(proposed.base64EncodedString()), \(Date().timeIntervalSince1970))
            ON CONFLICT (name) DO NOTHING
            """, operation: .console, logger: logger)
        let rows = try await client.query(
            "SELECT value FROM sharedSecrets WHERE name = \(name)", operation: .console, logger: logger)
        for try await value in rows.decode(String.self) {
            guard let secret = Data(base64Encoded: value) else {
                throw PostgresStoreFault("the shared secret \(name) is not base64")
            }
            return secret
        }
        throw PostgresStoreFault("the shared secret \(name) was not stored")
    }
}
