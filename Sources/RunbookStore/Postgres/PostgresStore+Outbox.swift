import Foundation
import PostgresNIO
import RunbookCore

extension PostgresStore: OutboxStore {
    /// Leases the oldest due pending deliveries that nothing holds back (`OutboxOrder`), skipping rows another node is
    /// claiming (`FOR UPDATE SKIP LOCKED`).
    ///
    /// The lease is the claim: a leased delivery is not claimed again until `leaseUntil`, whichever node asks, so a
    /// delivery is never in two sends at once while its lease runs; a node that dies mid-send leaves its leases to run
    /// out, and another node then takes the deliveries. Two nodes claiming at once lock different rows; a row one of
    /// them leased and committed is re-checked by the other against its new lease and left out.
    public func claimDeliveries(limit: Int, now: Date, lease: TimeInterval) async throws -> [OutboxDelivery] {
        guard limit > 0 else { return [] }
        let time = now.timeIntervalSince1970
        let columns = PostgresOutbox.deliveryColumns.split(separator: ",")
            .map { "deliveries." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ", ")
        let logger = logger
        let claimed = try await client.transaction(.outboxClaim, logger: logger) { connection in
            try await PostgresOutbox.deliveries(
                """
                WITH claimable AS (
                    SELECT d.id FROM deliveries AS d
                    WHERE d.state = 'pending' AND d.dueAt <= \(time)
                    AND (d.leaseUntil IS NULL OR d.leaseUntil <= \(time))
                    AND \(unescaped: OutboxOrder.notHeldBack)
                    ORDER BY d.dueAt, d.id LIMIT \(limit)
                    FOR UPDATE OF d SKIP LOCKED
                )
                UPDATE deliveries SET leaseUntil = \(time + lease) FROM claimable WHERE deliveries.id = claimable.id
                RETURNING \(unescaped: columns)
                """, connection, logger: logger)
        }
        return claimed.sorted { ($0.dueAt, $0.id) < ($1.dueAt, $1.id) }
    }

    /// Marks a delivery sent (a digest with its held deliveries) and adds `notified` to each incident it tells of.
    ///
    /// A delivery already sent (another node's lease ran out while this one sent it) only gains the attempt; one
    /// given up meanwhile is sent after all. Concurrent calls share a transaction (`PostgresOutcomeWriter`).
    public func markDelivered(id: Int64, attempt: DeliveryAttempt, reference: String?) async throws {
        try await outcomes.submit(.delivered(id: id, attempt: attempt, reference: reference))
    }

    /// Counts a failed try; the delivery is due again at `retryAt`, or dead (a digest with its held deliveries) with a
    /// `deliveryFailed` event on each incident it tells of.
    ///
    /// A delivery no longer pending (sent meanwhile by another node) only gains the attempt. Concurrent calls share a
    /// transaction.
    public func markFailed(id: Int64, attempt: DeliveryAttempt, retryAt: Date?) async throws {
        try await outcomes.submit(.failed(id: id, attempt: attempt, retryAt: retryAt))
    }

    /// Deliveries, newest first, by state and incident; an incident's deliveries include the digests listing it.
    public func deliveries(matching query: DeliveryQuery) async throws -> [OutboxDelivery] {
        guard (1...1000).contains(query.limit) else {
            throw StoreError.invalid("limit must be between 1 and 1000, not \(query.limit)")
        }
        var sql = PostgresQueryBuilder("SELECT \(PostgresOutbox.deliveryColumns) FROM deliveries WHERE true")
        if let state = query.state {
            sql.append(" AND state = \(sql.bind(state.rawValue))")
        }
        if let incidentID = query.incidentID {
            let incident = sql.bind(incidentID)
            sql.append("""
                 AND (incidentID = \(incident) OR (kind = 'digest' AND EXISTS (
                    SELECT 1 FROM deliveries AS member
                    WHERE member.incidentID = \(incident) AND member.kind <> 'digest'
                        AND member.route = deliveries.route AND member.channel = deliveries.channel
                        AND member.digestAt = deliveries.digestAt)))
                """)
        }
        if let id = query.id {
            sql.append(" AND id = \(sql.bind(id))")
        }
        sql.append(" ORDER BY id DESC LIMIT \(sql.bind(query.limit))")
        let built = sql.query
        return try await guardedRead("delivery list") {
            try await self.client.withConnection(.list) { connection in
                try await PostgresOutbox.deliveries(built, connection, logger: self.logger)
            }
        }
    }

    /// Every try of one delivery, oldest first.
    public func attempts(deliveryID: Int64) async throws -> [DeliveryAttempt] {
        let rows = try await guardedRead("delivery attempts") {
            try await self.client.query(
                """
                SELECT at, status, error, duration FROM deliveryAttempts WHERE deliveryID = \(deliveryID) ORDER BY id
                """, operation: .list, logger: self.logger)
        }
        var attempts: [DeliveryAttempt] = []
        for try await (at, status, error, duration) in rows.decode((Double, Int?, String?, Double).self) {
            attempts.append(DeliveryAttempt(
                deliveryID: deliveryID, at: Date(timeIntervalSince1970: at), status: status, error: error,
                duration: duration))
        }
        return attempts
    }

    /// Makes dead deliveries pending again, due at `at`, with their error count and retry period reset.
    ///
    /// A digest takes its dead held deliveries back with it. A held delivery retried without its digest is sent on
    /// its own.
    public func retryDeliveries(ids: [Int64]?, at: Date) async throws -> Int {
        let logger = logger
        return try await client.transaction(logger: logger) { connection in
            var targets: [Int64] = []
            if let ids {
                for id in Set(ids).sorted() {
                    let delivery = try await PostgresOutbox.lockedDelivery(id: id, connection, logger: logger)
                    guard delivery.state == .dead else {
                        throw StoreError.conflict("delivery \(id) is \(delivery.state.rawValue), not dead")
                    }
                    targets.append(id)
                }
            } else {
                let rows = try await connection.query(
                    "SELECT id FROM deliveries WHERE state = 'dead' ORDER BY id FOR UPDATE", logger: logger)
                for try await id in rows.decode(Int64.self) {
                    targets.append(id)
                }
            }
            guard !targets.isEmpty else { return 0 }
            let time = at.timeIntervalSince1970
            let reset = "attempts = 0, retryingSince = \(time), dueAt = \(time), leaseUntil = NULL"
            var count = try await connection.query(
                """
                UPDATE deliveries SET state = 'pending', \(unescaped: reset) WHERE id = ANY(\(targets)) RETURNING id
                """, logger: logger).count()
            count += try await connection.query(
                """
                UPDATE deliveries SET state = 'held', \(unescaped: reset)
                WHERE state = 'dead' AND kind <> 'digest' AND EXISTS (
                    SELECT 1 FROM deliveries AS digest WHERE digest.kind = 'digest' AND digest.id = ANY(\(targets))
                    AND digest.route = deliveries.route AND digest.channel = deliveries.channel
                    AND digest.digestAt = deliveries.digestAt)
                RETURNING id
                """, logger: logger).count()
            try await connection.query(
                """
                UPDATE deliveries SET state = 'held'
                WHERE id = ANY(\(targets)) AND kind <> 'digest' AND digestAt IS NOT NULL AND EXISTS (
                    SELECT 1 FROM deliveries AS digest WHERE digest.kind = 'digest' AND digest.state = 'pending'
                    AND digest.route = deliveries.route AND digest.channel = deliveries.channel
                    AND digest.digestAt = deliveries.digestAt)
                """, logger: logger)
            try await connection.query(
                """
                UPDATE deliveries SET digestAt = NULL
                WHERE id = ANY(\(targets)) AND kind <> 'digest' AND digestAt IS NOT NULL AND state = 'pending'
                """, logger: logger)
            return count
        }
    }

    /// Backlog figures at `now`; sent deliveries are not read.
    public func outboxStatistics(now: Date) async throws -> OutboxStatistics {
        let time = now.timeIntervalSince1970
        let rows = try await client.query(
            """
            SELECT count(*) FILTER (WHERE state = 'pending'),
                count(*) FILTER (WHERE state = 'pending' AND dueAt <= \(time)),
                count(*) FILTER (WHERE state = 'pending' AND attempts > 0),
                count(*) FILTER (WHERE state = 'held'), count(*) FILTER (WHERE state = 'dead'),
                min(dueAt) FILTER (WHERE state = 'pending' AND dueAt <= \(time))
            FROM deliveries WHERE state IN ('pending', 'held', 'dead')
            """, logger: logger)
        for try await (pending, due, retrying, held, dead, oldest) in rows.decode(
            (Int64, Int64, Int64, Int64, Int64, Double?).self)
        {
            return OutboxStatistics(
                pending: Int(pending), due: Int(due), retrying: Int(retrying), held: Int(held), dead: Int(dead),
                oldestDueAt: oldest.map(Date.init(timeIntervalSince1970:)))
        }
        return OutboxStatistics(pending: 0, due: 0, retrying: 0, held: 0, dead: 0, oldestDueAt: nil)
    }

    /// The reference of the first sent delivery for the incident and channel that got one: the thread's root.
    public func threadReference(incidentID: Int64, channel: String) async throws -> String? {
        let rows = try await client.query(
            """
            SELECT reference FROM deliveries
            WHERE incidentID = \(incidentID) AND channel = \(channel) AND state = 'sent' AND reference IS NOT NULL
            ORDER BY id LIMIT 1
            """, logger: logger)
        for try await reference in rows.decode(String.self) {
            return reference
        }
        return nil
    }

    /// Plans repeats and silence ends for open incidents, in one transaction.
    ///
    /// An incident silenced after its last triggered or repeated delivery waits for its silence to end rather than
    /// repeating. The incidents planned are locked (`FOR UPDATE OF`, skipping ones another node is planning or
    /// ingesting into), so two nodes running this at once do not both write an incident's repeat: the second finds
    /// the first one's delivery once it commits.
    public func planScheduled(now: Date, repeatInterval: TimeInterval) async throws -> Int {
        guard let planner = configuration.planner else { return 0 }
        let logger = logger
        return try await client.transaction(logger: logger) { connection in
            let due = try await Self.scheduledChanges(
                now: now, repeatInterval: repeatInterval, connection, logger: logger)
            var written = 0
            for change in due {
                let plan = try await PostgresOutbox.decide(change, with: planner, connection, logger: logger)
                written += try await PostgresOutbox.write(plan, for: change, connection, logger: logger)
            }
            return written
        }
    }

    /// Deletes sent deliveries sent before `cutoff` and dead ones last due before it, with their attempts.
    public func pruneDeliveries(olderThan cutoff: Date) async throws -> Int {
        let time = cutoff.timeIntervalSince1970
        return try await client.query(
            """
            DELETE FROM deliveries WHERE (state = 'sent' AND sentAt < \(time)) OR (state = 'dead' AND dueAt < \(time))
            RETURNING id
            """, logger: logger).count()
    }

    /// The repeats and silence ends due at `now`, as changes to plan; the incidents are locked.
    ///
    /// The due incidents are found and locked first, then read again: a node that planned one of them and committed
    /// while this statement ran is seen by the second read, which starts after the locks are held, so its repeat is
    /// not written twice.
    private static func scheduledChanges(
        now: Date, repeatInterval: TimeInterval, _ connection: PostgresConnection, logger: Logger
    ) async throws -> [IncidentChange] {
        let time = now.timeIntervalSince1970
        let locked = try await dueIncidents(
            now: now, repeatInterval: repeatInterval, among: nil, connection, logger: logger).map(\.incident.id)
        guard !locked.isEmpty else { return [] }
        let found = try await dueIncidents(
            now: now, repeatInterval: repeatInterval, among: locked, connection, logger: logger)
        let silences = try await PostgresStore.decodeSilences(connection.query(
            """
            SELECT id, matchers, startsAt, endsAt, createdBy, comment, expiredBy FROM silences
            WHERE endsAt > \(time) AND startsAt <= \(time)
            """, logger: logger))
        var changes: [IncidentChange] = []
        for (incident, lastNotified, lastSilenced) in found {
            let kind: IncidentChange.Kind
            if let lastSilenced, lastSilenced > lastNotified ?? -.infinity {
                kind = .silenceEnded
            } else if let lastNotified, incident.state == .triggered, repeatInterval > 0,
                      lastNotified <= time - repeatInterval {
                kind = .repeated
            } else {
                continue
            }
            let labels = try await PostgresOutbox.firstAlertLabels(incidentID: incident.id, connection, logger: logger)
            if kind == .silenceEnded, silences.contains(where: { $0.silences(labels, at: now) }) {
                continue
            }
            changes.append(IncidentChange(incident: incident, kind: kind, labels: labels, at: now))
        }
        return changes
    }

    /// Open incidents whose repeat or silence end is due, with their last notification and last silence; locked
    /// (skipping those another node holds) when `ids` is nil, else only those of `ids`, not locked again.
    private static func dueIncidents(
        now: Date, repeatInterval: TimeInterval, among ids: [Int64]?, _ connection: PostgresConnection, logger: Logger
    ) async throws -> [(incident: Incident, lastNotified: Double?, lastSilenced: Double?)] {
        let time = now.timeIntervalSince1970
        let columns = PostgresRecords.incidentColumns.split(separator: ",")
            .map { "incidents." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ", ")
        let rows = try await connection.query(
            """
            WITH due AS MATERIALIZED (
                SELECT open.id, open.state,
                    (SELECT max(createdAt) FROM deliveries WHERE deliveries.incidentID = open.id
                        AND deliveries.kind IN ('triggered', 'repeated')) AS lastNotified,
                    (SELECT max(at) FROM timeline WHERE timeline.incidentID = open.id
                        AND timeline.kind = 'silenced') AS lastSilenced
                FROM incidents AS open WHERE open.state <> 'resolved' AND (\(ids == nil) OR open.id = ANY(\(ids ?? [])))
            )
            SELECT \(unescaped: columns), due.lastNotified, due.lastSilenced
            FROM due JOIN incidents ON incidents.id = due.id
            WHERE (due.lastSilenced IS NOT NULL AND (due.lastNotified IS NULL OR due.lastSilenced > due.lastNotified))
                OR (due.state = 'triggered' AND \(repeatInterval) > 0 AND due.lastNotified <= \(time - repeatInterval))
            ORDER BY incidents.id
            \(unescaped: ids == nil ? "FOR UPDATE OF incidents SKIP LOCKED" : "")
            """, logger: logger)
        var found: [(incident: Incident, lastNotified: Double?, lastSilenced: Double?)] = []
        for try await row in rows {
            let cells = row.makeRandomAccess()
            found.append((try PostgresRecords.incident(cells), try cells[18].decode(Double?.self),
                          try cells[19].decode(Double?.self)))
        }
        return found
    }
}
