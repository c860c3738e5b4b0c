import Foundation
import Logging
import PostgresNIO
import RunbookCore

/// Reads of incidents, alerts and timeline events, decoded by column position.
enum PostgresRecords {
    static let incidentColumns = """
        id, state, key, title, source, severity, groupKey, entryID, score, openedAt, openedBy, acknowledgedAt,
        acknowledgedBy, resolvedAt, resolvedBy, lastSeen, alertCount, firingCount
        """

    /// An incident by id; with `lock`, locked for the rest of the transaction.
    static func incident(
        id: Int64, lock: Bool, _ connection: PostgresConnection, logger: Logger
    ) async throws -> Incident? {
        let sql = "SELECT \(incidentColumns) FROM incidents WHERE id = $1" + (lock ? " FOR UPDATE" : "")
        var bindings = PostgresBindings()
        bindings.append(id)
        return try await first(PostgresQuery(unsafeSQL: sql, binds: bindings), connection, logger: logger)
    }

    /// The newest open incident of a source with this group key, locked for the transaction.
    static func open(
        source: AlertSource, groupKey: String, _ connection: PostgresConnection, logger: Logger
    ) async throws -> Incident? {
        let sql = """
            SELECT \(incidentColumns) FROM incidents WHERE source = $1 AND groupKey = $2 AND state <> 'resolved'
            ORDER BY openedAt DESC, id DESC LIMIT 1 FOR UPDATE
            """
        var bindings = PostgresBindings()
        bindings.append(source.rawValue)
        bindings.append(groupKey)
        return try await first(PostgresQuery(unsafeSQL: sql, binds: bindings), connection, logger: logger)
    }

    /// The incident of a source with this group key resolved last, locked for the transaction.
    static func lastResolved(
        source: AlertSource, groupKey: String, _ connection: PostgresConnection, logger: Logger
    ) async throws -> Incident? {
        let sql = """
            SELECT \(incidentColumns) FROM incidents WHERE source = $1 AND groupKey = $2 AND state = 'resolved'
            ORDER BY resolvedAt DESC, id DESC LIMIT 1 FOR UPDATE
            """
        var bindings = PostgresBindings()
        bindings.append(source.rawValue)
        bindings.append(groupKey)
        return try await first(PostgresQuery(unsafeSQL: sql, binds: bindings), connection, logger: logger)
    }

    /// An incident's alerts, oldest first.
    static func alerts(
        incidentID: Int64, _ connection: PostgresConnection, logger: Logger
    ) async throws -> [StoredAlert] {
        let rows = try await connection.query(
            """
            SELECT alerts.id, incidentID, source, status, dedupKey, groupKey, key, title, text, labels, annotations,
                severity, url, startsAt, endsAt, fireCount, firstSeen, lastSeen, resolvedAt,
                COALESCE(matchSets.matches, alerts.matches),
                COALESCE(matchSets.libraryRevision, alerts.libraryRevision),
                retractedAt, retractedBy
            FROM alerts LEFT JOIN matchSets ON matchSets.id = alerts.matchSetID
            WHERE incidentID = \(incidentID) ORDER BY alerts.id
            """, logger: logger)
        var alerts: [StoredAlert] = []
        let decoder = JSONDecoder()
        for try await row in rows {
            let cells = row.makeRandomAccess()
            let alert = Alert(
                source: try source(cells[2].decode(String.self)), status: try status(cells[3].decode(String.self)),
                labels: try decoder.decode([String: String].self, from: Data(try cells[9].decode(String.self).utf8)),
                annotations: try decoder.decode(
                    [String: String].self, from: Data(try cells[10].decode(String.self).utf8)),
                title: try cells[7].decode(String.self), text: try cells[8].decode(String.self),
                startsAt: try date(cells[13]), endsAt: try date(cells[14]), dedupKey: try cells[4].decode(String.self),
                groupKey: try cells[5].decode(String.self), severity: try cells[11].decode(String?.self),
                url: try cells[12].decode(String?.self))
            alerts.append(StoredAlert(
                id: try cells[0].decode(Int64.self), incidentID: try cells[1].decode(Int64.self), alert: alert,
                key: try cells[6].decode(String.self), fireCount: try cells[15].decode(Int.self),
                firstSeen: try requiredDate(cells[16]), lastSeen: try requiredDate(cells[17]),
                resolvedAt: try date(cells[18]),
                matches: try decoder.decode([Match].self, from: Data(try cells[19].decode(String.self).utf8)),
                libraryRevision: try cells[20].decode(String?.self), retractedAt: try date(cells[21]),
                retractedBy: try cells[22].decode(String?.self)))
        }
        return alerts
    }

    /// An incident's timeline, oldest first.
    static func timeline(
        incidentID: Int64, _ connection: PostgresConnection, logger: Logger
    ) async throws -> [TimelineEvent] {
        let rows = try await connection.query(
            """
            SELECT id, incidentID, at, kind, actor, detail, alertKey, count FROM timeline
            WHERE incidentID = \(incidentID) ORDER BY id
            """, logger: logger)
        var events: [TimelineEvent] = []
        for try await row in rows {
            let cells = row.makeRandomAccess()
            let kindName = try cells[3].decode(String.self)
            guard let kind = TimelineEvent.Kind(rawValue: kindName) else {
                throw PostgresStoreFault("timeline event of unknown kind \(kindName)")
            }
            events.append(TimelineEvent(
                id: try cells[0].decode(Int64.self), incidentID: try cells[1].decode(Int64.self),
                at: try requiredDate(cells[2]), kind: kind, actor: try cells[4].decode(String?.self),
                detail: try cells[5].decode(String?.self), alertKey: try cells[6].decode(String?.self),
                count: try cells[7].decode(Int.self)))
        }
        return events
    }

    /// Saves an incident that already exists.
    static func update(_ incident: Incident, _ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            UPDATE incidents SET state = \(incident.state.rawValue), key = \(incident.key), title = \(incident.title),
                severity = \(incident.severity), entryID = \(incident.entryID), score = \(incident.score),
                acknowledgedAt = \(incident.acknowledgedAt?.timeIntervalSince1970),
                acknowledgedBy = \(incident.acknowledgedBy),
                resolvedAt = \(incident.resolvedAt?.timeIntervalSince1970), resolvedBy = \(incident.resolvedBy),
                lastSeen = \(incident.lastSeen.timeIntervalSince1970), alertCount = \(incident.alertCount),
                firingCount = \(incident.firingCount)
            WHERE id = \(incident.id)
            """, logger: logger)
    }

    /// Appends a timeline event and returns its id.
    static func insert(_ event: TimelineEvent, _ connection: PostgresConnection, logger: Logger) async throws -> Int64 {
        let rows = try await connection.query(
            """
            INSERT INTO timeline (incidentID, at, kind, actor, detail, alertKey, count)
            VALUES (\(event.incidentID), \(event.at.timeIntervalSince1970), \(event.kind.rawValue), \(event.actor),
                \(event.detail), \(event.alertKey), \(event.count))
            RETURNING id
            """, logger: logger)
        for try await id in rows.decode(Int64.self) {
            return id
        }
        throw PostgresStoreFault("a timeline insert returned no id")
    }

    /// The payloads that carried an alert, oldest first.
    static func payloads(
        alertID: Int64, _ connection: PostgresConnection, logger: Logger
    ) async throws -> [StoredPayload] {
        let rows = try await connection.query(
            """
            SELECT payloads.id, payloads.receivedAt, payloads.source, payloads.integration, payloads.contentType,
                payloads.body, payloads.encoding, payloads.size
            FROM payloads JOIN alertPayloads ON alertPayloads.payloadID = payloads.id
            WHERE alertPayloads.alertID = \(alertID) ORDER BY payloads.id
            """, logger: logger)
        var payloads: [StoredPayload] = []
        for try await (id, receivedAt, sourceName, integration, contentType, body, encoding, size) in rows.decode(
            (Int64, Double, String, String?, String?, Data, String?, Int64?).self)
        {
            // Bodies are stored as received here; those copied from SQLite by migrate-store may be compressed.
            payloads.append(StoredPayload(
                id: id, receivedAt: Date(timeIntervalSince1970: receivedAt), source: try source(sourceName),
                integration: integration, contentType: contentType,
                body: try PayloadEncoding.decode(body, encoding: encoding, size: size.map(Int.init), payloadID: id)))
        }
        return payloads
    }

    private static func first(
        _ query: PostgresQuery, _ connection: PostgresConnection, logger: Logger
    ) async throws -> Incident? {
        for try await row in try await connection.query(query, logger: logger) {
            return try incident(row.makeRandomAccess())
        }
        return nil
    }

    /// An incident from a row whose first columns are `incidentColumns`.
    static func incident(_ cells: PostgresRandomAccessRow) throws -> Incident {
        let stateName = try cells[1].decode(String.self)
        guard let state = IncidentState(rawValue: stateName) else {
            throw PostgresStoreFault("incident in unknown state \(stateName)")
        }
        return Incident(
            id: try cells[0].decode(Int64.self), state: state, key: try cells[2].decode(String.self),
            title: try cells[3].decode(String.self), source: try source(cells[4].decode(String.self)),
            severity: try cells[5].decode(String?.self), groupKey: try cells[6].decode(String.self),
            entryID: try cells[7].decode(String?.self), score: try cells[8].decode(Double?.self),
            openedAt: try requiredDate(cells[9]), openedBy: try cells[10].decode(String.self),
            acknowledgedAt: try date(cells[11]), acknowledgedBy: try cells[12].decode(String?.self),
            resolvedAt: try date(cells[13]), resolvedBy: try cells[14].decode(String?.self),
            lastSeen: try requiredDate(cells[15]), alertCount: try cells[16].decode(Int.self),
            firingCount: try cells[17].decode(Int.self))
    }

    private static func date(_ cell: PostgresCell) throws -> Date? {
        try cell.decode(Double?.self).map(Date.init(timeIntervalSince1970:))
    }

    private static func requiredDate(_ cell: PostgresCell) throws -> Date {
        Date(timeIntervalSince1970: try cell.decode(Double.self))
    }

    private static func source(_ name: String) throws -> AlertSource {
        guard let source = AlertSource(rawValue: name) else {
            throw PostgresStoreFault("stored alert of unknown source \(name)")
        }
        return source
    }

    private static func status(_ name: String) throws -> AlertStatus {
        guard let status = AlertStatus(rawValue: name) else {
            throw PostgresStoreFault("stored alert of unknown status \(name)")
        }
        return status
    }
}
