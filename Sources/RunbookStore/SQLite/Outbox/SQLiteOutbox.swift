import Foundation
import GRDB
import RunbookCore

/// The outbox's part of other transactions: planning an incident change and writing the deliveries it causes.
///
/// Everything here runs inside the caller's transaction (a write one for anything that writes), so a change
/// and its deliveries commit or roll back together.
enum SQLiteOutbox {
    /// Asks `planner` about `change` and writes what it planned; returns how many deliveries were written.
    ///
    /// A plan that names silences leaves a `silenced` timeline event naming them.
    static func plan(_ change: IncidentChange, with planner: any DeliveryPlanning, _ db: Database) throws -> Int {
        try write(decide(change, with: planner, db), for: change, db)
    }

    /// What `planner` decides for `change`, asking the database what it needs; writes nothing.
    static func decide(
        _ change: IncidentChange, with planner: any DeliveryPlanning, _ db: Database
    ) throws -> NotificationPlan {
        var failure: (any Error)?
        let context = PlanningContext(
            silences: try Silence.active(at: change.at, db),
            notifiedChannels: try notifiedChannels(incidentID: change.incident.id, db),
            triggeredCount: { route, since in
                do {
                    return try triggeredCount(route: route, since: since, db)
                } catch {
                    failure = error
                    return 0
                }
            }
        )
        let plan = planner.plan(change, context: context)
        if let failure {
            throw failure
        }
        return plan
    }

    /// Writes a plan's deliveries and its `silenced` event; returns how many deliveries were written.
    static func write(_ plan: NotificationPlan, for change: IncidentChange, _ db: Database) throws -> Int {
        if !plan.silencedBy.isEmpty {
            let names = plan.silencedBy.map { "silence \($0.id.map(String.init) ?? "?"): \($0.comment)" }
            let event = TimelineEvent(
                incidentID: change.incident.id, at: change.at, kind: .silenced, actor: change.actor,
                detail: names.joined(separator: "; ")
            )
            try SQLiteHotPath.insert(event, db)
        }
        var written = 0
        for planned in plan.deliveries {
            written += try write(planned, incidentID: change.incident.id, at: change.at, db)
        }
        return written
    }

    /// The labels an incident is routed and silenced by outside ingestion: its first alert's.
    static func firstAlertLabels(incidentID: Int64, _ db: Database) throws -> [String: String] {
        let sql = "SELECT labels FROM alerts WHERE incidentID = ? ORDER BY id LIMIT 1"
        guard let labels = try String.fetchOne(db.cachedStatement(sql: sql), arguments: [incidentID]) else {
            return [:]
        }
        return try JSONDecoder().decode([String: String].self, from: Data(labels.utf8))
    }

    /// The incidents a digest lists, without repeats, in the order their held deliveries were written.
    static func digestIncidentIDs(of digestID: Int64, _ db: Database) throws -> [Int64] {
        let sql = """
            SELECT member.incidentID FROM deliveries AS digest
            JOIN deliveries AS member ON member.route = digest.route AND member.channel = digest.channel
                AND member.digestAt = digest.digestAt AND member.kind != 'digest'
            WHERE digest.id = ? ORDER BY member.createdAt, member.id
            """
        var seen = Set<Int64>()
        let members = try Int64.fetchAll(db.cachedStatement(sql: sql), arguments: [digestID])
        return members.filter { seen.insert($0).inserted }
    }

    /// A delivery by id; an unknown id is the client's fault.
    static func delivery(id: Int64, _ db: Database) throws -> OutboxDelivery {
        guard let delivery = try OutboxDelivery.fetchDeliveries(
            db, sql: "SELECT * FROM deliveries WHERE id = ?", arguments: [id]).first
        else {
            throw StoreError.notFound("no delivery \(id)")
        }
        return delivery
    }

    /// A condition on `deliveries` for the held deliveries of a digest, whose id is its one argument.
    static let membersOf = """
        kind != 'digest' AND (route, channel, digestAt) = (SELECT route, channel, digestAt FROM deliveries WHERE id = ?)
        """

    /// Writes one planned delivery where `DigestRule` puts it: pending alone, or held for its route's digest
    /// (writing the digest first when it is the first one held).
    private static func write(_ planned: PlannedDelivery, incidentID: Int64, at: Date, _ db: Database) throws -> Int {
        let placement = DigestRule.placement(of: planned, digest: try digest(for: planned, db))
        var written = 0
        var digestAt: Double?
        if case .held(let writesDigest) = placement, let time = planned.digestAt?.timeIntervalSince1970 {
            digestAt = time
            if writesDigest {
                try insert(
                    incidentID: incidentID, route: planned.route, channel: planned.channel, kind: .digest,
                    state: .pending, createdAt: at, dueAt: time, digestAt: time, db)
                written += 1
            }
        }
        try insert(
            incidentID: incidentID, route: planned.route, channel: planned.channel, kind: planned.kind,
            state: digestAt == nil ? .pending : .held, createdAt: at, dueAt: planned.dueAt.timeIntervalSince1970,
            digestAt: digestAt, db)
        return written + 1
    }

    /// The digest a planned delivery would be held for, as `DigestRule` sees it; not read without a digest time.
    private static func digest(for planned: PlannedDelivery, _ db: Database) throws -> DigestRule.Digest {
        guard let time = planned.digestAt?.timeIntervalSince1970 else { return .absent }
        let sql = "SELECT state FROM deliveries WHERE kind = 'digest' AND route = ? AND channel = ? AND digestAt = ?"
        let state = try String.fetchOne(db.cachedStatement(sql: sql), arguments: [planned.route, planned.channel, time])
        switch state {
        case nil: return .absent
        case DeliveryState.pending.rawValue: return .pending
        default: return .closed
        }
    }

    private static func insert(
        incidentID: Int64, route: String, channel: String, kind: DeliveryKind, state: DeliveryState, createdAt: Date,
        dueAt: Double, digestAt: Double?, _ db: Database
    ) throws {
        let sql = """
            INSERT INTO deliveries (incidentID, route, channel, kind, state, idempotencyKey, attempts, createdAt, dueAt,
                retryingSince, digestAt)
            VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)
            """
        let created = createdAt.timeIntervalSince1970
        try db.cachedStatement(sql: sql).execute(arguments: [
            incidentID, route, channel, kind.rawValue, state.rawValue, UUID().uuidString, created, dueAt, created,
            digestAt,
        ])
    }

    /// Channels with a triggered or repeated delivery for the incident, in any state.
    private static func notifiedChannels(incidentID: Int64, _ db: Database) throws -> Set<String> {
        let sql = """
            SELECT DISTINCT channel FROM deliveries WHERE incidentID = ? AND kind IN ('triggered', 'repeated')
            """
        return Set(try String.fetchAll(db.cachedStatement(sql: sql), arguments: [incidentID]))
    }

    /// Incidents a route has had triggered deliveries for since `since`, sent alone or held for a digest; an
    /// incident sent to several of the route's channels counts once.
    private static func triggeredCount(route: String, since: Date, _ db: Database) throws -> Int {
        let sql = """
            SELECT COUNT(DISTINCT incidentID) FROM deliveries
            WHERE route = ? AND kind = 'triggered' AND createdAt >= ?
            """
        return try Int.fetchOne(db.cachedStatement(sql: sql), arguments: [route, since.timeIntervalSince1970]) ?? 0
    }
}
