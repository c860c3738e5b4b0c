import Foundation
import PostgresNIO
import RunbookCore

extension PostgresStore {
    /// One page of incidents, open first then newest, by keyset pagination on (open, openedAt, id).
    public func incidents(matching query: IncidentQuery) async throws -> IncidentPage {
        guard (1...1000).contains(query.limit) else {
            throw StoreError.invalid("limit must be between 1 and 1000, not \(query.limit)")
        }
        let cursor = try query.cursor.map(IncidentCursor.init(decoding:))
        let rank = "(CASE WHEN state = 'resolved' THEN 1 ELSE 0 END)"
        var sql = PostgresQueryBuilder("SELECT \(PostgresRecords.incidentColumns) FROM incidents WHERE true")
        if !query.states.isEmpty {
            sql.append(" AND state IN (\(sql.bindList(query.states.map(\.rawValue).sorted())))")
        }
        if let source = query.source {
            sql.append(" AND source = \(sql.bind(source.rawValue))")
        }
        if let entryID = query.entryID {
            sql.append(" AND entryID = \(sql.bind(entryID))")
        }
        for (name, value) in query.labels.sorted(by: { $0.key < $1.key }) {
            sql.append("""
                 AND EXISTS (SELECT 1 FROM alerts WHERE alerts.incidentID = incidents.id
                    AND alerts.labels::jsonb ->> \(sql.bind(name)) = \(sql.bind(value)))
                """)
        }
        if let from = query.openedFrom {
            sql.append(" AND openedAt >= \(sql.bind(from.timeIntervalSince1970))")
        }
        if let before = query.openedBefore {
            sql.append(" AND openedAt < \(sql.bind(before.timeIntervalSince1970))")
        }
        if let cursor {
            let cursorRank = sql.bind(cursor.rank)
            let openedAt = sql.bind(cursor.openedAt)
            sql.append("""
                 AND (\(rank) > \(cursorRank) OR (\(rank) = \(cursorRank)
                    AND (openedAt < \(openedAt) OR (openedAt = \(openedAt) AND id < \(sql.bind(cursor.id))))))
                """)
        }
        sql.append(" ORDER BY \(rank), openedAt DESC, id DESC LIMIT \(sql.bind(query.limit + 1))")
        let built = sql.query
        let rows = try await guardedRead("incident list") {
            var rows: [Incident] = []
            for try await row in try await self.client.query(built, operation: .list, logger: self.logger) {
                rows.append(try PostgresRecords.incident(row.makeRandomAccess()))
            }
            return rows
        }
        let page = Array(rows.prefix(query.limit))
        let next = rows.count > query.limit ? page.last.map { IncidentCursor(after: $0).encoded } : nil
        return IncidentPage(incidents: page, nextCursor: next)
    }

    /// Alert keys without a match at or above `threshold`, most frequent first, retracted alerts left out.
    public func coverage(threshold: Double, limit: Int) async throws -> [CoverageItem] {
        try await guardedRead("coverage") { try await self.readCoverage(threshold: threshold, limit: limit) }
    }

    private func readCoverage(threshold: Double, limit: Int) async throws -> [CoverageItem] {
        let rows = try await client.query(
            """
            SELECT key, source, sum(fireCount), count(*), min(firstSeen), max(lastSeen),
                (SELECT COALESCE(matchSets.matches, latest.matches) FROM alerts AS latest
                 LEFT JOIN matchSets ON matchSets.id = latest.matchSetID
                 WHERE latest.key = weak.key AND latest.source = weak.source AND latest.retractedAt IS NULL
                 ORDER BY latest.lastSeen DESC, latest.id DESC LIMIT 1)
            FROM alerts AS weak
            WHERE retractedAt IS NULL AND (score IS NULL OR score < \(threshold))
            GROUP BY key, source
            ORDER BY sum(fireCount) DESC, max(lastSeen) DESC, key
            LIMIT \(limit)
            """, operation: .coverage, logger: logger)
        let decoder = JSONDecoder()
        var items: [CoverageItem] = []
        for try await (key, source, count, alerts, firstSeen, lastSeen, matches) in rows.decode(
            (String, String, Int64, Int64, Double, Double, String?).self)
        {
            items.append(CoverageItem(
                key: key, source: AlertSource(rawValue: source) ?? .generic, count: Int(count), alerts: Int(alerts),
                firstSeen: Date(timeIntervalSince1970: firstSeen), lastSeen: Date(timeIntervalSince1970: lastSeen),
                candidates: try decoder.decode([Match].self, from: Data((matches ?? "[]").utf8))))
        }
        return items
    }

    /// Deletes old resolved incidents (cascading to their alerts, timelines, deliveries and payload links), then the
    /// payloads older than the cutoff and the match sets that no alert refers to any more.
    public func prune(olderThan cutoff: Date) async throws -> PruneResult {
        let time = cutoff.timeIntervalSince1970
        let logger = logger
        return try await client.transaction(.cluster, logger: logger) { connection in
            var alerts = 0
            for try await count in try await connection.query(
                """
                SELECT count(*) FROM alerts WHERE incidentID IN (
                    SELECT id FROM incidents WHERE state = 'resolved' AND resolvedAt < \(time))
                """, logger: logger
            ).decode(Int64.self) {
                alerts = Int(count)
            }
            let incidents = try await connection.query(
                "DELETE FROM incidents WHERE state = 'resolved' AND resolvedAt < \(time) RETURNING id", logger: logger
            ).count()
            let payloads = try await connection.query(
                """
                DELETE FROM payloads WHERE receivedAt < \(time)
                AND NOT EXISTS (SELECT 1 FROM alertPayloads WHERE alertPayloads.payloadID = payloads.id)
                RETURNING id
                """, logger: logger).count()
            try await connection.query(
                """
                DELETE FROM matchSets
                WHERE NOT EXISTS (SELECT 1 FROM alerts WHERE alerts.matchSetID = matchSets.id)
                """, logger: logger)
            return PruneResult(incidents: incidents, alerts: alerts, payloads: payloads)
        }
    }
}
