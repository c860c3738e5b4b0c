import Foundation
import GRDB
import RunbookCore

extension SQLiteStore {
    /// Stores a silence; one without matchers or with an empty window is refused as invalid.
    public func addSilence(_ silence: Silence) async throws -> Silence {
        try silence.validate()
        return try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO silences (matchers, startsAt, endsAt, createdBy, comment, expiredBy)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    try Silence.json(silence.matchers), silence.startsAt.timeIntervalSince1970,
                    silence.endsAt.timeIntervalSince1970, silence.createdBy, silence.comment, silence.expiredBy,
                ])
            var stored = silence
            stored.id = db.lastInsertedRowID
            return stored
        }
    }

    /// Silences in force at `date`, or all of them when nil; newest first.
    public func silences(activeAt date: Date?) async throws -> [Silence] {
        try await pool.read { db in
            guard let date else {
                return try Silence.fetchAll(db, sql: "SELECT * FROM silences ORDER BY id DESC")
            }
            return try Silence.active(at: date, db)
        }
    }

    /// Ends a silence now; one not yet started ends before it starts to hold anything.
    public func expireSilence(id: Int64, by actor: String, at: Date) async throws -> Silence {
        try await pool.write { db in
            guard let stored = try Silence.fetchOne(db, sql: "SELECT * FROM silences WHERE id = ?", arguments: [id])
            else {
                throw StoreError.notFound("no silence \(id)")
            }
            let silence = try stored.expired(by: actor, at: at)
            try db.execute(
                sql: "UPDATE silences SET startsAt = ?, endsAt = ?, expiredBy = ? WHERE id = ?",
                arguments: [silence.startsAt.timeIntervalSince1970, at.timeIntervalSince1970, actor, id])
            return silence
        }
    }
}
