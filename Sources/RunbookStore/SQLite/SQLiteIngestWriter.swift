import Foundation
import GRDB
import RunbookCore

/// Writes ingest requests: payload, alerts (deduplicated), incidents, timeline and the deliveries the planner
/// decides for each incident opened, reopened or resolved, a batch of requests in one transaction.
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

        /// Checks every alert of the request as `apply` does, before any of it is written.
        func validate() throws {
            for index in request.alerts.indices {
                try request.alerts[index].validate(index: index, source: request.source)
            }
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

    /// Commits a batch in one transaction; when a request fails in it, gives each request a transaction of its own.
    ///
    /// What the store refuses of an alert (`IngestAlert.validate`) is checked before the transaction: such a request
    /// fails alone and is not written at all. Any other failure (a full disk, a constraint, a trigger) rolls the
    /// batch's transaction back whole, and its requests are retried one transaction each, so that every request
    /// answered as stored is stored once and the failing one fails alone. The requests of a batch are not each
    /// wrapped in a savepoint: with 1-alert requests its `SAVEPOINT` and `RELEASE` took 6 to 10 % of the writer's
    /// time, paid by every request for a failure that valid input does not meet (`bench/README.md`).
    ///
    /// Blocks its thread until the batch is on disk: called on the ingest committer's own queue
    /// (`ThreadGroupCommitter`), never on Swift's cooperative pool.
    func commit(
        _ batch: [Request], to pool: DatabasePool
    ) -> (results: [Result<IngestResult, any Error>], transactions: Int) {
        // A request the store refuses has its outcome now; the others get theirs when written.
        var outcomes: [Result<IngestResult, any Error>?] = batch.map { request in
            do {
                try request.validate()
                return nil
            } catch {
                return .failure(error)
            }
        }
        let accepted = batch.indices.filter { outcomes[$0] == nil }
        var transactions = 0
        if !accepted.isEmpty {
            do {
                let written = try pool.write { db in
                    let memo = IngestTransactionMemo()
                    let results = try accepted.map { try apply(batch[$0], memo: memo, db) }
                    try finish(memo, db)
                    return results
                }
                for (position, result) in zip(accepted, written) { outcomes[position] = .success(result) }
                transactions = 1
            } catch {
                for position in accepted {
                    outcomes[position] = Result {
                        try pool.write { db in
                            let memo = IngestTransactionMemo()
                            let result = try apply(batch[position], memo: memo, db)
                            try finish(memo, db)
                            return result
                        }
                    }
                }
                transactions = accepted.count
            }
        }
        // Every position holds its outcome now: refused, or written in one of the two ways above.
        return (outcomes.compactMap { $0 }, transactions)
    }

    /// Writes one request whose alerts passed `Request.validate` (`commit` applies no other).
    private func apply(_ stored: Request, memo: IngestTransactionMemo, _ db: Database) throws -> IngestResult {
        let request = stored.request
        let payloadID = try SQLiteHotPath.insertPayload(stored, db)
        var incidentIDs: [Int64] = []
        var queued = 0
        var linked: [Int64] = []
        linked.reserveCapacity(request.alerts.count)
        // By index, so that each alert is borrowed from the request rather than copied (a copy retains every
        // string and dictionary of it); a map over the alerts copies each one.
        var keys: [String] = []
        keys.reserveCapacity(request.alerts.count)
        for index in request.alerts.indices {
            keys.append(request.alerts[index].alert.dedupKey)
        }
        // Each alert's newest row, read for the whole request in one statement, and kept as the request writes them.
        var newest = try AlertRef.newest(source: request.source, dedupKeys: keys, db)
        for index in request.alerts.indices {
            let at = request.receivedAt
            let touched: Int64? = switch request.alerts[index].alert.status {
            case .firing:
                try fire(
                    request.alerts[index], texts: stored.texts[index], at: at, newest: &newest, queued: &queued,
                    linked: &linked, memo: memo, db)
            case .resolved:
                try clear(
                    request.alerts[index], at: at, newest: &newest, queued: &queued, linked: &linked, memo: memo, db)
            }
            if let touched, !incidentIDs.contains(touched) {
                incidentIDs.append(touched)
            }
        }
        memo.link(alertIDs: linked, payloadID: payloadID)
        return IngestResult(accepted: request.alerts.count, incidentIDs: incidentIDs, queuedDeliveries: queued)
    }

    /// Writes a firing alert; its row's id joins `linked`, to be linked to the request's payload. `newest` holds the
    /// newest row of each of the request's alerts (`AlertRef.newest`), and this alert's after it is written.
    private func fire(
        _ item: IngestAlert, texts: AlertTexts, at: Date, newest: inout [String: AlertRef], queued: inout Int,
        linked: inout [Int64], memo: IngestTransactionMemo, _ db: Database
    ) throws -> Int64 {
        let alert = item.alert
        let latest = newest[alert.dedupKey]
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
                queued += try notify(.opened, machine.incident, labels: alert.labels, at: at, memo: memo, db)
            }
            incidentID = machine.incident.id
        case .new:
            let opened = IncidentStateMachine.open(
                id: try nextIncidentID(db), alert: alert, key: item.key, match: item.matches.first, at: at,
                policy: policy
            )
            try SQLiteHotPath.insertIncident(opened.machine.incident, db)
            memo.wrote(opened.machine.incident)
            memo.append(opened.events)
            incidentID = opened.machine.incident.id
            queued += try notify(.opened, opened.machine.incident, labels: alert.labels, at: at, memo: memo, db)
            row = nil
        }
        if let row {
            try SQLiteHotPath.refire(row, with: item, texts: texts, at: at, memo: memo, db)
            linked.append(row.id)
            if newest[alert.dedupKey]?.id == row.id { newest[alert.dedupKey]?.status = .firing }
        } else {
            let id = try SQLiteHotPath.insertAlert(item, texts: texts, incidentID: incidentID, at: at, memo: memo, db)
            linked.append(id)
            newest[alert.dedupKey] = AlertRef(id: id, incidentID: incidentID, status: .firing)
        }
        return incidentID
    }

    /// Writes a resolved alert; its row's id, when it has one, joins `linked` (`newest` as for `fire`).
    private func clear(
        _ item: IngestAlert, at: Date, newest: inout [String: AlertRef], queued: inout Int, linked: inout [Int64],
        memo: IngestTransactionMemo, _ db: Database
    ) throws -> Int64? {
        let alert = item.alert
        guard let row = newest[alert.dedupKey] else {
            return nil
        }
        try SQLiteHotPath.clear(row, endsAt: alert.endsAt, at: at, db)
        newest[alert.dedupKey]?.status = .resolved
        linked.append(row.id)
        guard let incident = try memo.current(Incident.find(id: row.incidentID, db)) else { return nil }
        var machine = IncidentStateMachine(incident: incident, policy: policy)
        let action = machine.alertResolved(dedupKey: alert.dedupKey, previous: row.status, at: at)
        try record(action, machine, previous: incident, memo: memo, db)
        if action.recorded(.resolved) {
            queued += try notify(.resolved, machine.incident, labels: alert.labels, at: at, memo: memo, db)
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
            memo.append(events)
        case .refired(let event):
            try save(machine.incident, previous: previous, memo: memo, db)
            // The row to count may be among the events kept: they go first.
            try writeTimeline(memo, db)
            var arguments = try SQLiteArguments(
                db, sql: "UPDATE timeline SET count = count + 1 WHERE incidentID = ? AND alertKey = ? AND kind = ?")
            arguments.bind(event.incidentID)
            arguments.bind(event.alertKey)
            arguments.bind(TimelineEvent.Kind.alertRefired.rawValue)
            try arguments.execute()
            if db.changesCount == 0 {
                memo.append([event])
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

    /// Plans and writes the deliveries of an incident change, when a planner is configured. The timeline events kept
    /// are written first, so that a plan's own `silenced` event, which `SQLiteOutbox` writes at once, follows the
    /// events of the change that caused it.
    private func notify(
        _ kind: IncidentChange.Kind, _ incident: Incident, labels: [String: String], at: Date,
        memo: IngestTransactionMemo, _ db: Database
    ) throws -> Int {
        guard let planner else { return 0 }
        try writeTimeline(memo, db)
        let change = IncidentChange(
            incident: incident, kind: kind, labels: labels, at: at, actor: incident.source.rawValue)
        return try SQLiteOutbox.plan(change, with: planner, db)
    }

    /// Writes what the transaction's requests left for its end (`IngestTransactionMemo`): the counts of the incidents
    /// their alerts joined, one row each however many requests of the batch moved them, and the links of their alert
    /// rows to their payloads.
    private func finish(_ memo: IngestTransactionMemo, _ db: Database) throws {
        for incident in memo.takeUnsavedCounts() {
            try SQLiteHotPath.updateCounts(incident, db)
        }
        try link(memo.takeLinks(), db)
        try writeTimeline(memo, db)
    }

    /// Writes the timeline events the memo kept, in their order, in as few statements as `SQLiteHotPath` can.
    private func writeTimeline(_ memo: IngestTransactionMemo, _ db: Database) throws {
        let events = memo.takeTimeline()
        if !events.isEmpty {
            try SQLiteHotPath.insert(events, db)
        }
    }

    /// Links alert rows to payloads (`alertID`, `payloadID`) in as few statements as the sizes of `linkRows` allow,
    /// largest first: a 100-alert request takes 4 statements instead of 100, the links of a batch of eight 1-alert
    /// requests one, and the statement cache holds one statement per size. A link made twice is kept once.
    private func link(_ pairs: [(alertID: Int64, payloadID: Int64)], _ db: Database) throws {
        try SQLiteHotPath.forEachRun(of: pairs, sizes: Self.linkRows) { run, slot in
            var arguments = try SQLiteArguments(db, sql: Self.linkSQL[slot])
            for pair in run {
                arguments.bind(pair.alertID)
                arguments.bind(pair.payloadID)
            }
            try arguments.execute()
        }
    }

    /// The rows one link statement inserts, largest first; the last is 1, so that every count is reached.
    static let linkRows = [32, 16, 8, 4, 2, 1]
    private static let linkSQL = linkRows.map { rows in
        "INSERT OR IGNORE INTO alertPayloads (alertID, payloadID) VALUES "
            + Array(repeating: "(?, ?)", count: rows).joined(separator: ", ")
    }

    /// The next incident id, never one used before, even by an incident since pruned (AUTOINCREMENT's sequence).
    private func nextIncidentID(_ db: Database) throws -> Int64 {
        let sql = """
            SELECT MAX(IFNULL((SELECT seq FROM sqlite_sequence WHERE name = 'incidents'), 0),
                       IFNULL((SELECT MAX(id) FROM incidents), 0)) + 1
            """
        return try Int64.fetchOne(db.cachedStatement(sql: sql)) ?? 1
    }
}
