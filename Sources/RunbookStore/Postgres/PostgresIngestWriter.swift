import Foundation
import Logging
import PostgresNIO
import RunbookCore

/// Writes ingest requests on PostgreSQL: payload, alerts (deduplicated), incidents, timeline and the deliveries the
/// planner decides for each incident opened, reopened or resolved, each request in a savepoint of one shared
/// transaction, following the same rules as SQLite (`IncidentTarget`, `PostgresOutbox`).
///
/// Before anything else the transaction takes an advisory lock for every group and dedup key of its alerts, in key
/// order: a node writing alerts of a group waits for another node writing the same group, so the group's open
/// incident and its counters are read and written by one transaction at a time, and two transactions never wait for
/// each other in a circle. The incident rows it reads are locked too (`FOR UPDATE`).
struct PostgresIngestWriter: Sendable {
    let policy: IncidentPolicy
    /// Nil when notifications are off: then ingestion makes no outbox query at all.
    let planner: (any DeliveryPlanning)?
    let logger: Logger

    /// Commits a batch in one transaction, each request in a savepoint after the batch's advisory locks; if that
    /// transaction fails as a whole, gives each request its own (`PostgresPool.commitBatch`).
    func commit(
        _ batch: [IngestRequest], to client: PostgresPool
    ) async -> (results: [Result<IngestResult, any Error>], transactions: Int) {
        await client.commitBatchAbandoning(batch, logger: logger) {
            await client.commitBatch(
                batch, operation: .ingestCommit, logger: logger,
                prepare: { requests, connection in try await lock(requests, connection) },
                apply: { request, connection in try await apply(request, connection) })
        }
    }

    /// Takes the transaction's advisory locks: one per group key and per dedup key of the batch's alerts, sorted.
    private func lock(_ batch: [IngestRequest], _ connection: PostgresConnection) async throws {
        var keys = Set<Int64>()
        for request in batch {
            for item in request.alerts {
                keys.insert(Self.lockKey("group", item.alert.source, IncidentGroup.key(for: item.alert, key: item.key)))
                keys.insert(Self.lockKey("dedup", item.alert.source, item.alert.dedupKey))
            }
        }
        guard !keys.isEmpty else { return }
        let sorted = keys.sorted()
        try await connection.query(
            """
            SELECT count(pg_advisory_xact_lock(key))
            FROM (SELECT key FROM unnest(\(sorted)::bigint[]) AS key ORDER BY key) AS keys
            """, logger: logger)
    }

    private func apply(_ request: IngestRequest, _ connection: PostgresConnection) async throws -> IngestResult {
        let payloadID = try await insertPayload(request, connection)
        var incidentIDs: [Int64] = []
        var queued = 0
        for (index, item) in request.alerts.enumerated() {
            try item.validate(index: index, source: request.source)
            let at = request.receivedAt
            let touched: Int64? = switch item.alert.status {
            case .firing: try await fire(item, payloadID: payloadID, at: at, queued: &queued, connection)
            case .resolved: try await clear(item, payloadID: payloadID, at: at, queued: &queued, connection)
            }
            if let touched, !incidentIDs.contains(touched) {
                incidentIDs.append(touched)
            }
        }
        return IngestResult(accepted: request.alerts.count, incidentIDs: incidentIDs, queuedDeliveries: queued)
    }

    private func fire(
        _ item: IngestAlert, payloadID: Int64, at: Date, queued: inout Int, _ connection: PostgresConnection
    ) async throws -> Int64 {
        let alert = item.alert
        let latest = try await latestRow(source: alert.source, dedupKey: alert.dedupKey, connection)
        let groupKey = IncidentGroup.key(for: alert, key: item.key)
        let ofAlert: Incident? = if let latest {
            try await PostgresRecords.incident(id: latest.incidentID, lock: true, connection, logger: logger)
        } else {
            nil
        }
        // The rule asks lazily; PostgreSQL's lookups are async, so the two group lookups are made only when needed.
        var openInGroup: Incident?
        var lastResolvedInGroup: Incident?
        if ofAlert?.state.isOpen != true {
            openInGroup = try await PostgresRecords.open(
                source: alert.source, groupKey: groupKey, connection, logger: logger)
            if openInGroup == nil {
                lastResolvedInGroup = try await PostgresRecords.lastResolved(
                    source: alert.source, groupKey: groupKey, connection, logger: logger)
            }
        }
        let candidate = IncidentTarget.candidate(
            ofAlert: ofAlert, openInGroup: { openInGroup }, lastResolvedInGroup: { lastResolvedInGroup })
        var row: AlertRow?
        if let candidate {
            row = latest?.incidentID == candidate.id
                ? latest : try await alertRow(incidentID: candidate.id, alert: alert, connection)
        }
        let incidentID: Int64
        switch IncidentTarget.fire(
            alert, into: candidate, previous: row?.status, match: item.matches.first, at: at, policy: policy)
        {
        case .existing(let machine, let action):
            try await record(action, machine, connection)
            if action.recorded(.reopened) {
                queued += try await notify(.opened, machine.incident, labels: alert.labels, at: at, connection)
            }
            incidentID = machine.incident.id
        case .new:
            let opened = IncidentStateMachine.open(
                id: try await nextIncidentID(connection), alert: alert, key: item.key, match: item.matches.first,
                at: at, policy: policy)
            try await insert(opened.machine.incident, connection)
            for event in opened.events {
                _ = try await PostgresRecords.insert(event, connection, logger: logger)
            }
            incidentID = opened.machine.incident.id
            queued += try await notify(.opened, opened.machine.incident, labels: alert.labels, at: at, connection)
            row = nil
        }
        let alertID: Int64
        if let row {
            try await refire(row, with: item, at: at, connection)
            alertID = row.id
        } else {
            alertID = try await insertAlert(item, incidentID: incidentID, at: at, connection)
        }
        try await link(alertID: alertID, payloadID: payloadID, connection)
        return incidentID
    }

    private func clear(
        _ item: IngestAlert, payloadID: Int64, at: Date, queued: inout Int, _ connection: PostgresConnection
    ) async throws -> Int64? {
        let alert = item.alert
        guard let row = try await latestRow(source: alert.source, dedupKey: alert.dedupKey, connection) else {
            return nil
        }
        try await connection.query(
            """
            UPDATE alerts SET status = 'resolved', resolvedAt = COALESCE(resolvedAt, \(at.timeIntervalSince1970)),
                endsAt = COALESCE(\(alert.endsAt?.timeIntervalSince1970), endsAt)
            WHERE id = \(row.id)
            """, logger: logger)
        try await link(alertID: row.id, payloadID: payloadID, connection)
        guard let incident = try await PostgresRecords.incident(
            id: row.incidentID, lock: true, connection, logger: logger)
        else { return nil }
        var machine = IncidentStateMachine(incident: incident, policy: policy)
        let action = machine.alertResolved(dedupKey: alert.dedupKey, previous: row.status, at: at)
        try await record(action, machine, connection)
        if action.recorded(.resolved) {
            queued += try await notify(.resolved, machine.incident, labels: alert.labels, at: at, connection)
        }
        return row.incidentID
    }

    private func record(
        _ action: IncidentAction, _ machine: IncidentStateMachine, _ connection: PostgresConnection
    ) async throws {
        switch action {
        case .recorded(let events):
            try await PostgresRecords.update(machine.incident, connection, logger: logger)
            for event in events {
                _ = try await PostgresRecords.insert(event, connection, logger: logger)
            }
        case .refired(let event):
            try await PostgresRecords.update(machine.incident, connection, logger: logger)
            let updated = try await connection.query(
                """
                UPDATE timeline SET count = count + 1
                WHERE incidentID = \(event.incidentID) AND alertKey = \(event.alertKey) AND kind = 'alertRefired'
                RETURNING id
                """, logger: logger)
            var counted = false
            for try await _ in updated {
                counted = true
            }
            if !counted {
                _ = try await PostgresRecords.insert(event, connection, logger: logger)
            }
        case .openNew, .unchanged:
            break
        }
    }

    /// Plans and writes the deliveries of an incident change, when a planner is configured.
    private func notify(
        _ kind: IncidentChange.Kind, _ incident: Incident, labels: [String: String], at: Date,
        _ connection: PostgresConnection
    ) async throws -> Int {
        guard let planner else { return 0 }
        let change = IncidentChange(
            incident: incident, kind: kind, labels: labels, at: at, actor: incident.source.rawValue)
        return try await PostgresOutbox.plan(change, with: planner, connection, logger: logger)
    }

    /// Just what ingestion needs to know of an alert's row.
    private struct AlertRow {
        var id: Int64
        var incidentID: Int64
        var status: AlertStatus
    }

    /// The newest row of an alert, whichever incident holds it.
    private func latestRow(
        source: AlertSource, dedupKey: String, _ connection: PostgresConnection
    ) async throws -> AlertRow? {
        try await alertRow(
            """
            SELECT id, incidentID, status FROM alerts WHERE source = \(source.rawValue) AND dedupKey = \(dedupKey)
            ORDER BY id DESC LIMIT 1
            """, connection)
    }

    /// The alert's row in one incident.
    private func alertRow(incidentID: Int64, alert: Alert, _ connection: PostgresConnection) async throws -> AlertRow? {
        try await alertRow(
            """
            SELECT id, incidentID, status FROM alerts
            WHERE incidentID = \(incidentID) AND source = \(alert.source.rawValue) AND dedupKey = \(alert.dedupKey)
            """, connection)
    }

    private func alertRow(_ query: PostgresQuery, _ connection: PostgresConnection) async throws -> AlertRow? {
        for try await (id, incidentID, status) in try await connection.query(query, logger: logger)
            .decode((Int64, Int64, String).self)
        {
            return AlertRow(id: id, incidentID: incidentID, status: AlertStatus(rawValue: status) ?? .firing)
        }
        return nil
    }

    /// A new incident id from the table's sequence: never one used before, even by an incident since pruned.
    private func nextIncidentID(_ connection: PostgresConnection) async throws -> Int64 {
        let rows = try await connection.query(
            "SELECT nextval(pg_get_serial_sequence('incidents', 'id'))", logger: logger)
        for try await id in rows.decode(Int64.self) {
            return id
        }
        throw PostgresStoreFault("the incidents sequence gave no id")
    }

    private func insertPayload(_ request: IngestRequest, _ connection: PostgresConnection) async throws -> Int64 {
        try await returningID(
            """
            INSERT INTO payloads (receivedAt, source, integration, contentType, body)
            VALUES (\(request.receivedAt.timeIntervalSince1970), \(request.source.rawValue), \(request.integration),
                \(request.contentType), \(request.payload))
            RETURNING id
            """, connection)
    }

    private func insert(_ incident: Incident, _ connection: PostgresConnection) async throws {
        try await connection.query(
            """
            INSERT INTO incidents (id, state, key, title, source, severity, groupKey, entryID, score, openedAt,
                openedBy, acknowledgedAt, acknowledgedBy, resolvedAt, resolvedBy, lastSeen, alertCount, firingCount)
            VALUES (\(incident.id), \(incident.state.rawValue), \(incident.key), \(incident.title),
                \(incident.source.rawValue), \(incident.severity), \(incident.groupKey), \(incident.entryID),
                \(incident.score), \(incident.openedAt.timeIntervalSince1970), \(incident.openedBy),
                \(incident.acknowledgedAt?.timeIntervalSince1970), \(incident.acknowledgedBy),
                \(incident.resolvedAt?.timeIntervalSince1970), \(incident.resolvedBy),
                \(incident.lastSeen.timeIntervalSince1970), \(incident.alertCount), \(incident.firingCount))
            """, logger: logger)
    }

    private func insertAlert(
        _ item: IngestAlert, incidentID: Int64, at: Date, _ connection: PostgresConnection
    ) async throws -> Int64 {
        let alert = item.alert
        let time = at.timeIntervalSince1970
        let (matchSetID, revision) = try await storedMatches(item, connection)
        return try await returningID(
            """
            INSERT INTO alerts (incidentID, source, status, dedupKey, groupKey, key, title, text, labels, annotations,
                severity, url, startsAt, endsAt, fireCount, firstSeen, lastSeen, entryID, score, matches,
                libraryRevision, matchSetID)
            VALUES (\(incidentID), \(alert.source.rawValue), 'firing', \(alert.dedupKey), \(alert.groupKey),
                \(item.key), \(alert.title), \(alert.text), \(SQLiteHotPath.json(alert.labels)),
                \(SQLiteHotPath.json(alert.annotations)), \(alert.severity), \(alert.url),
                \(alert.startsAt?.timeIntervalSince1970), \(alert.endsAt?.timeIntervalSince1970), 1, \(time), \(time),
                \(item.matches.first?.entry), \(item.matches.first?.score), '[]', \(revision), \(matchSetID))
            RETURNING id
            """, connection)
    }

    private func refire(_ row: AlertRow, with item: IngestAlert, at: Date, _ connection: PostgresConnection)
        async throws
    {
        let alert = item.alert
        let (matchSetID, revision) = try await storedMatches(item, connection)
        try await connection.query(
            """
            UPDATE alerts SET status = 'firing', fireCount = fireCount + 1, lastSeen = \(at.timeIntervalSince1970),
                resolvedAt = NULL, key = \(item.key), title = \(alert.title), text = \(alert.text),
                labels = \(SQLiteHotPath.json(alert.labels)), annotations = \(SQLiteHotPath.json(alert.annotations)),
                severity = \(alert.severity), url = \(alert.url), startsAt = \(alert.startsAt?.timeIntervalSince1970),
                endsAt = \(alert.endsAt?.timeIntervalSince1970), entryID = \(item.matches.first?.entry),
                score = \(item.matches.first?.score), matches = '[]', libraryRevision = \(revision),
                matchSetID = \(matchSetID)
            WHERE id = \(row.id)
            """, logger: logger)
    }

    /// The id of the alert's match set (found, else inserted) and nil, or, when nothing matched, no set and the
    /// revision for the alert's own column (as in SQLite).
    ///
    /// The set is read `FOR KEY SHARE`: a prune deleting unreferenced sets at the same time waits for this
    /// transaction, and then fails on the foreign key (to run again next time) instead of taking the set from under
    /// this alert. A set another node inserts at the same time is found once that insert commits (`ON CONFLICT DO
    /// NOTHING`, then read again).
    private func storedMatches(
        _ item: IngestAlert, _ connection: PostgresConnection
    ) async throws -> (setID: Int64?, revision: String?) {
        guard let set = try item.storedMatchSet() else { return (nil, item.libraryRevision) }
        let find: PostgresQuery = "SELECT id FROM matchSets WHERE digest = \(set.digest) FOR KEY SHARE"
        for try await id in try await connection.query(find, logger: logger).decode(Int64.self) {
            return (id, nil)
        }
        let insert: PostgresQuery = """
            INSERT INTO matchSets (digest, libraryRevision, matches)
            VALUES (\(set.digest), \(set.libraryRevision), \(set.json))
            ON CONFLICT (digest) DO NOTHING RETURNING id
            """
        for try await id in try await connection.query(insert, logger: logger).decode(Int64.self) {
            return (id, nil)
        }
        for try await id in try await connection.query(find, logger: logger).decode(Int64.self) {
            return (id, nil)
        }
        throw PostgresStoreFault("match set \(set.digest) neither inserted nor found")
    }

    private func link(alertID: Int64, payloadID: Int64, _ connection: PostgresConnection) async throws {
        try await connection.query(
            """
            INSERT INTO alertPayloads (alertID, payloadID) VALUES (\(alertID), \(payloadID))
            ON CONFLICT DO NOTHING
            """, logger: logger)
    }

    private func returningID(_ query: PostgresQuery, _ connection: PostgresConnection) async throws -> Int64 {
        for try await id in try await connection.query(query, logger: logger).decode(Int64.self) {
            return id
        }
        throw PostgresStoreFault("an insert returned no id")
    }

    /// A lock key the same on every node: FNV-1a of the kind, source and key (Swift's `Hasher` is seeded per process).
    static func lockKey(_ kind: String, _ source: AlertSource, _ key: String) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in [kind, source.rawValue, key].joined(separator: "\u{0}").utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return Int64(bitPattern: hash)
    }
}
