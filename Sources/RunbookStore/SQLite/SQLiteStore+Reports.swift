import Foundation
import GRDB
import RunbookCore

extension SQLiteStore {
    /// The raw payloads that carried an alert, oldest first.
    public func payloads(alertID: Int64) async throws -> [StoredPayload] {
        try await pool.read { db in
            let sql = """
                SELECT payloads.* FROM payloads JOIN alertPayloads ON alertPayloads.payloadID = payloads.id
                WHERE alertPayloads.alertID = ? ORDER BY payloads.id
                """
            return try PayloadRow.fetchAll(db, sql: sql, arguments: [alertID]).map { try $0.stored() }
        }
    }

    /// Alert keys without a match at or above `threshold`, most frequent first, retracted alerts left out.
    public func coverage(threshold: Double, limit: Int) async throws -> [CoverageItem] {
        try await pool.read { db in
            let sql = """
                SELECT key, source, SUM(fireCount) AS count, COUNT(*) AS alerts, MIN(firstSeen) AS firstSeen,
                       MAX(lastSeen) AS lastSeen,
                       (SELECT COALESCE(matchSets.matches, latest.matches) FROM alerts AS latest
                        LEFT JOIN matchSets ON matchSets.id = latest.matchSetID
                        WHERE latest.key = weak.key AND latest.source = weak.source AND latest.retractedAt IS NULL
                        ORDER BY latest.lastSeen DESC, latest.id DESC LIMIT 1) AS matches
                FROM alerts AS weak
                WHERE retractedAt IS NULL AND (score IS NULL OR score < ?)
                GROUP BY key, source
                ORDER BY count DESC, lastSeen DESC, key
                LIMIT ?
                """
            let decoder = JSONDecoder()
            return try Row.fetchAll(db, sql: sql, arguments: [threshold, limit]).map { row in
                let matches: String = row["matches"] ?? "[]"
                return CoverageItem(
                    key: row["key"], source: AlertSource(rawValue: row["source"]) ?? .generic, count: row["count"],
                    alerts: row["alerts"], firstSeen: Date(timeIntervalSince1970: row["firstSeen"]),
                    lastSeen: Date(timeIntervalSince1970: row["lastSeen"]),
                    candidates: try decoder.decode([Match].self, from: Data(matches.utf8))
                )
            }
        }
    }

    /// Deletes old resolved incidents (cascading to their alerts, timelines and payload links), then the
    /// payloads older than the cutoff and the match sets that no alert refers to any more.
    public func prune(olderThan cutoff: Date) async throws -> PruneResult {
        try await pool.write { db in
            let old = "SELECT id FROM incidents WHERE state = 'resolved' AND resolvedAt < ?"
            let time = cutoff.timeIntervalSince1970
            let alerts = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM alerts WHERE incidentID IN (\(old))", arguments: [time]) ?? 0
            try db.execute(sql: "DELETE FROM incidents WHERE id IN (\(old))", arguments: [time])
            let incidents = db.changesCount
            try db.execute(
                sql: """
                    DELETE FROM payloads WHERE receivedAt < ?
                    AND NOT EXISTS (SELECT 1 FROM alertPayloads WHERE alertPayloads.payloadID = payloads.id)
                    """,
                arguments: [time])
            let payloads = db.changesCount
            try MatchSet.deleteUnreferenced(db)
            return PruneResult(incidents: incidents, alerts: alerts, payloads: payloads)
        }
    }
}
