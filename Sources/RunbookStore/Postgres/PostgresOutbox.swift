import Foundation
import Logging
import PostgresNIO
import RunbookCore

/// The outbox's part of other transactions on PostgreSQL: planning an incident change and writing the deliveries it
/// causes, with the same rules as SQLite (`DeliveryPlanning`, `DigestRule`).
///
/// Everything here runs on the caller's connection, inside its transaction, so a change and its deliveries commit or
/// roll back together.
enum PostgresOutbox {
    static let deliveryColumns = """
        id, incidentID, route, channel, kind, state, idempotencyKey, attempts, createdAt, dueAt, retryingSince,
        lastError, sentAt
        """

    /// Asks `planner` about `change` and writes what it planned; returns how many deliveries were written.
    static func plan(
        _ change: IncidentChange, with planner: any DeliveryPlanning, _ connection: PostgresConnection, logger: Logger
    ) async throws -> Int {
        let plan = try await decide(change, with: planner, connection, logger: logger)
        return try await write(plan, for: change, connection, logger: logger)
    }

    /// What `planner` decides for `change`, asking the database what it needs; writes nothing.
    ///
    /// A planner asks its storm counts synchronously, and PostgreSQL answers asynchronously: the planner runs with the
    /// counts known so far, the ones it asked for and did not get are read, and it runs again until it asked nothing
    /// new. Planning is a pure function, so only the last run counts.
    static func decide(
        _ change: IncidentChange, with planner: any DeliveryPlanning, _ connection: PostgresConnection, logger: Logger
    ) async throws -> NotificationPlan {
        let silences = try await activeSilences(at: change.at, connection, logger: logger)
        let notified = try await notifiedChannels(incidentID: change.incident.id, connection, logger: logger)
        let counts = StormCounts()
        while true {
            let context = PlanningContext(silences: silences, notifiedChannels: notified) { route, since in
                counts.answer(route: route, since: since)
            }
            let plan = planner.plan(change, context: context)
            let unanswered = counts.takeUnanswered()
            guard !unanswered.isEmpty else { return plan }
            for question in unanswered {
                counts.known[question] = try await triggeredCount(
                    route: question.route, since: question.since, connection, logger: logger)
            }
        }
    }

    /// Writes a plan's deliveries and its `silenced` event; returns how many deliveries were written.
    static func write(
        _ plan: NotificationPlan, for change: IncidentChange, _ connection: PostgresConnection, logger: Logger
    ) async throws -> Int {
        if !plan.silencedBy.isEmpty {
            let names = plan.silencedBy.map { "silence \($0.id.map(String.init) ?? "?"): \($0.comment)" }
            let event = TimelineEvent(
                incidentID: change.incident.id, at: change.at, kind: .silenced, actor: change.actor,
                detail: names.joined(separator: "; "))
            _ = try await PostgresRecords.insert(event, connection, logger: logger)
        }
        var written = 0
        for planned in plan.deliveries {
            written += try await write(
                planned, incidentID: change.incident.id, at: change.at, connection, logger: logger)
        }
        return written
    }

    /// The labels an incident is routed and silenced by outside ingestion: its first alert's.
    static func firstAlertLabels(
        incidentID: Int64, _ connection: PostgresConnection, logger: Logger
    ) async throws -> [String: String] {
        let rows = try await connection.query(
            "SELECT labels FROM alerts WHERE incidentID = \(incidentID) ORDER BY id LIMIT 1", logger: logger)
        for try await labels in rows.decode(String.self) {
            return try JSONDecoder().decode([String: String].self, from: Data(labels.utf8))
        }
        return [:]
    }

    /// A delivery by id, locked for the transaction; an unknown id is the client's fault.
    static func lockedDelivery(
        id: Int64, _ connection: PostgresConnection, logger: Logger
    ) async throws -> OutboxDelivery {
        let query = PostgresQuery(unsafeSQL: "SELECT \(deliveryColumns) FROM deliveries WHERE id = $1 FOR UPDATE",
                                  binds: binds(id))
        guard let delivery = try await deliveries(query, connection, logger: logger).first else {
            throw StoreError.notFound("no delivery \(id)")
        }
        return delivery
    }

    /// Rows of `deliveries` as queried (selecting `deliveryColumns`), each digest with the incidents it lists.
    static func deliveries(
        _ query: PostgresQuery, _ connection: PostgresConnection, logger: Logger
    ) async throws -> [OutboxDelivery] {
        var deliveries: [OutboxDelivery] = []
        for try await row in try await connection.query(query, logger: logger) {
            deliveries.append(try delivery(row.makeRandomAccess()))
        }
        for index in deliveries.indices where deliveries[index].kind == .digest {
            deliveries[index].digestIncidentIDs = try await digestIncidentIDs(
                of: deliveries[index].id, connection, logger: logger)
        }
        return deliveries
    }

    /// A condition on `deliveries` for the held deliveries of a digest whose id is bound as `placeholder`.
    static func members(of placeholder: String) -> String {
        """
        kind <> 'digest' AND (route, channel, digestAt) = \
        (SELECT route, channel, digestAt FROM deliveries WHERE id = \(placeholder))
        """
    }

    /// The incidents a digest lists, without repeats, in the order their held deliveries were written.
    private static func digestIncidentIDs(
        of digestID: Int64, _ connection: PostgresConnection, logger: Logger
    ) async throws -> [Int64] {
        let rows = try await connection.query(
            """
            SELECT member.incidentID FROM deliveries AS digest
            JOIN deliveries AS member ON member.route = digest.route AND member.channel = digest.channel
                AND member.digestAt = digest.digestAt AND member.kind <> 'digest'
            WHERE digest.id = \(digestID) ORDER BY member.createdAt, member.id
            """, logger: logger)
        var seen = Set<Int64>()
        var members: [Int64] = []
        for try await id in rows.decode(Int64.self) where seen.insert(id).inserted {
            members.append(id)
        }
        return members
    }

    private static func delivery(_ cells: PostgresRandomAccessRow) throws -> OutboxDelivery {
        let id = try cells[0].decode(Int64.self)
        guard let kind = DeliveryKind(rawValue: try cells[4].decode(String.self)),
              let state = DeliveryState(rawValue: try cells[5].decode(String.self))
        else {
            throw PostgresStoreFault("delivery \(id) has an unknown kind or state")
        }
        return OutboxDelivery(
            id: id, incidentID: try cells[1].decode(Int64.self), route: try cells[2].decode(String.self),
            channel: try cells[3].decode(String.self), kind: kind, state: state,
            idempotencyKey: try cells[6].decode(String.self), attempts: try cells[7].decode(Int.self),
            createdAt: Date(timeIntervalSince1970: try cells[8].decode(Double.self)),
            dueAt: Date(timeIntervalSince1970: try cells[9].decode(Double.self)),
            retryingSince: Date(timeIntervalSince1970: try cells[10].decode(Double.self)),
            lastError: try cells[11].decode(String?.self),
            sentAt: try cells[12].decode(Double?.self).map(Date.init(timeIntervalSince1970:)))
    }

    /// Writes one planned delivery where `DigestRule` puts it: pending alone, or held for its route's digest
    /// (writing the digest first when it is the first one held).
    ///
    /// Two nodes may both find no digest and both write it: the partial unique index on digests lets one insert land
    /// and the other do nothing, and the one that did nothing places its delivery by the digest it found after all.
    private static func write(
        _ planned: PlannedDelivery, incidentID: Int64, at: Date, _ connection: PostgresConnection, logger: Logger
    ) async throws -> Int {
        let digestTime = planned.digestAt?.timeIntervalSince1970
        var placement = DigestRule.placement(
            of: planned, digest: try await digest(for: planned, connection, logger: logger))
        var written = 0
        if case .held(writesDigest: true) = placement, let digestTime {
            let rows = try await connection.query(
                """
                INSERT INTO deliveries (incidentID, route, channel, kind, state, idempotencyKey, attempts, createdAt,
                    dueAt, retryingSince, digestAt)
                VALUES (\(incidentID), \(planned.route), \(planned.channel), 'digest', 'pending',
                    \(UUID().uuidString), 0, \(at.timeIntervalSince1970), \(digestTime), \(at.timeIntervalSince1970),
                    \(digestTime))
                ON CONFLICT (route, channel, digestAt) WHERE kind = 'digest' DO NOTHING
                RETURNING id
                """, logger: logger)
            if try await rows.count() == 1 {
                written += 1
            } else {
                placement = DigestRule.placement(
                    of: planned, digest: try await digest(for: planned, connection, logger: logger))
            }
        }
        let held = placement != .alone
        try await connection.query(
            """
            INSERT INTO deliveries (incidentID, route, channel, kind, state, idempotencyKey, attempts, createdAt, dueAt,
                retryingSince, digestAt)
            VALUES (\(incidentID), \(planned.route), \(planned.channel), \(planned.kind.rawValue),
                \(held ? DeliveryState.held.rawValue : DeliveryState.pending.rawValue), \(UUID().uuidString), 0,
                \(at.timeIntervalSince1970), \(planned.dueAt.timeIntervalSince1970), \(at.timeIntervalSince1970),
                \(held ? digestTime : nil))
            """, logger: logger)
        return written + 1
    }

    /// The digest a planned delivery would be held for, as `DigestRule` sees it; not read without a digest time.
    private static func digest(
        for planned: PlannedDelivery, _ connection: PostgresConnection, logger: Logger
    ) async throws -> DigestRule.Digest {
        guard let time = planned.digestAt?.timeIntervalSince1970 else { return .absent }
        let rows = try await connection.query(
            """
            SELECT state FROM deliveries
            WHERE kind = 'digest' AND route = \(planned.route) AND channel = \(planned.channel) AND digestAt = \(time)
            """, logger: logger)
        for try await state in rows.decode(String.self) {
            return state == DeliveryState.pending.rawValue ? .pending : .closed
        }
        return .absent
    }

    private static func activeSilences(
        at date: Date, _ connection: PostgresConnection, logger: Logger
    ) async throws -> [Silence] {
        let time = date.timeIntervalSince1970
        return try await PostgresStore.decodeSilences(connection.query(
            """
            SELECT id, matchers, startsAt, endsAt, createdBy, comment, expiredBy FROM silences
            WHERE endsAt > \(time) AND startsAt <= \(time) ORDER BY id DESC
            """, logger: logger))
    }

    /// Channels with a triggered or repeated delivery for the incident, in any state.
    private static func notifiedChannels(
        incidentID: Int64, _ connection: PostgresConnection, logger: Logger
    ) async throws -> Set<String> {
        let rows = try await connection.query(
            """
            SELECT DISTINCT channel FROM deliveries
            WHERE incidentID = \(incidentID) AND kind IN ('triggered', 'repeated')
            """, logger: logger)
        var channels = Set<String>()
        for try await channel in rows.decode(String.self) {
            channels.insert(channel)
        }
        return channels
    }

    /// Incidents a route has had triggered deliveries for since `since`, sent alone or held for a digest; an
    /// incident sent to several of the route's channels counts once.
    private static func triggeredCount(
        route: String, since: Date, _ connection: PostgresConnection, logger: Logger
    ) async throws -> Int {
        let rows = try await connection.query(
            """
            SELECT count(DISTINCT incidentID) FROM deliveries
            WHERE route = \(route) AND kind = 'triggered' AND createdAt >= \(since.timeIntervalSince1970)
            """, logger: logger)
        for try await count in rows.decode(Int64.self) {
            return Int(count)
        }
        return 0
    }

    private static func binds(_ id: Int64) -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(id)
        return bindings
    }

    /// The storm counts a planner asked for: those read so far, and those it asked for that were not.
    private final class StormCounts {
        struct Question: Hashable {
            var route: String
            var since: Date
        }

        var known: [Question: Int] = [:]
        private var unanswered: [Question] = []

        /// The count when known; else 0 for now, and the question is remembered.
        func answer(route: String, since: Date) -> Int {
            let question = Question(route: route, since: since)
            if let count = known[question] { return count }
            if !unanswered.contains(question) { unanswered.append(question) }
            return 0
        }

        func takeUnanswered() -> [Question] {
            defer { unanswered = [] }
            return unanswered
        }
    }
}
