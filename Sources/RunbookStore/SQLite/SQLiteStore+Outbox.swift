import Foundation
import GRDB
import RunbookCore

extension SQLiteStore {
    /// Leases the oldest due pending deliveries that no earlier pending one of their incident and channel holds
    /// back.
    ///
    /// Held deliveries whose digest is still pending hold back later ones of their incident and channel too, so
    /// a resolution never overtakes the digest that announces the incident.
    public func claimDeliveries(limit: Int, now: Date, lease: TimeInterval) async throws -> [OutboxDelivery] {
        guard limit > 0 else { return [] }
        let time = now.timeIntervalSince1970
        return try await pool.write { db in
            let sql = """
                SELECT * FROM deliveries AS d
                WHERE d.state = 'pending' AND d.dueAt <= ? AND (d.leaseUntil IS NULL OR d.leaseUntil <= ?)
                AND \(OutboxOrder.notHeldBack)
                ORDER BY d.dueAt, d.id LIMIT ?
                """
            let claimed = try OutboxDelivery.fetchDeliveries(db, sql: sql, arguments: [time, time, limit])
            guard !claimed.isEmpty else { return [] }
            let listed = databaseQuestionMarks(count: claimed.count)
            try db.execute(
                sql: "UPDATE deliveries SET leaseUntil = ? WHERE id IN (\(listed))",
                arguments: StatementArguments([time + lease] + claimed.map(\.id)))
            return claimed
        }
    }

    /// Marks a delivery sent (a digest with its held deliveries) and adds `notified` to each incident it tells of.
    ///
    /// A delivery already sent (another dispatcher's lease ran out while this one sent it) only gains the attempt;
    /// one given up meanwhile by another dispatcher is sent after all. Concurrent calls share a transaction.
    public func markDelivered(id: Int64, attempt: DeliveryAttempt, reference: String?) async throws {
        try await outcomes.submit(.delivered(id: id, attempt: attempt, reference: reference))
    }

    /// Counts a failed try; the delivery is due again at `retryAt`, or dead (a digest with its held deliveries)
    /// with a `deliveryFailed` event on each incident it tells of.
    ///
    /// A delivery no longer pending (sent meanwhile by another dispatcher) only gains the attempt. Concurrent calls
    /// share a transaction.
    public func markFailed(id: Int64, attempt: DeliveryAttempt, retryAt: Date?) async throws {
        try await outcomes.submit(.failed(id: id, attempt: attempt, retryAt: retryAt))
    }

    /// Deliveries, newest first, by state and incident; an incident's deliveries include the digests listing it.
    public func deliveries(matching query: DeliveryQuery) async throws -> [OutboxDelivery] {
        guard (1...1000).contains(query.limit) else {
            throw StoreError.invalid("limit must be between 1 and 1000, not \(query.limit)")
        }
        return try await pool.read { db in
            var clauses: [String] = []
            var arguments = StatementArguments()
            if let state = query.state {
                clauses.append("state = ?")
                arguments += [state.rawValue]
            }
            if let incidentID = query.incidentID {
                clauses.append("""
                    (incidentID = ? OR (kind = 'digest' AND EXISTS (
                        SELECT 1 FROM deliveries AS member
                        WHERE member.incidentID = ? AND member.kind != 'digest' AND member.route = deliveries.route
                            AND member.channel = deliveries.channel AND member.digestAt = deliveries.digestAt)))
                    """)
                arguments += [incidentID, incidentID]
            }
            if let id = query.id {
                clauses.append("id = ?")
                arguments += [id]
            }
            let filter = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
            arguments += [query.limit]
            return try OutboxDelivery.fetchDeliveries(
                db, sql: "SELECT * FROM deliveries \(filter) ORDER BY id DESC LIMIT ?", arguments: arguments)
        }
    }

    /// Every try of one delivery, oldest first.
    public func attempts(deliveryID: Int64) async throws -> [DeliveryAttempt] {
        try await pool.read { db in
            let sql = "SELECT * FROM deliveryAttempts WHERE deliveryID = ? ORDER BY id"
            return try Row.fetchAll(db, sql: sql, arguments: [deliveryID]).map { row in
                DeliveryAttempt(
                    deliveryID: row["deliveryID"], at: Date(timeIntervalSince1970: row["at"]), status: row["status"],
                    error: row["error"], duration: row["duration"])
            }
        }
    }

    /// Makes dead deliveries pending again, due at `at`, with their error count and retry period reset.
    ///
    /// A digest takes its dead held deliveries back with it. A held delivery retried without its digest is sent
    /// on its own.
    public func retryDeliveries(ids: [Int64]?, at: Date) async throws -> Int {
        try await pool.write { db in
            let targets: [Int64]
            if let ids {
                for id in ids {
                    let delivery = try SQLiteOutbox.delivery(id: id, db)
                    guard delivery.state == .dead else {
                        throw StoreError.conflict("delivery \(id) is \(delivery.state.rawValue), not dead")
                    }
                }
                targets = Array(Set(ids)).sorted()
            } else {
                targets = try Int64.fetchAll(db, sql: "SELECT id FROM deliveries WHERE state = 'dead' ORDER BY id")
            }
            guard !targets.isEmpty else { return 0 }
            let time = at.timeIntervalSince1970
            let listed = "id IN (\(databaseQuestionMarks(count: targets.count)))"
            let reset = "attempts = 0, retryingSince = ?, dueAt = ?, leaseUntil = NULL"
            try db.execute(
                sql: "UPDATE deliveries SET state = 'pending', \(reset) WHERE \(listed)",
                arguments: StatementArguments([time, time] + targets))
            var count = db.changesCount
            try db.execute(
                sql: """
                    UPDATE deliveries SET state = 'held', \(reset)
                    WHERE state = 'dead' AND kind != 'digest' AND EXISTS (
                        SELECT 1 FROM deliveries AS digest WHERE digest.kind = 'digest' AND digest.\(listed)
                        AND digest.route = deliveries.route AND digest.channel = deliveries.channel
                        AND digest.digestAt = deliveries.digestAt)
                    """,
                arguments: StatementArguments([time, time] + targets))
            count += db.changesCount
            try db.execute(
                sql: """
                    UPDATE deliveries SET state = 'held'
                    WHERE \(listed) AND kind != 'digest' AND digestAt IS NOT NULL AND EXISTS (
                        SELECT 1 FROM deliveries AS digest WHERE digest.kind = 'digest' AND digest.state = 'pending'
                        AND digest.route = deliveries.route AND digest.channel = deliveries.channel
                        AND digest.digestAt = deliveries.digestAt)
                    """,
                arguments: StatementArguments(targets))
            try db.execute(
                sql: """
                    UPDATE deliveries SET digestAt = NULL
                    WHERE \(listed) AND kind != 'digest' AND digestAt IS NOT NULL AND state = 'pending'
                    """,
                arguments: StatementArguments(targets))
            return count
        }
    }

    /// Backlog figures at `now`; sent deliveries are not read.
    public func outboxStatistics(now: Date) async throws -> OutboxStatistics {
        let time = now.timeIntervalSince1970
        return try await pool.read { db in
            let sql = """
                SELECT IFNULL(SUM(state = 'pending'), 0), IFNULL(SUM(state = 'pending' AND dueAt <= ?), 0),
                       IFNULL(SUM(state = 'pending' AND attempts > 0), 0), IFNULL(SUM(state = 'held'), 0),
                       IFNULL(SUM(state = 'dead'), 0), MIN(CASE WHEN state = 'pending' AND dueAt <= ? THEN dueAt END)
                FROM deliveries WHERE state IN ('pending', 'held', 'dead')
                """
            guard let row = try Row.fetchOne(db, sql: sql, arguments: [time, time]) else {
                return OutboxStatistics(pending: 0, due: 0, retrying: 0, held: 0, dead: 0, oldestDueAt: nil)
            }
            return OutboxStatistics(
                pending: row[0], due: row[1], retrying: row[2], held: row[3], dead: row[4],
                oldestDueAt: (row[5] as Double?).map(Date.init(timeIntervalSince1970:)))
        }
    }

    /// The reference of the first sent delivery for the incident and channel that got one: the thread's root.
    public func threadReference(incidentID: Int64, channel: String) async throws -> String? {
        try await pool.read { db in
            let sql = """
                SELECT reference FROM deliveries
                WHERE incidentID = ? AND channel = ? AND state = 'sent' AND reference IS NOT NULL
                ORDER BY id LIMIT 1
                """
            return try String.fetchOne(db, sql: sql, arguments: [incidentID, channel])
        }
    }

    /// Plans repeats and silence ends for open incidents, in one transaction.
    ///
    /// An incident silenced after its last triggered or repeated delivery waits for its silence to end rather
    /// than repeating, so a silence does not add a `silenced` event at every call. The plans are first made in a
    /// read transaction, so a call with nothing to write never holds up ingestion.
    public func planScheduled(now: Date, repeatInterval: TimeInterval) async throws -> Int {
        guard let planner = configuration.planner else { return 0 }
        let changes = try await pool.read { db in
            try Self.scheduledPlans(now: now, repeatInterval: repeatInterval, planner: planner, db)
        }
        guard !changes.isEmpty else { return 0 }
        return try await pool.write { db in
            try Self.scheduledPlans(now: now, repeatInterval: repeatInterval, planner: planner, db)
                .reduce(0) { written, scheduled in
                    written + (try SQLiteOutbox.write(scheduled.plan, for: scheduled.change, db))
                }
        }
    }

    /// Deletes sent deliveries sent before `cutoff` and dead ones last due before it, with their attempts.
    public func pruneDeliveries(olderThan cutoff: Date) async throws -> Int {
        try await pool.write { db in
            try db.execute(
                sql: "DELETE FROM deliveries WHERE (state = 'sent' AND sentAt < ?) OR (state = 'dead' AND dueAt < ?)",
                arguments: [cutoff.timeIntervalSince1970, cutoff.timeIntervalSince1970])
            return db.changesCount
        }
    }

    /// The repeats and silence ends due at `now` whose plans write something.
    private static func scheduledPlans(
        now: Date, repeatInterval: TimeInterval, planner: any DeliveryPlanning, _ db: Database
    ) throws -> [(change: IncidentChange, plan: NotificationPlan)] {
        // Only the incidents whose repeat or silence end is due are read whole and decoded: the open ones are
        // filtered in SQL on their last notification and last silence, each looked up once through its index.
        let sql = """
            WITH due AS MATERIALIZED (
                SELECT open.id, open.state,
                    (SELECT MAX(createdAt) FROM deliveries WHERE deliveries.incidentID = open.id
                        AND deliveries.kind IN ('triggered', 'repeated')) AS lastNotified,
                    (SELECT MAX(at) FROM timeline WHERE timeline.incidentID = open.id
                        AND timeline.kind = 'silenced') AS lastSilenced
                FROM incidents AS open WHERE open.state != 'resolved'
            )
            SELECT incidents.*, due.lastNotified, due.lastSilenced FROM due JOIN incidents ON incidents.id = due.id
            WHERE (due.lastSilenced IS NOT NULL AND (due.lastNotified IS NULL OR due.lastSilenced > due.lastNotified))
                OR (due.state = 'triggered' AND ? > 0 AND due.lastNotified <= ?)
            ORDER BY incidents.id
            """
        let silences = try Silence.active(at: now, db)
        var scheduled: [(change: IncidentChange, plan: NotificationPlan)] = []
        let arguments: StatementArguments = [repeatInterval, now.timeIntervalSince1970 - repeatInterval]
        for row in try Row.fetchAll(db, sql: sql, arguments: arguments) {
            let incident = try Incident(row: row)
            let lastNotified: Double? = row["lastNotified"]
            let lastSilenced: Double? = row["lastSilenced"]
            let kind: IncidentChange.Kind
            if let lastSilenced, lastSilenced > lastNotified ?? -.infinity {
                kind = .silenceEnded
            } else if let lastNotified, incident.state == .triggered, repeatInterval > 0,
                      lastNotified <= now.timeIntervalSince1970 - repeatInterval {
                kind = .repeated
            } else {
                continue
            }
            let labels = try SQLiteOutbox.firstAlertLabels(incidentID: incident.id, db)
            if kind == .silenceEnded, silences.contains(where: { $0.silences(labels, at: now) }) {
                continue
            }
            let change = IncidentChange(incident: incident, kind: kind, labels: labels, at: now)
            let plan = try SQLiteOutbox.decide(change, with: planner, db)
            if !plan.deliveries.isEmpty || !plan.silencedBy.isEmpty {
                scheduled.append((change, plan))
            }
        }
        return scheduled
    }
}
