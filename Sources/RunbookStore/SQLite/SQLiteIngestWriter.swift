import Foundation
import GRDB
import RunbookCore

/// Writes ingest requests: payload, alerts (deduplicated), incidents, timeline and the deliveries the planner
/// decides for each incident opened, reopened or resolved, each request in a savepoint.
struct SQLiteIngestWriter: Sendable {
    let policy: IncidentPolicy
    /// Nil when notifications are off: then ingestion makes no outbox query at all.
    let planner: (any DeliveryPlanning)?

    /// An ingest request with its body in the form it is stored in (`PayloadEncoding`), and its alerts' labels and
    /// annotations as the JSON text their rows hold: made on the caller's task, so that the one writer does not.
    struct Request: Sendable {
        var request: IngestRequest
        var body: Data
        var encoding: PayloadEncoding?
        /// `SQLiteHotPath.json` of each alert's labels and annotations, in the order of `request.alerts`.
        var texts: [AlertTexts]

        init(_ request: IngestRequest) {
            self.request = request
            (body, encoding) = PayloadEncoding.encode(request.payload)
            texts = request.alerts.map { AlertTexts($0.alert) }
        }
    }

    /// An alert's labels and annotations as the JSON text its row holds.
    struct AlertTexts: Sendable {
        var labels: String
        var annotations: String

        init(_ alert: Alert) {
            labels = SQLiteHotPath.json(alert.labels)
            annotations = SQLiteHotPath.json(alert.annotations)
        }
    }

    /// Commits a batch in one transaction; if that transaction fails as a whole, gives each request its own.
    ///
    /// Blocks its thread until the batch is on disk: called on the ingest committer's own queue
    /// (`ThreadGroupCommitter`), never on Swift's cooperative pool.
    func commit(
        _ batch: [Request], to pool: DatabasePool
    ) -> (results: [Result<IngestResult, any Error>], transactions: Int) {
        do {
            let results = try pool.write { db in
                let memo = IngestTransactionMemo()
                return try batch.map { request -> Result<IngestResult, any Error> in
                    do {
                        return .success(try applyInSavepoint(request, memo: memo, db))
                    } catch let failure as BatchTransactionLost {
                        // What the failed request wrote may still be in the transaction, or what the requests
                        // before it wrote is gone: none of the batch may commit.
                        throw failure
                    } catch {
                        return .failure(error)
                    }
                }
            }
            return (results, 1)
        } catch {
            var results: [Result<IngestResult, any Error>] = []
            for request in batch {
                do {
                    let result = try pool.write { db in try apply(request, memo: IngestTransactionMemo(), db) }
                    results.append(.success(result))
                } catch {
                    results.append(.failure(error))
                }
            }
            return (results, batch.count)
        }
    }

    /// Applies one request of a batch in a savepoint of the batch's transaction, rolled back when it fails.
    ///
    /// The savepoint statements are cached: GRDB's `inSavepoint` parses `SAVEPOINT` and `RELEASE` anew for every
    /// request, a visible share of the writer's time with 1-alert requests. GRDB still runs them, so that its
    /// transaction bookkeeping sees them.
    private func applyInSavepoint(_ request: Request, memo: IngestTransactionMemo, _ db: Database) throws -> IngestResult {
        try db.cachedStatement(sql: "SAVEPOINT ingest").execute()
        do {
            let result = try apply(request, memo: memo, db)
            try db.cachedStatement(sql: "RELEASE SAVEPOINT ingest").execute()
            return result
        } catch {
            memo.forget()
            do {
                // SQLite rolls the whole transaction back itself on some errors (a full disk, say): then the
                // requests before this one are gone too, and the batch must be retried (`commit`).
                guard db.isInsideTransaction else { throw error }
                try db.cachedStatement(sql: "ROLLBACK TO SAVEPOINT ingest").execute()
                try db.cachedStatement(sql: "RELEASE SAVEPOINT ingest").execute()
            } catch {
                throw BatchTransactionLost(cause: error)
            }
            throw error
        }
    }

    /// A request failed and the batch's transaction is gone, or its savepoint could not be rolled back: nothing of
    /// the batch may commit, and each of its requests is retried in a transaction of its own.
    private struct BatchTransactionLost: Error {
        var cause: any Error
    }

    private func apply(_ stored: Request, memo: IngestTransactionMemo, _ db: Database) throws -> IngestResult {
        let request = stored.request
        let payloadID = try SQLiteHotPath.insertPayload(stored, db)
        var incidentIDs: [Int64] = []
        var queued = 0
        var linked: [Int64] = []
        linked.reserveCapacity(request.alerts.count)
        // By index, so that each alert is borrowed from the request rather than copied (a copy retains every
        // string and dictionary of it).
        for index in request.alerts.indices {
            try request.alerts[index].validate(index: index, source: request.source)
            let at = request.receivedAt
            let touched: Int64? = switch request.alerts[index].alert.status {
            case .firing:
                try fire(
                    request.alerts[index], texts: stored.texts[index], at: at, queued: &queued, linked: &linked,
                    memo: memo, db)
            case .resolved:
                try clear(request.alerts[index], at: at, queued: &queued, linked: &linked, memo: memo, db)
            }
            if let touched, !incidentIDs.contains(touched) {
                incidentIDs.append(touched)
            }
        }
        try link(alertIDs: linked, payloadID: payloadID, db)
        for incident in memo.takeUnsavedCounts() {
            try SQLiteHotPath.updateCounts(incident, db)
        }
        return IngestResult(accepted: request.alerts.count, incidentIDs: incidentIDs, queuedDeliveries: queued)
    }

    /// Writes a firing alert; its row's id joins `linked`, to be linked to the request's payload.
    private func fire(
        _ item: IngestAlert, texts: AlertTexts, at: Date, queued: inout Int, linked: inout [Int64],
        memo: IngestTransactionMemo, _ db: Database
    ) throws -> Int64 {
        let alert = item.alert
        let latest = try AlertRef.latest(source: alert.source, dedupKey: alert.dedupKey, db)
        let candidate = try target(for: alert, key: item.key, latest: latest, memo: memo, db)
        var row: AlertRef?
        // With no row of its source and dedup key at all (`latest`, the newest of them), the candidate has none.
        if let candidate, let latest {
            row = try latest.incidentID == candidate.id
                ? latest : AlertRef.find(incidentID: candidate.id, alert: alert, db)
        }
        let incidentID: Int64
        switch IncidentTarget.fire(
            alert, into: candidate, previous: row?.status, match: item.matches.first, at: at, policy: policy)
        {
        case .existing(let machine, let action):
            try record(action, machine, previous: candidate, memo: memo, db)
            if action.recorded(.reopened) {
                queued += try notify(.opened, machine.incident, labels: alert.labels, at: at, db)
            }
            incidentID = machine.incident.id
        case .new:
            let opened = IncidentStateMachine.open(
                id: try nextIncidentID(db), alert: alert, key: item.key, match: item.matches.first, at: at,
                policy: policy
            )
            try opened.machine.incident.insert(db)
            memo.wrote(opened.machine.incident)
            try opened.events.forEach { try SQLiteHotPath.insert($0, db) }
            incidentID = opened.machine.incident.id
            queued += try notify(.opened, opened.machine.incident, labels: alert.labels, at: at, db)
            row = nil
        }
        if let row {
            try SQLiteHotPath.refire(row, with: item, texts: texts, at: at, memo: memo, db)
            linked.append(row.id)
        } else {
            linked.append(try SQLiteHotPath.insertAlert(
                item, texts: texts, incidentID: incidentID, at: at, memo: memo, db))
        }
        return incidentID
    }

    /// Writes a resolved alert; its row's id, when it has one, joins `linked`.
    private func clear(
        _ item: IngestAlert, at: Date, queued: inout Int, linked: inout [Int64], memo: IngestTransactionMemo,
        _ db: Database
    ) throws -> Int64? {
        let alert = item.alert
        guard let row = try AlertRef.latest(source: alert.source, dedupKey: alert.dedupKey, db) else {
            return nil
        }
        try SQLiteHotPath.clear(row, endsAt: alert.endsAt, at: at, db)
        linked.append(row.id)
        guard let incident = try memo.current(Incident.find(id: row.incidentID, db)) else { return nil }
        var machine = IncidentStateMachine(incident: incident, policy: policy)
        let action = machine.alertResolved(dedupKey: alert.dedupKey, previous: row.status, at: at)
        try record(action, machine, previous: incident, memo: memo, db)
        if action.recorded(.resolved) {
            queued += try notify(.resolved, machine.incident, labels: alert.labels, at: at, db)
        }
        return row.incidentID
    }

    /// The incident a firing alert is offered to (`IncidentTarget.candidate`): the one holding its newest row when
    /// open, else the open one of its group (the source's group and the alert's `key`, see `IncidentGroup`), else the
    /// most recently resolved of those, else none.
    private func target(
        for alert: Alert, key: String, latest: AlertRef?, memo: IngestTransactionMemo, _ db: Database
    ) throws -> Incident? {
        let groupKey = IncidentGroup.key(for: alert, key: key)
        return try IncidentTarget.candidate(
            ofAlert: latest.flatMap { try memo.current(Incident.find(id: $0.incidentID, db)) },
            openInGroup: { try memo.open(source: alert.source, groupKey: groupKey, db) },
            lastResolvedInGroup: {
                try memo.current(Incident.lastResolved(source: alert.source, groupKey: groupKey, db))
            })
    }

    /// Writes what `action` did to `previous` (the incident as read), now `machine.incident`.
    private func record(
        _ action: IncidentAction, _ machine: IncidentStateMachine, previous: Incident?, memo: IngestTransactionMemo,
        _ db: Database
    ) throws {
        switch action {
        case .recorded(let events):
            try save(machine.incident, previous: previous, memo: memo, db)
            try events.forEach { try SQLiteHotPath.insert($0, db) }
        case .refired(let event):
            try save(machine.incident, previous: previous, memo: memo, db)
            var arguments = try SQLiteArguments(
                db, sql: "UPDATE timeline SET count = count + 1 WHERE incidentID = ? AND alertKey = ? AND kind = ?")
            arguments.bind(event.incidentID)
            arguments.bind(event.alertKey)
            arguments.bind(TimelineEvent.Kind.alertRefired.rawValue)
            try arguments.execute()
            if db.changesCount == 0 {
                try SQLiteHotPath.insert(event, db)
            }
        case .openNew, .unchanged:
            break
        }
    }

    /// Writes `incident`, read as `previous`: when its last sighting and counts alone moved, at the end of the
    /// request (`IngestTransactionMemo.deferCounts`), as a fleet's alerts joining one incident would otherwise
    /// rewrite its row once per alert; else now, whole.
    private func save(_ incident: Incident, previous: Incident?, memo: IngestTransactionMemo, _ db: Database) throws {
        if let previous, SQLiteHotPath.onlyCountsMoved(from: previous, to: incident) {
            memo.deferCounts(incident)
        } else {
            try SQLiteHotPath.update(incident, from: previous, db)
            memo.saved(incident)
        }
        memo.wrote(incident)
    }

    /// Plans and writes the deliveries of an incident change, when a planner is configured.
    private func notify(
        _ kind: IncidentChange.Kind, _ incident: Incident, labels: [String: String], at: Date, _ db: Database
    ) throws -> Int {
        guard let planner else { return 0 }
        let change = IncidentChange(
            incident: incident, kind: kind, labels: labels, at: at, actor: incident.source.rawValue)
        return try SQLiteOutbox.plan(change, with: planner, db)
    }

    /// Links a request's alert rows to its payload, once the request's alerts are written: `linkRows` rows per
    /// statement, the rest one at a time, so that a 100-alert request runs 7 statements instead of 100 and the
    /// statement cache holds two whatever the request's size. An alert seen twice in a request is linked once.
    private func link(alertIDs: [Int64], payloadID: Int64, _ db: Database) throws {
        var start = alertIDs.startIndex
        while alertIDs.endIndex - start >= Self.linkRows {
            var arguments = try SQLiteArguments(db, sql: Self.linkManySQL)
            for alertID in alertIDs[start..<start + Self.linkRows] {
                arguments.bind(alertID)
                arguments.bind(payloadID)
            }
            try arguments.execute()
            start += Self.linkRows
        }
        for alertID in alertIDs[start...] {
            var arguments = try SQLiteArguments(db, sql: Self.linkOneSQL)
            arguments.bind(alertID)
            arguments.bind(payloadID)
            try arguments.execute()
        }
    }

    static let linkRows = 32
    private static let linkOneSQL = "INSERT OR IGNORE INTO alertPayloads (alertID, payloadID) VALUES (?, ?)"
    private static let linkManySQL = "INSERT OR IGNORE INTO alertPayloads (alertID, payloadID) VALUES "
        + Array(repeating: "(?, ?)", count: linkRows).joined(separator: ", ")

    /// The next incident id, never one used before, even by an incident since pruned (AUTOINCREMENT's sequence).
    private func nextIncidentID(_ db: Database) throws -> Int64 {
        let sql = """
            SELECT MAX(IFNULL((SELECT seq FROM sqlite_sequence WHERE name = 'incidents'), 0),
                       IFNULL((SELECT MAX(id) FROM incidents), 0)) + 1
            """
        return try Int64.fetchOne(db.cachedStatement(sql: sql)) ?? 1
    }
}
