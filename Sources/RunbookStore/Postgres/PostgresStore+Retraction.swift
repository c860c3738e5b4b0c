import Foundation
import PostgresNIO
import RunbookCore

extension PostgresStore {
    /// Purges an alert's contents and payloads and records who did it, when and why; its incident is locked.
    public func retractAlert(id: Int64, by actor: String, reason: String, at: Date) async throws {
        let logger = logger
        try await client.transaction(logger: logger) { connection in
            var found: (incidentID: Int64, title: String, key: String, dedupKey: String)?
            for try await row in try await connection.query(
                "SELECT incidentID, title, key, dedupKey FROM alerts WHERE id = \(id)", logger: logger
            ).decode((Int64, String, String, String).self) {
                found = row
            }
            guard let found else { throw StoreError.notFound("no alert \(id)") }
            guard var incident = try await PostgresRecords.incident(
                id: found.incidentID, lock: true, connection, logger: logger)
            else {
                throw StoreError.notFound("no incident \(found.incidentID)")
            }
            if incident.title == found.title || incident.key == found.key {
                incident.title = SQLiteStore.retractedText
                incident.key = SQLiteStore.retractedText
                try await PostgresRecords.update(incident, connection, logger: logger)
            }
            try await Self.purge(alertID: id, by: actor, at: at, connection, logger: logger)
            let event = IncidentStateMachine(incident: incident)
                .retract(alertKey: found.dedupKey, by: actor, reason: reason, at: at)
            _ = try await PostgresRecords.insert(event, connection, logger: logger)
        }
    }

    /// Purges all of an incident's alerts and its title, with an audit event; the incident is locked.
    public func retractIncident(id: Int64, by actor: String, reason: String, at: Date) async throws {
        let logger = logger
        try await client.transaction(logger: logger) { connection in
            guard var incident = try await PostgresRecords.incident(id: id, lock: true, connection, logger: logger)
            else {
                throw StoreError.notFound("no incident \(id)")
            }
            var alertIDs: [Int64] = []
            for try await alertID in try await connection.query(
                "SELECT id FROM alerts WHERE incidentID = \(id) ORDER BY id", logger: logger
            ).decode(Int64.self) {
                alertIDs.append(alertID)
            }
            for alertID in alertIDs {
                try await Self.purge(alertID: alertID, by: actor, at: at, connection, logger: logger)
            }
            incident.title = SQLiteStore.retractedText
            incident.key = SQLiteStore.retractedText
            try await PostgresRecords.update(incident, connection, logger: logger)
            try await Self.purgeDeliveryErrors(incidentID: id, connection, logger: logger)
            let event = IncidentStateMachine(incident: incident)
                .retract(alertKey: nil, by: actor, reason: reason, at: at)
            _ = try await PostgresRecords.insert(event, connection, logger: logger)
        }
    }

    /// Blanks what receivers answered about an incident's deliveries: an answer may echo the message back, and with
    /// it the labels being retracted. Status codes, times and states stay.
    private static func purgeDeliveryErrors(
        incidentID: Int64, _ connection: PostgresConnection, logger: Logger
    ) async throws {
        let text = SQLiteStore.retractedText
        try await connection.query(
            """
            UPDATE deliveries SET lastError = \(text) WHERE incidentID = \(incidentID) AND lastError IS NOT NULL
            """, logger: logger)
        try await connection.query(
            """
            UPDATE deliveryAttempts SET error = \(text)
            WHERE error IS NOT NULL AND deliveryID IN (SELECT id FROM deliveries WHERE incidentID = \(incidentID))
            """, logger: logger)
        try await connection.query(
            """
            UPDATE timeline SET detail = \(text)
            WHERE incidentID = \(incidentID) AND kind = \(TimelineEvent.Kind.deliveryFailed.rawValue)
            """, logger: logger)
    }

    /// Removes an alert's texts, labels, match evidence and payloads; keeps its identity and counters.
    ///
    /// As in SQLite, the matches without evidence move into the alert's own row, and its match set goes when no
    /// other alert refers to it.
    private static func purge(
        alertID: Int64, by actor: String, at: Date, _ connection: PostgresConnection, logger: Logger
    ) async throws {
        var row: (incidentID: Int64, dedupKey: String, matches: String, matchSetID: Int64?)?
        for try await found in try await connection.query(
            """
            SELECT incidentID, dedupKey, COALESCE(matchSets.matches, alerts.matches), matchSetID
            FROM alerts LEFT JOIN matchSets ON matchSets.id = alerts.matchSetID
            WHERE alerts.id = \(alertID) FOR UPDATE OF alerts
            """, logger: logger
        ).decode((Int64, String, String, Int64?).self) {
            row = found
        }
        guard let row else { throw StoreError.notFound("no alert \(alertID)") }
        let matches = try JSONDecoder().decode([Match].self, from: Data(row.matches.utf8)).map { match in
            Match(entry: match.entry, title: match.title, score: match.score, evidence: [])
        }
        let text = SQLiteStore.retractedText
        try await connection.query(
            """
            UPDATE alerts SET title = \(text), key = \(text), text = '', labels = '{}', annotations = '{}', url = NULL,
                matches = \(try SQLiteHotPath.json(matches)), retractedAt = \(at.timeIntervalSince1970),
                retractedBy = \(actor), matchSetID = NULL,
                libraryRevision = COALESCE(
                    libraryRevision, (SELECT libraryRevision FROM matchSets WHERE matchSets.id = alerts.matchSetID))
            WHERE id = \(alertID)
            """, logger: logger)
        if let matchSetID = row.matchSetID {
            try await connection.query(
                """
                DELETE FROM matchSets WHERE id = \(matchSetID)
                AND NOT EXISTS (SELECT 1 FROM alerts WHERE alerts.matchSetID = matchSets.id)
                """, logger: logger)
        }
        try await connection.query(
            """
            UPDATE timeline SET detail = NULL
            WHERE incidentID = \(row.incidentID) AND alertKey = \(row.dedupKey)
                AND kind = \(TimelineEvent.Kind.alertFired.rawValue)
            """, logger: logger)
        try await connection.query(
            """
            DELETE FROM payloads WHERE id IN (SELECT payloadID FROM alertPayloads WHERE alertID = \(alertID))
            """, logger: logger)
    }
}
