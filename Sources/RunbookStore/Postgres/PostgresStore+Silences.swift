import Foundation
import PostgresNIO
import RunbookCore

extension PostgresStore: SilenceStore {
    /// Stores a silence; one without matchers or with an empty window is refused as invalid.
    public func addSilence(_ silence: Silence) async throws -> Silence {
        try silence.validate()
        let rows = try await client.query(
            """
            INSERT INTO silences (matchers, startsAt, endsAt, createdBy, comment, expiredBy)
            VALUES (\(try Silence.json(silence.matchers)), \(silence.startsAt.timeIntervalSince1970),
                \(silence.endsAt.timeIntervalSince1970), \(silence.createdBy), \(silence.comment), \(silence.expiredBy))
            RETURNING id
            """, logger: logger)
        for try await id in rows.decode(Int64.self) {
            var stored = silence
            stored.id = id
            return stored
        }
        throw PostgresStoreFault("a silence insert returned no id")
    }

    /// Silences in force at `date`, or all of them when nil; newest first.
    public func silences(activeAt date: Date?) async throws -> [Silence] {
        let columns = "id, matchers, startsAt, endsAt, createdBy, comment, expiredBy"
        guard let time = date?.timeIntervalSince1970 else {
            let all = PostgresQuery(unsafeSQL: "SELECT \(columns) FROM silences ORDER BY id DESC")
            return try await guardedRead("silence list") {
                try await Self.decodeSilences(self.client.query(all, operation: .list, logger: self.logger))
            }
        }
        var query = PostgresQuery(
            unsafeSQL: "SELECT \(columns) FROM silences WHERE endsAt > $1 AND startsAt <= $1 ORDER BY id DESC")
        query.binds.append(time)
        return try await guardedRead("silence list") { [query] in
            try await Self.decodeSilences(self.client.query(query, operation: .list, logger: self.logger))
        }
    }

    /// Ends a silence now; one not yet started ends before it starts to hold anything.
    ///
    /// The row is locked, so that two nodes expiring it at once record one end and one operator.
    public func expireSilence(id: Int64, by actor: String, at: Date) async throws -> Silence {
        try await client.transaction(logger: logger) { connection in
            let rows = try await connection.query(
                """
                SELECT id, matchers, startsAt, endsAt, createdBy, comment, expiredBy FROM silences
                WHERE id = \(id) FOR UPDATE
                """, logger: logger)
            guard let stored = try await Self.decodeSilences(rows).first else {
                throw StoreError.notFound("no silence \(id)")
            }
            let silence = try stored.expired(by: actor, at: at)
            try await connection.query(
                """
                UPDATE silences SET startsAt = \(silence.startsAt.timeIntervalSince1970),
                    endsAt = \(at.timeIntervalSince1970), expiredBy = \(actor)
                WHERE id = \(id)
                """, logger: logger)
            return silence
        }
    }

    static func decodeSilences(_ rows: some AsyncSequence<PostgresRow, any Error>) async throws -> [Silence] {
        var silences: [Silence] = []
        let decoder = JSONDecoder()
        for try await (id, matchers, startsAt, endsAt, createdBy, comment, expiredBy) in rows.decode(
            (Int64, String, Double, Double, String, String, String?).self)
        {
            silences.append(Silence(
                id: id, matchers: try decoder.decode([LabelMatcher].self, from: Data(matchers.utf8)),
                startsAt: Date(timeIntervalSince1970: startsAt), endsAt: Date(timeIntervalSince1970: endsAt),
                createdBy: createdBy, comment: comment, expiredBy: expiredBy))
        }
        return silences
    }
}
