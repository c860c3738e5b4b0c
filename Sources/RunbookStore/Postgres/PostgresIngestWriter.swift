import Foundation
import Logging
import PostgresNIO
import RunbookCore

/// Writes ingest requests on PostgreSQL: payload, alerts (deduplicated), incidents, timeline and the deliveries the
/// planner decides for each incident opened, reopened or resolved, a batch of requests in one transaction, following
/// the same rules as SQLite (`IncidentTarget`, `PostgresOutbox`).
///
/// Before anything else the transaction takes an advisory lock for every group and dedup key of its alerts, in key
/// order: a node writing alerts of a group waits for another node writing the same group, so the group's open
/// incident and its counters are read and written by one transaction at a time, and two transactions never wait for
/// each other in a circle. The incident rows it reads are locked too (`FOR UPDATE`).
///
/// Round trips per batch: the requests are checked before the transaction (a request that fails its checks fails
/// alone and is left out, so no savepoint is needed), the payloads are one multi-row insert, the match sets one
/// read (and one insert for the new ones), the links between alerts and payloads one insert at the end, and timeline
/// events are written together whenever something is about to read the timeline, and at the end. What stays per
/// alert are the reads and writes of its incident and its own row, whose results the next alert may depend on.
struct PostgresIngestWriter: Sendable {
    let policy: IncidentPolicy
    /// Nil when notifications are off: then ingestion makes no outbox query at all.
    let planner: (any DeliveryPlanning)?
    let logger: Logger

    /// Commits a batch in one transaction; if that transaction fails as a whole (a lost connection, a deadlock, a
    /// fault in one request's data), gives each request its own, so that one bad request does not fail the others.
    func commit(
        _ batch: [IngestRequest], to client: PostgresPool
    ) async -> (results: [Result<IngestResult, any Error>], transactions: Int) {
        await client.commitBatchAbandoning(batch, logger: logger) {
            await commitChecked(batch, to: client)
        }
    }

    private func commitChecked(
        _ batch: [IngestRequest], to client: PostgresPool
    ) async -> (results: [Result<IngestResult, any Error>], transactions: Int) {
        var failures: [Int: any Error] = [:]
        for (index, request) in batch.enumerated() {
            do {
                try Self.check(request)
            } catch {
                failures[index] = error
            }
        }
        let checked = batch.indices.filter { failures[$0] == nil }
        var written: [Int: IngestResult] = [:]
        var transactions = 0
        if !checked.isEmpty {
            transactions += 1
            do {
                let results = try await client.transaction(.ingestCommit, logger: logger) { connection in
                    try await write(checked.map { batch[$0] }, connection)
                }
                for (index, result) in zip(checked, results) {
                    written[index] = result
                }
            } catch {
                for index in checked {
                    transactions += 1
                    do {
                        let results = try await client.transaction(.ingestCommit, logger: logger) { connection in
                            try await write([batch[index]], connection)
                        }
                        written[index] = results.first
                    } catch {
                        failures[index] = error
                    }
                }
            }
        }
        let results = batch.indices.map { index -> Result<IngestResult, any Error> in
            if let result = written[index] {
                return .success(result)
            }
            return .failure(failures[index] ?? PostgresStoreFault("request \(index) of a batch was not written"))
        }
        return (results, transactions)
    }

    /// The checks a request must pass before it is written (`IngestAlert.validate`), each alert by its index.
    static func check(_ request: IngestRequest) throws {
        for (index, item) in request.alerts.enumerated() {
            try item.validate(index: index, source: request.source)
        }
    }

    /// A source and a dedup or group key.
    private struct Name: Hashable {
        var source: AlertSource
        var key: String
    }

    /// What a batch knows of the rows it reads, and what it writes later rather than alert by alert.
    ///
    /// The batch holds the advisory locks of all its dedup and group keys and the row locks of the incidents it read,
    /// so nobody else changes these rows until it commits: what it read once, and then wrote itself, stays true.
    private struct Deferred {
        /// Match set ids by digest, read or inserted before the first alert.
        var matchSets: [String: Int64]
        /// The newest row of each of the batch's alerts (nil: it has none), read before the first alert and kept
        /// up to date by the batch's own writes.
        var latest: [Name: AlertRow?] = [:]
        /// The open incident of each of the batch's groups (nil: none; at most one, `incidents_one_open`), locked.
        var open: [Name: Incident?] = [:]
        /// Every incident the batch has locked or written, as it is now.
        var incidents: [Int64: Incident] = [:]
        /// Incidents changed and not yet saved.
        var updates: [Int64: Incident] = [:]
        /// Timeline events not yet inserted, in order.
        var events: [TimelineEvent] = []
        /// Alert and payload ids to link.
        var links: [(alertID: Int64, payloadID: Int64)] = []

        /// Notes an incident read (and locked) or written.
        mutating func remember(_ incident: Incident) {
            incidents[incident.id] = incident
            let group = Name(source: incident.source, key: incident.groupKey)
            if incident.state.isOpen {
                open[group] = .some(incident)
            } else if case .some(.some(let known)) = open[group], known.id == incident.id {
                open[group] = .some(nil)
            }
        }

        /// Notes an incident changed, to be saved before anything reads incidents from the database.
        mutating func save(_ incident: Incident) {
            remember(incident)
            updates[incident.id] = incident
        }
    }

    /// Writes checked requests in the caller's transaction and returns their results in order.
    private func write(_ requests: [IngestRequest], _ connection: PostgresConnection) async throws -> [IngestResult] {
        // Compressed before the locks are taken, so that other nodes' batches do not wait on zlib.
        let bodies = requests.map { PayloadEncoding.encode($0.payload) }
        try await lock(requests, connection)
        let payloadIDs = try await insertPayloads(requests, bodies: bodies, connection)
        var deferred = Deferred(matchSets: try await storedMatchSets(requests, connection))
        try await readLatest(requests, &deferred, connection)
        try await readOpen(requests, &deferred, connection)
        var results: [IngestResult] = []
        for (request, payloadID) in zip(requests, payloadIDs) {
            results.append(try await apply(request, payloadID: payloadID, &deferred, connection))
        }
        try await updateIncidents(&deferred, connection)
        try await insertEvents(&deferred, connection)
        try await insertLinks(deferred.links, connection)
        return results
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

    private func apply(
        _ request: IngestRequest, payloadID: Int64, _ deferred: inout Deferred, _ connection: PostgresConnection
    ) async throws -> IngestResult {
        var incidentIDs: [Int64] = []
        var queued = 0
        for item in request.alerts {
            let at = request.receivedAt
            let touched: Int64? = switch item.alert.status {
            case .firing: try await fire(item, payloadID: payloadID, at: at, queued: &queued, &deferred, connection)
            case .resolved:
                try await clear(item, payloadID: payloadID, at: at, queued: &queued, &deferred, connection)
            }
            if let touched, !incidentIDs.contains(touched) {
                incidentIDs.append(touched)
            }
        }
        return IngestResult(accepted: request.alerts.count, incidentIDs: incidentIDs, queuedDeliveries: queued)
    }

    private func fire(
        _ item: IngestAlert, payloadID: Int64, at: Date, queued: inout Int, _ deferred: inout Deferred,
        _ connection: PostgresConnection
    ) async throws -> Int64 {
        let alert = item.alert
        let name = Name(source: alert.source, key: alert.dedupKey)
        let latest = try await latestRow(name, &deferred, connection)
        let group = Name(source: alert.source, key: IncidentGroup.key(for: alert, key: item.key))
        let ofAlert: Incident? = if let latest {
            try await incident(id: latest.incidentID, &deferred, connection)
        } else {
            nil
        }
        // The rule asks lazily; PostgreSQL's lookups are async, so the two group lookups are made only when needed.
        var openInGroup: Incident?
        var lastResolvedInGroup: Incident?
        if ofAlert?.state.isOpen != true {
            if let known = deferred.open[group] {
                openInGroup = known
            } else {
                try await updateIncidents(&deferred, connection)
                openInGroup = try await PostgresRecords.open(
                    source: alert.source, groupKey: group.key, connection, logger: logger)
                deferred.open[group] = .some(openInGroup)
                if let openInGroup { deferred.remember(openInGroup) }
            }
            if openInGroup == nil {
                try await updateIncidents(&deferred, connection)
                lastResolvedInGroup = try await PostgresRecords.lastResolved(
                    source: alert.source, groupKey: group.key, connection, logger: logger)
                if let lastResolvedInGroup { deferred.remember(lastResolvedInGroup) }
            }
        }
        let candidate = IncidentTarget.candidate(
            ofAlert: ofAlert, openInGroup: { openInGroup }, lastResolvedInGroup: { lastResolvedInGroup })
        // With no row of the alert anywhere (`latest` nil, and the dedup key locked), it has none in the candidate.
        var row: AlertRow?
        if let candidate, let latest {
            row = latest.incidentID == candidate.id
                ? latest : try await alertRow(incidentID: candidate.id, alert: alert, connection)
        }
        let incidentID: Int64
        switch IncidentTarget.fire(
            alert, into: candidate, previous: row?.status, match: item.matches.first, at: at, policy: policy)
        {
        case .existing(let machine, let action):
            try await record(action, machine, &deferred, connection)
            if action.recorded(.reopened) {
                queued += try await notify(
                    .opened, machine.incident, labels: alert.labels, at: at, &deferred, connection)
            }
            incidentID = machine.incident.id
        case .new:
            let opened = IncidentStateMachine.open(
                id: try await nextIncidentID(connection), alert: alert, key: item.key, match: item.matches.first,
                at: at, policy: policy)
            // The group's open incident may have been resolved in this batch: saved first, for `incidents_one_open`.
            try await updateIncidents(&deferred, connection)
            try await insert(opened.machine.incident, connection)
            deferred.remember(opened.machine.incident)
            deferred.events += opened.events
            incidentID = opened.machine.incident.id
            queued += try await notify(
                .opened, opened.machine.incident, labels: alert.labels, at: at, &deferred, connection)
            row = nil
        }
        let alertID: Int64
        if let row {
            try await refire(row, with: item, at: at, deferred, connection)
            alertID = row.id
            if case .some(.some(var known)) = deferred.latest[name], known.id == row.id {
                known.status = .firing
                deferred.latest[name] = .some(known)
            }
        } else {
            alertID = try await insertAlert(item, incidentID: incidentID, at: at, deferred, connection)
            deferred.latest[name] = .some(AlertRow(id: alertID, incidentID: incidentID, status: .firing))
        }
        deferred.links.append((alertID, payloadID))
        return incidentID
    }

    private func clear(
        _ item: IngestAlert, payloadID: Int64, at: Date, queued: inout Int, _ deferred: inout Deferred,
        _ connection: PostgresConnection
    ) async throws -> Int64? {
        let alert = item.alert
        let name = Name(source: alert.source, key: alert.dedupKey)
        guard let row = try await latestRow(name, &deferred, connection) else {
            return nil
        }
        try await connection.query(
            """
            UPDATE alerts SET status = 'resolved', resolvedAt = COALESCE(resolvedAt, \(at.timeIntervalSince1970)),
                endsAt = COALESCE(\(alert.endsAt?.timeIntervalSince1970), endsAt)
            WHERE id = \(row.id)
            """, logger: logger)
        deferred.links.append((row.id, payloadID))
        deferred.latest[name] = .some(AlertRow(id: row.id, incidentID: row.incidentID, status: .resolved))
        guard let incident = try await incident(id: row.incidentID, &deferred, connection) else { return nil }
        var machine = IncidentStateMachine(incident: incident, policy: policy)
        let action = machine.alertResolved(dedupKey: alert.dedupKey, previous: row.status, at: at)
        try await record(action, machine, &deferred, connection)
        if action.recorded(.resolved) {
            queued += try await notify(.resolved, machine.incident, labels: alert.labels, at: at, &deferred, connection)
        }
        return row.incidentID
    }

    private func record(
        _ action: IncidentAction, _ machine: IncidentStateMachine, _ deferred: inout Deferred,
        _ connection: PostgresConnection
    ) async throws {
        switch action {
        case .recorded(let events):
            deferred.save(machine.incident)
            deferred.events += events
        case .refired(let event):
            deferred.save(machine.incident)
            // The count is kept on the timeline's rows: the events this batch has not written yet go in first.
            try await insertEvents(&deferred, connection)
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
                deferred.events.append(event)
            }
        case .openNew, .unchanged:
            break
        }
    }

    /// Plans and writes the deliveries of an incident change, when a planner is configured (after the events not
    /// yet written, which come before the planner's own in the timeline).
    private func notify(
        _ kind: IncidentChange.Kind, _ incident: Incident, labels: [String: String], at: Date,
        _ deferred: inout Deferred, _ connection: PostgresConnection
    ) async throws -> Int {
        guard let planner else { return 0 }
        try await updateIncidents(&deferred, connection)
        try await insertEvents(&deferred, connection)
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

    /// The newest row of an alert, whichever incident holds it: as the batch knows it, else read.
    private func latestRow(
        _ name: Name, _ deferred: inout Deferred, _ connection: PostgresConnection
    ) async throws -> AlertRow? {
        if let known = deferred.latest[name] {
            return known
        }
        let row = try await alertRow(
            """
            SELECT id, incidentID, status FROM alerts WHERE source = \(name.source.rawValue) AND dedupKey = \(name.key)
            ORDER BY id DESC LIMIT 1
            """, connection)
        deferred.latest[name] = .some(row)
        return row
    }

    /// Reads the newest row of every alert of the batch, in one statement (the batch holds their dedup keys' locks).
    private func readLatest(
        _ requests: [IngestRequest], _ deferred: inout Deferred, _ connection: PostgresConnection
    ) async throws {
        let names = Set(requests.flatMap { $0.alerts.map { Name(source: $0.alert.source, key: $0.alert.dedupKey) } })
        guard !names.isEmpty else { return }
        for name in names {
            deferred.latest[name] = .some(nil)
        }
        let sources = names.map(\.source.rawValue)
        let keys = names.map(\.key)
        let rows = try await connection.query(
            """
            SELECT wanted.source, wanted.dedupKey, newest.id, newest.incidentID, newest.status
            FROM unnest(\(sources)::text[], \(keys)::text[]) AS wanted (source, dedupKey)
            CROSS JOIN LATERAL (
                SELECT id, incidentID, status FROM alerts
                WHERE alerts.source = wanted.source AND alerts.dedupKey = wanted.dedupKey ORDER BY id DESC LIMIT 1
            ) AS newest
            """, logger: logger)
        for try await (source, key, id, incidentID, status) in rows.decode((String, String, Int64, Int64, String).self) {
            guard let source = AlertSource(rawValue: source) else { continue }
            deferred.latest[Name(source: source, key: key)] = .some(
                AlertRow(id: id, incidentID: incidentID, status: AlertStatus(rawValue: status) ?? .firing))
        }
    }

    /// Reads and locks the open incident of every group the batch's firing alerts may join, in one statement (the
    /// batch holds the groups' locks).
    private func readOpen(
        _ requests: [IngestRequest], _ deferred: inout Deferred, _ connection: PostgresConnection
    ) async throws {
        let groups = Set(requests.flatMap { request in
            request.alerts.filter { $0.alert.status == .firing }.map { item in
                Name(source: item.alert.source, key: IncidentGroup.key(for: item.alert, key: item.key))
            }
        })
        guard !groups.isEmpty else { return }
        for group in groups {
            deferred.open[group] = .some(nil)
        }
        let ordered = groups.sorted { ($0.source.rawValue, $0.key) < ($1.source.rawValue, $1.key) }
        let sources = ordered.map(\.source.rawValue)
        let keys = ordered.map(\.key)
        let sql = """
            SELECT found.* FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS wanted (source, groupKey, position)
            CROSS JOIN LATERAL (
                SELECT \(PostgresRecords.incidentColumns) FROM incidents
                WHERE incidents.source = wanted.source AND incidents.groupKey = wanted.groupKey
                    AND state <> 'resolved'
                ORDER BY openedAt DESC, id DESC LIMIT 1 FOR UPDATE
            ) AS found
            ORDER BY wanted.position
            """
        var bindings = PostgresBindings()
        bindings.append(sources)
        bindings.append(keys)
        for try await row in try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger) {
            deferred.remember(try PostgresRecords.incident(row.makeRandomAccess()))
        }
    }

    /// An incident by id, locked: as the batch knows it, else read (and locked).
    private func incident(
        id: Int64, _ deferred: inout Deferred, _ connection: PostgresConnection
    ) async throws -> Incident? {
        if let known = deferred.incidents[id] {
            return known
        }
        let incident = try await PostgresRecords.incident(id: id, lock: true, connection, logger: logger)
        if let incident { deferred.remember(incident) }
        return incident
    }

    /// Saves the incidents the batch changed, in one statement per 2,000.
    private func updateIncidents(_ deferred: inout Deferred, _ connection: PostgresConnection) async throws {
        guard !deferred.updates.isEmpty else { return }
        let incidents = deferred.updates.values.sorted { $0.id < $1.id }
        deferred.updates.removeAll()
        for start in stride(from: 0, to: incidents.count, by: 2_000) {
            var sql = PostgresQueryBuilder(
                """
                UPDATE incidents SET state = saved.state, key = saved.key, title = saved.title,
                    severity = saved.severity, entryID = saved.entryID, score = saved.score,
                    acknowledgedAt = saved.acknowledgedAt, acknowledgedBy = saved.acknowledgedBy,
                    resolvedAt = saved.resolvedAt, resolvedBy = saved.resolvedBy, lastSeen = saved.lastSeen,
                    alertCount = saved.alertCount, firingCount = saved.firingCount
                FROM (VALUES
                """)
            for (index, incident) in incidents[start..<min(incidents.count, start + 2_000)].enumerated() {
                let values = [
                    sql.bind(incident.id) + "::bigint", sql.bind(incident.state.rawValue) + "::text",
                    sql.bind(incident.key) + "::text", sql.bind(incident.title) + "::text",
                    sql.bind(incident.severity) + "::text", sql.bind(incident.entryID) + "::text",
                    sql.bind(incident.score) + "::double precision",
                    sql.bind(incident.acknowledgedAt?.timeIntervalSince1970) + "::double precision",
                    sql.bind(incident.acknowledgedBy) + "::text",
                    sql.bind(incident.resolvedAt?.timeIntervalSince1970) + "::double precision",
                    sql.bind(incident.resolvedBy) + "::text",
                    sql.bind(incident.lastSeen.timeIntervalSince1970) + "::double precision",
                    sql.bind(incident.alertCount) + "::integer", sql.bind(incident.firingCount) + "::integer",
                ]
                sql.append((index == 0 ? "(" : ", (") + values.joined(separator: ", ") + ")")
            }
            sql.append(
                """
                ) AS saved (id, state, key, title, severity, entryID, score, acknowledgedAt, acknowledgedBy,
                    resolvedAt, resolvedBy, lastSeen, alertCount, firingCount)
                WHERE incidents.id = saved.id
                """)
            try await connection.query(sql.query, logger: logger)
        }
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

    /// Inserts the requests' payloads in one statement; returns their ids in the requests' order (the rows of one
    /// insert take their ids in order, so the returned ids sorted are the requests' ids).
    ///
    /// `bodies` are the requests' bodies as `PayloadEncoding.encode` gives them: PostgreSQL compresses only values
    /// over about 2 KB itself, and a notification of one alert is a quarter of that.
    private func insertPayloads(
        _ requests: [IngestRequest], bodies: [(body: Data, encoding: PayloadEncoding?)],
        _ connection: PostgresConnection
    ) async throws -> [Int64] {
        var sql = PostgresQueryBuilder(
            "INSERT INTO payloads (receivedAt, source, integration, contentType, body, encoding, size) VALUES ")
        for (index, (request, stored)) in zip(requests, bodies).enumerated() {
            let values = [
                sql.bind(request.receivedAt.timeIntervalSince1970), sql.bind(request.source.rawValue),
                sql.bind(request.integration), sql.bind(request.contentType),
                sql.bind(ByteBuffer(bytes: stored.body)), sql.bind(stored.encoding?.rawValue),
                sql.bind(stored.encoding == nil ? nil : Int64(request.payload.count)),
            ]
            sql.append((index == 0 ? "(" : ", (") + values.joined(separator: ", ") + ")")
        }
        sql.append(" RETURNING id")
        var ids: [Int64] = []
        for try await id in try await connection.query(sql.query, logger: logger).decode(Int64.self) {
            ids.append(id)
        }
        guard ids.count == requests.count else {
            throw PostgresStoreFault("\(requests.count) payloads inserted, \(ids.count) ids returned")
        }
        return ids.sorted()
    }

    /// The ids of the match sets the batch's firing alerts refer to, by digest: read (`FOR KEY SHARE`), and the
    /// ones not found inserted, in two statements whatever the batch's size.
    ///
    /// The sets are read `FOR KEY SHARE`: a prune deleting unreferenced sets at the same time waits for this
    /// transaction, and then fails on the foreign key (to run again next time) instead of taking the set from under
    /// this batch's alerts. A set another node inserts at the same time is found once that insert commits (`ON
    /// CONFLICT DO NOTHING`, then read again).
    private func storedMatchSets(
        _ requests: [IngestRequest], _ connection: PostgresConnection
    ) async throws -> [String: Int64] {
        var sets: [String: MatchSet] = [:]
        for request in requests {
            for item in request.alerts where item.alert.status == .firing {
                if let set = try item.storedMatchSet() {
                    sets[set.digest] = set
                }
            }
        }
        guard !sets.isEmpty else { return [:] }
        var found = try await matchSetIDs(Array(sets.keys), connection)
        let missing = sets.values.filter { found[$0.digest] == nil }.sorted { $0.digest < $1.digest }
        guard !missing.isEmpty else { return found }
        for start in stride(from: 0, to: missing.count, by: 5_000) {
            var sql = PostgresQueryBuilder("INSERT INTO matchSets (digest, libraryRevision, matches) VALUES ")
            for (index, set) in missing[start..<min(missing.count, start + 5_000)].enumerated() {
                let values = [sql.bind(set.digest), sql.bind(set.libraryRevision), sql.bind(set.json)]
                sql.append((index == 0 ? "(" : ", (") + values.joined(separator: ", ") + ")")
            }
            sql.append(" ON CONFLICT (digest) DO NOTHING RETURNING digest, id")
            for try await (digest, id) in try await connection.query(sql.query, logger: logger)
                .decode((String, Int64).self)
            {
                found[digest] = id
            }
        }
        let raced = missing.map(\.digest).filter { found[$0] == nil }
        if !raced.isEmpty {
            found.merge(try await matchSetIDs(raced, connection)) { _, read in read }
        }
        if let lost = missing.first(where: { found[$0.digest] == nil }) {
            throw PostgresStoreFault("match set \(lost.digest) neither inserted nor found")
        }
        return found
    }

    private func matchSetIDs(_ digests: [String], _ connection: PostgresConnection) async throws -> [String: Int64] {
        var ids: [String: Int64] = [:]
        let rows = try await connection.query(
            "SELECT digest, id FROM matchSets WHERE digest = ANY(\(digests)::text[]) FOR KEY SHARE", logger: logger)
        for try await (digest, id) in rows.decode((String, Int64).self) {
            ids[digest] = id
        }
        return ids
    }

    /// Inserts the timeline events not yet written, in order, a thousand rows per statement.
    private func insertEvents(_ deferred: inout Deferred, _ connection: PostgresConnection) async throws {
        for start in stride(from: 0, to: deferred.events.count, by: 1_000) {
            var sql = PostgresQueryBuilder(
                "INSERT INTO timeline (incidentID, at, kind, actor, detail, alertKey, count) VALUES ")
            for (index, event) in deferred.events[start..<min(deferred.events.count, start + 1_000)].enumerated() {
                let values = [
                    sql.bind(event.incidentID), sql.bind(event.at.timeIntervalSince1970), sql.bind(event.kind.rawValue),
                    sql.bind(event.actor), sql.bind(event.detail), sql.bind(event.alertKey), sql.bind(event.count),
                ]
                sql.append((index == 0 ? "(" : ", (") + values.joined(separator: ", ") + ")")
            }
            try await connection.query(sql.query, logger: logger)
        }
        deferred.events.removeAll()
    }

    /// Links alerts to the payloads that carried them, in one statement.
    private func insertLinks(
        _ links: [(alertID: Int64, payloadID: Int64)], _ connection: PostgresConnection
    ) async throws {
        guard !links.isEmpty else { return }
        let alertIDs = links.map(\.alertID)
        let payloadIDs = links.map(\.payloadID)
        try await connection.query(
            """
            INSERT INTO alertPayloads (alertID, payloadID)
            SELECT * FROM unnest(\(alertIDs)::bigint[], \(payloadIDs)::bigint[])
            ON CONFLICT DO NOTHING
            """, logger: logger)
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
        _ item: IngestAlert, incidentID: Int64, at: Date, _ deferred: Deferred, _ connection: PostgresConnection
    ) async throws -> Int64 {
        let alert = item.alert
        let time = at.timeIntervalSince1970
        let (matchSetID, revision) = try storedMatches(item, deferred)
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

    private func refire(
        _ row: AlertRow, with item: IngestAlert, at: Date, _ deferred: Deferred, _ connection: PostgresConnection
    ) async throws {
        let alert = item.alert
        let (matchSetID, revision) = try storedMatches(item, deferred)
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

    /// The id of the alert's match set (read or inserted before the batch's first alert, `storedMatchSets`) and nil,
    /// or, when nothing matched, no set and the revision for the alert's own column (as in SQLite).
    private func storedMatches(_ item: IngestAlert, _ deferred: Deferred) throws -> (setID: Int64?, revision: String?) {
        guard let set = try item.storedMatchSet() else { return (nil, item.libraryRevision) }
        guard let id = deferred.matchSets[set.digest] else {
            throw PostgresStoreFault("match set \(set.digest) was not stored before its alert")
        }
        return (id, nil)
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
