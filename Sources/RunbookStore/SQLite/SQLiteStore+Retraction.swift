import Foundation
import GRDB
import RunbookCore

extension SQLiteStore {
    /// What a retracted alert's or incident's texts become.
    static let retractedText = "[retracted]"

    /// Purges an alert's contents and payloads and records who did it, when and why.
    public func retractAlert(id: Int64, by actor: String, reason: String, at: Date) async throws {
        try await pool.write { db in
            guard var row = try AlertRow.withMatchSets(AlertRow.fetchAll(db, keys: [id]), db).first else {
                throw StoreError.notFound("no alert \(id)")
            }
            guard var incident = try Incident.fetchOne(db, key: row.incidentID) else {
                throw StoreError.notFound("no incident \(row.incidentID)")
            }
            if incident.title == row.title || incident.key == row.key {
                incident.title = Self.retractedText
                incident.key = Self.retractedText
                try incident.update(db)
            }
            try Self.purge(&row, by: actor, at: at, db)
            let machine = IncidentStateMachine(incident: incident)
            try machine.retract(alertKey: row.dedupKey, by: actor, reason: reason, at: at).insert(db)
        }
    }

    /// Purges all of an incident's alerts and its title, with an audit event.
    public func retractIncident(id: Int64, by actor: String, reason: String, at: Date) async throws {
        try await pool.write { db in
            guard var incident = try Incident.fetchOne(db, key: id) else {
                throw StoreError.notFound("no incident \(id)")
            }
            for var row in try AlertRow.withMatchSets(AlertRow.filter(Column("incidentID") == id).fetchAll(db), db) {
                try Self.purge(&row, by: actor, at: at, db)
            }
            incident.title = Self.retractedText
            incident.key = Self.retractedText
            try incident.update(db)
            try Self.purgeDeliveryErrors(incidentID: id, db)
            let machine = IncidentStateMachine(incident: incident)
            try machine.retract(alertKey: nil, by: actor, reason: reason, at: at).insert(db)
        }
    }

    /// Blanks what receivers answered about an incident's deliveries: an answer may echo the message back, and
    /// with it the labels being retracted. Status codes, times and states stay.
    private static func purgeDeliveryErrors(incidentID: Int64, _ db: Database) throws {
        try db.execute(
            sql: "UPDATE deliveries SET lastError = ? WHERE incidentID = ? AND lastError IS NOT NULL",
            arguments: [retractedText, incidentID]
        )
        try db.execute(
            sql: """
                UPDATE deliveryAttempts SET error = ?
                WHERE error IS NOT NULL AND deliveryID IN (SELECT id FROM deliveries WHERE incidentID = ?)
                """,
            arguments: [retractedText, incidentID]
        )
        try db.execute(
            sql: "UPDATE timeline SET detail = ? WHERE incidentID = ? AND kind = ?",
            arguments: [retractedText, incidentID, TimelineEvent.Kind.deliveryFailed.rawValue]
        )
    }

    /// Removes an alert's texts, labels, match evidence and payloads; keeps its identity and counters.
    ///
    /// The alert's matches, without evidence, move into its own row; its match set goes too when no other alert
    /// refers to it (the evidence may quote the alert's labels).
    private static func purge(_ row: inout AlertRow, by actor: String, at: Date, _ db: Database) throws {
        let matchSetID = row.matchSetID
        row.title = retractedText
        row.key = retractedText
        row.text = ""
        row.labels = [:]
        row.annotations = [:]
        row.url = nil
        row.matches = row.matches.map { match in
            Match(entry: match.entry, title: match.title, score: match.score, evidence: [])
        }
        row.matchSetID = nil
        row.retractedAt = at
        row.retractedBy = actor
        try row.update(db)
        if let matchSetID {
            try db.execute(
                sql: """
                    DELETE FROM matchSets WHERE id = ?
                    AND NOT EXISTS (SELECT 1 FROM alerts WHERE alerts.matchSetID = matchSets.id)
                    """,
                arguments: [matchSetID])
        }
        try db.execute(
            sql: "UPDATE timeline SET detail = NULL WHERE incidentID = ? AND alertKey = ? AND kind = ?",
            arguments: [row.incidentID, row.dedupKey, TimelineEvent.Kind.alertFired.rawValue]
        )
        try db.execute(
            sql: "DELETE FROM payloads WHERE id IN (SELECT payloadID FROM alertPayloads WHERE alertID = ?)",
            arguments: [row.id]
        )
    }
}
