import Foundation
import GRDB

extension SQLiteStore: ConsoleSessionStore {
    /// Records a new session.
    public func addConsoleSession(_ session: ConsoleSessionRecord) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "INSERT INTO consoleSessions (idHash, name, role, expiresAt) VALUES (?, ?, ?, ?)",
                arguments: [session.idHash, session.name, session.role.rawValue,
                            session.expiresAt.timeIntervalSince1970])
        }
    }

    /// The live session, its expiry moved on.
    public func consoleSession(idHash: String, at now: Date, renewUntil: Date) async throws -> ConsoleSessionRecord? {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE consoleSessions SET expiresAt = max(expiresAt, ?) WHERE idHash = ? AND expiresAt > ?",
                arguments: [renewUntil.timeIntervalSince1970, idHash, now.timeIntervalSince1970])
            guard db.changesCount == 1,
                  let row = try Row.fetchOne(
                    db, sql: "SELECT name, role, expiresAt FROM consoleSessions WHERE idHash = ?", arguments: [idHash])
            else { return nil }
            let name: String = row["name"]
            let roleName: String = row["role"]
            guard let role = APIToken.Role(rawValue: roleName) else {
                throw StoreError.invalid("a console session of \(name) has an unknown role \(roleName)")
            }
            return ConsoleSessionRecord(
                idHash: idHash, name: name, role: role, expiresAt: Date(timeIntervalSince1970: row["expiresAt"]))
        }
    }

    /// Ends a session.
    public func removeConsoleSession(idHash: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM consoleSessions WHERE idHash = ?", arguments: [idHash])
        }
    }

    /// Deletes the sessions expired at `now`.
    public func pruneConsoleSessions(at now: Date) async throws -> Int {
        try await pool.write { db in
            try db.execute(
                sql: "DELETE FROM consoleSessions WHERE expiresAt <= ?", arguments: [now.timeIntervalSince1970])
            return db.changesCount
        }
    }
}

extension SQLiteStore: SharedSecretStore {
    /// Stores `proposed` unless a secret of that name exists, and returns the one stored.
    public func sharedSecret(named name: String, proposing proposed: Data) async throws -> Data {
        try await pool.write { db in
            try db.execute(
                sql: "INSERT OR IGNORE INTO sharedSecrets (name, value, createdAt) VALUES (?, ?, ?)",
                arguments: [name, proposed.base64EncodedString(), Date().timeIntervalSince1970])
            let value = try String.fetchOne(db, sql: "SELECT value FROM sharedSecrets WHERE name = ?", arguments: [name])
            guard let value, let secret = Data(base64Encoded: value) else {
                throw StoreError.invalid("the shared secret \(name) is not base64")
            }
            return secret
        }
    }
}
